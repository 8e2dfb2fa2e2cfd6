"""Text that looks like markup or a template stays literal in the DOCX, the PDF and the preview.

The sample communes are fit to show to officials; the hostile strings they used to carry live
in ``tests/data/literal-text.json`` (a copy of the urban commune), rendered here and, with the
samples, by every test of this folder that takes the ``example`` fixture.
"""

import html
import io

import docx
import pytest
from markupsafe import escape

from charter import iter_findings
from charter.documents import render_html
from charter.render.grammar import french

from .conftest import LITERAL, load
from .support import norm_loose, pdf_text_logical, strip_isolates

# What the fixture holds, by language: template syntax, markup, ampersands, quotes of all kinds.
LITERAL_TEXT = {
    "fr": [
        'D-47/2024 "charte" & <annexes>',
        "{{ le futur }}",
        "{% if %} ... {% endif %} ni de {# note invisible #}",
        "«Zitoun & <Demain>»",
        "'Femmes de l'Oued'",
        'Comité du quartier "Al Amal" & environs',
    ],
    "ar": [
        'D-47/2024 "charte" & <annexes>',
        "{{ المستقبل }}",
        "{% if %} ... {% endif %} أو {# ملاحظة خفية #}",
        "«الزيتون & <الغد>»",
        'لجنة حي "الأمل" & الجوار',
    ],
}


def _printed(literal: str, lang: str) -> str:
    """The literal as the charter prints it: the French charter sets its quotes and apostrophes
    one way (« » and ’), the answer's text is otherwise kept as typed."""
    return html.unescape(str(french(escape(literal)))) if lang == "fr" else literal


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return strip_isolates("\n".join(parts))


def test_the_fixture_is_a_valid_charter():
    assert [f.to_dict() for f in iter_findings(load(LITERAL)) if f.is_error] == []


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_markup_and_template_syntax_stay_literal_in_the_docx(rendered, lang):
    text = _docx_text(rendered.get(LITERAL, lang, "docx"))
    for literal in LITERAL_TEXT[lang]:
        assert _printed(literal, lang) in text, literal


def test_markup_and_template_syntax_stay_literal_in_the_pdf(rendered):
    text = norm_loose(pdf_text_logical(rendered.get(LITERAL, "fr", "pdf")))
    for literal in LITERAL_TEXT["fr"]:
        assert norm_loose(_printed(literal, "fr")) in text, literal


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_markup_and_template_syntax_are_escaped_once_in_the_preview(lang):
    page = render_html(load(LITERAL), lang)
    text = strip_isolates(html.unescape(page))  # what the browser shows
    for literal in LITERAL_TEXT[lang]:
        assert _printed(literal, lang) in text, literal
    assert "<annexes>" not in page and "<Demain>" not in page  # escaped, never markup
    assert "&amp;amp;" not in page and "&amp;lt;" not in page and "&amp;#" not in page


def test_the_samples_print_no_test_string():
    """What trainers show officials: no template syntax, no markup, no test numbers."""
    from .conftest import EXAMPLES

    for path in EXAMPLES:
        raw = path.read_text(encoding="utf-8")
        for probe in ("{{", "{%", "{#", "<", ">", "&", "D-47"):
            assert probe not in raw, (path.name, probe)
