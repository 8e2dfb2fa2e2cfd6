"""Pagination of the PDF, read back page by page (pdfium): cover, contents, tables, signatures."""

import pypdfium2
import pytest

from .support import norm_loose, strip_isolates


def pages(pdf: bytes) -> list[str]:
    """Each page's text (logical order, pdfium), loosely normalised (letters and digits)."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [norm_loose(page.get_textpage().get_text_range()) for page in doc]
    finally:
        doc.close()


def key(*values) -> str:
    """Values joined, then normalised (so lam-alef runs across them are ordered as on the page)."""
    text = " ".join(v.unescape() if hasattr(v, "unescape") else str(v) for v in values)
    return norm_loose(strip_isolates(text))


@pytest.fixture
def charter(rendered, example, lang):
    return rendered.get(example, lang, "model"), pages(rendered.get(example, lang, "pdf"))


def test_the_cover_has_no_page_number_and_every_other_page_has_one(charter):
    model, texts = charter
    label = key(model.labels["page"])
    assert label not in texts[0]
    total = len(texts)
    for number, text in enumerate(texts[1:], start=2):
        assert key(f"{model.labels['page']} {number} {model.labels['page_of']} {total}") in text


def test_the_contents_give_each_chapter_and_annex_its_page(charter):
    model, texts = charter
    contents = texts[1]
    assert key(model.labels["contents"]) in contents
    for part in model.sections + model.annexes:
        heading = key(part.label, part.title)
        found = [n for n, text in enumerate(texts[2:], start=3) if heading in text]
        assert found, f"{part.id}: heading not found"
        entry = key(part.label, model.labels["heading_sep"], part.title)
        assert entry + str(found[0]) in contents, f"{part.id}: contents do not say page {found[0]}"


def test_a_table_caption_is_on_the_page_of_its_table(charter):
    model, texts = charter
    tables = [b for a in model.articles for b in a.blocks if b.kind == "table" and b.caption]
    tables += [b for x in model.annexes for b in x.blocks if b.kind == "table" and b.caption]
    for table in tables:
        caption, first = key(table.caption), key(table.header[0], table.header[1])
        on = [n for n, text in enumerate(texts) if caption in text]
        assert on, f"caption not found: {table.caption}"
        assert first in texts[on[0]], f"{table.caption}: its table starts on another page"


def test_the_closing_line_and_signatures_share_a_page_with_the_last_article(charter):
    model, texts = charter
    assert model.signatories  # every example is signed
    closing, names = key(model.done_at), [key(s.name) for s in model.signatories]
    signed = [n for n, t in enumerate(texts) if closing in t and all(x in t for x in names)]
    assert signed, "the closing line and the signatures are not on one page"
    last = model.articles[-1].blocks[-1]
    words = last.items[-1] if last.kind == "list" else last.text
    assert key(words)[-30:] in texts[signed[0]]
