"""PDF: text in logical order, every article heading, the answers attached, PDF/A-3a metadata."""

import io
import json

import pikepdf

from charter.documents import extract_answers, extract_attachment
from charter.render.pdf import answers_bytes

from .conftest import load
from .support import norm, pdf_text_logical, strip_isolates


def test_the_pdf_text_holds_the_commune_and_every_article_heading(rendered, example, lang):
    model = rendered.get(example, lang, "model")
    raw = pdf_text_logical(rendered.get(example, lang, "pdf"))
    name = load(example)["commune"]["name"][lang]
    assert norm(name) in norm(raw)
    key = norm
    text = key(raw)
    missing = [a.label for a in model.articles if key(strip_isolates(str(a.heading))) not in text]
    assert missing == []


def test_pdf_and_docx_carry_the_same_articles_in_the_same_order(rendered, example, lang):
    import docx

    model = rendered.get(example, lang, "model")
    document = docx.Document(io.BytesIO(rendered.get(example, lang, "docx")))
    in_docx = [strip_isolates(p.text) for p in document.paragraphs if p.style.name == "Heading 2"]
    key = norm
    text = key(pdf_text_logical(rendered.get(example, lang, "pdf")))
    positions = [text.find(key(h)) for h in in_docx]
    assert len(in_docx) == len(model.articles)
    assert -1 not in positions
    assert positions == sorted(positions)


def test_the_attachment_reads_back_equal_to_the_input(rendered, example, lang):
    pdf = rendered.get(example, lang, "pdf")
    answers = load(example)
    assert extract_answers(pdf) == answers
    assert extract_attachment(pdf) == answers_bytes(answers)
    assert json.loads(extract_attachment(pdf)) == answers


def test_the_pdf_is_pdf_a_3a_with_title_language_and_a_data_attachment(rendered, example, lang):
    model = rendered.get(example, lang, "model")
    with pikepdf.open(io.BytesIO(rendered.get(example, lang, "pdf"))) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "3"
        assert meta["pdfaid:conformance"] == "A"
        assert strip_isolates(meta["dc:title"]) == str(model.title)
        assert str(pdf.Root.Lang) == lang
        assert "/StructTreeRoot" in pdf.Root
        spec = pdf.attachments["answers.json"]
        assert spec.obj.AFRelationship == pikepdf.Name.Data
        assert "/AF" in pdf.Root


def test_the_running_header_and_page_numbers_are_printed(rendered, example, lang):
    text = pdf_text_logical(rendered.get(example, lang, "pdf"))
    model = rendered.get(example, lang, "model")
    with pikepdf.open(io.BytesIO(rendered.get(example, lang, "pdf"))) as pdf:
        pages = len(pdf.pages)
    label = f"الصفحة 2 من {pages}" if lang == "ar" else f"Page 2 sur {pages}"
    assert norm(label) in norm(text)
    assert norm(str(model.running_header)) in norm(text)


def test_weasyprint_logs_no_warning(rendered):
    from .conftest import EXAMPLES

    for example in EXAMPLES:
        for lang in ("ar", "fr"):
            rendered.get(example, lang, "pdf")
    assert rendered.weasyprint_warnings == []
