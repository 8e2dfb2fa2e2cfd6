"""Escaping, the sandbox, the network, drafts: bad input never breaks a file or leaks."""

import copy
import html
import http.server
import io
import threading

import docx
import jinja2
import pdfplumber
import pytest
from markupsafe import escape

from charter.documents import charter_model, extract_answers, render_docx, render_html, render_pdf
from charter.errors import AnswersFileError, InvalidAnswersError, TemplateError
from charter.model import build_charter
from charter.render.docx import render_docx as docx_from_model
from charter.render.environment import environment
from charter.render.grammar import french
from charter.render.html import render_html as html_from_model
from charter.render.html import render_layout
from charter.render.pdf import html_to_pdf
from charter.render.templates import shipped

from .conftest import EXAMPLES, load
from .support import docx_parts, norm_loose, pdf_text_logical, strict_xml, strip_isolates

# control characters (an error, dropped from a draft's text); a vertical tab would be a line
# break: the answers' boundary turns Word's manual line break into one
NASTY = "A & B <b>x</b> \"q\" 'a' {{ 7*7 }} {% if 1 %}x{% endif %} \x07\x01end"
CLEAN = "A & B <b>x</b> \"q\" 'a' {{ 7*7 }} {% if 1 %}x{% endif %} end"
# The French charter sets quotes and apostrophes one way (« » and ’): the answer's text is kept,
# its typography is the charter's.
CLEAN_FR = html.unescape(str(french(escape(CLEAN))))
SIDI_FR = html.unescape(str(french(escape('Aït <Tamount> & "Sidi"'))))


@pytest.fixture(scope="module")
def nasty():
    answers = copy.deepcopy(load(EXAMPLES[0]))
    answers["preamble"]["context"] = {"ar": "سياق " + NASTY, "fr": "Contexte " + NASTY}
    answers["commune"]["name"]["fr"] = 'Aït <Tamount> & "Sidi"'
    return answers


@pytest.fixture(scope="module")
def nasty_docx(nasty):
    return {lang: render_docx(nasty, lang, draft=True) for lang in ("ar", "fr")}


def test_answers_with_markup_and_template_syntax_come_out_literally_in_the_docx(nasty_docx):
    for lang, data in nasty_docx.items():
        for name, part in docx_parts(data).items():
            if name.endswith(".xml"):
                strict_xml(part)
        text = "\n".join(strip_isolates(p.text) for p in docx.Document(io.BytesIO(data)).paragraphs)
        assert (CLEAN_FR if lang == "fr" else CLEAN) in text, lang
        assert "49" not in text
    fr = docx.Document(io.BytesIO(nasty_docx["fr"]))
    assert SIDI_FR in strip_isolates(fr.sections[0].header.paragraphs[0].text)


def test_answers_with_markup_come_out_literally_in_the_pdf(nasty):
    text = pdf_text_logical(render_pdf(nasty, "fr", draft=True))
    assert norm_loose(CLEAN_FR) in norm_loose(text)
    assert "<b>" not in render_html(nasty, "fr", draft=True).split("Contexte", 1)[1][:200]


def test_a_lone_surrogate_neither_breaks_the_files_nor_the_attachment():
    # "\ud800" is valid JSON. (The validator itself is bypassed here: see the closing notes.)
    answers = copy.deepcopy(load(EXAMPLES[0]))
    answers["preamble"]["vision"]["fr"] += " \ud800 fin"
    model = build_charter(answers, "fr", draft=True)
    for part in docx_parts(docx_from_model(model, shipped().layout("fr"))).values():
        if part.startswith(b"<?xml"):
            strict_xml(part)
    pdf = html_to_pdf(html_from_model(model), answers)
    # reading it back crosses the answers' boundary, which refuses it in one located line
    with pytest.raises(AnswersFileError, match="/preamble/vision/fr holds a lone surrogate"):
        extract_answers(pdf)


def test_control_characters_are_an_error_without_draft(nasty):
    with pytest.raises(InvalidAnswersError):
        render_docx(nasty, "fr")


def test_a_draft_is_watermarked_and_lists_its_findings(nasty, nasty_docx):
    model = charter_model(nasty, "fr", draft=True)
    assert model.draft and model.findings
    assert any(f.severity == "error" for f in model.findings)
    pdf = render_pdf(nasty, "fr", draft=True)
    text = pdf_text_logical(pdf)
    assert "/preamble/context/fr" in [f.path for f in model.findings]
    first_page = text.split("Page 1 sur")[0]
    # the field named by its titles, never by its JSON pointer
    assert "Erreur" in first_page and "Préambule" in first_page
    assert "preamble/" not in first_page
    with pdfplumber.open(io.BytesIO(pdf)) as doc:  # the watermark: large letters on every page
        for page in doc.pages:
            assert "".join(c["text"] for c in page.chars if c["size"] > 50) == "PROJET"
    header = docx.Document(io.BytesIO(nasty_docx["ar"])).sections[0].header
    assert "مسودة" in strip_isolates(" ".join(p.text for p in header.paragraphs))


def test_a_layout_reaching_for_python_internals_is_refused():
    for payload in (
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ charter.__class__ }}",
        "{{ '{0.__class__}'.format(charter) }}",
    ):
        with pytest.raises((TemplateError, jinja2.TemplateSyntaxError)):  # at render or compile
            render_layout(environment().from_string(payload), charter=object())


def test_a_word_layout_reaching_for_python_internals_is_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph("{{ charter.__class__.__mro__ }}")
    path = tmp_path / "evil.docx"
    document.save(path)
    model = charter_model(load(EXAMPLES[0]), "fr")
    with pytest.raises(TemplateError, match="not allowed"):
        docx_from_model(model, path)


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):  # noqa: N802 - the http.server API
        type(self).hits += 1
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_nothing_is_fetched_from_the_network(caplog):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        html = (
            f'<html lang="fr"><head><title>t</title><link rel="stylesheet" href="{url}/s.css">'
            f'</head><body><p>x</p><img src="{url}/x.png"><img src="file:///etc/hostname">'
            "</body></html>"
        )
        with caplog.at_level("WARNING", logger="weasyprint"):
            html_to_pdf(html, {"schema_version": "1.1", "level": "commune"})
    finally:
        server.shutdown()
        server.server_close()
    assert _Counter.hits == 0
    refusals = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 3
