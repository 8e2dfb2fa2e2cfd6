"""DOCX reopened with python-docx: articles in order, right-to-left Arabic, Word's element order."""

import io
import re

import docx
from docx.oxml.ns import qn

from charter.render.ooxml import order_errors

from .support import docx_parts, strict_xml, strip_isolates


def _document(data: bytes):
    return docx.Document(io.BytesIO(data))


def _heading_texts(document, style: str) -> list[str]:
    return [strip_isolates(p.text) for p in document.paragraphs if p.style.name == style and p.text]


def test_the_docx_carries_every_article_in_order(rendered, example, lang):
    model = rendered.get(example, lang, "model")
    document = _document(rendered.get(example, lang, "docx"))
    expected = [strip_isolates(str(a.heading)) for a in model.articles]
    assert _heading_texts(document, "Heading 2") == expected
    chapters = _heading_texts(document, "Heading 1")
    assert len(chapters) == len(model.sections) + len(model.annexes)


# The layout's own tags (answers may hold "{{ }}" literally: the examples do).
_LAYOUT_TAG = re.compile(
    rb"\{%(p|tr|tc) |\{\{ ?(charter|block|article|section|annex|item|line|h|c|f|s)\b"
)


def test_every_part_is_well_formed_xml_with_no_template_tag_left(rendered, example, lang):
    for name, data in docx_parts(rendered.get(example, lang, "docx")).items():
        if name.endswith((".xml", ".rels")):
            strict_xml(data)
            assert not _LAYOUT_TAG.search(data), name


def test_property_elements_follow_the_schema_order_word_expects(rendered, example, lang):
    parts = docx_parts(rendered.get(example, lang, "docx"))
    for name in ("word/document.xml", "word/styles.xml"):
        assert order_errors(strict_xml(parts[name])) == [], name


def _style_chain_has(style, tag: str) -> bool:
    while style is not None:
        ppr = style.element.pPr
        if ppr is not None and ppr.find(qn(tag)) is not None:
            return True
        style = style.base_style
    return False


def test_arabic_paragraphs_tables_and_sections_are_right_to_left(rendered, example):
    document = _document(rendered.get(example, "ar", "docx"))
    body = [p for p in document.paragraphs if p.text.strip()]
    assert body
    for p in body:
        direct = p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None
        assert direct or _style_chain_has(p.style, "w:bidi"), p.text[:40]
    assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in document.tables)
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is not None
    styles = document.styles.element.xml
    assert 'w:bidi="ar-MA"' in styles and 'w:cs="Amiri"' in styles and "w:szCs" in styles


def test_french_paragraphs_are_left_to_right(rendered, example):
    document = _document(rendered.get(example, "fr", "docx"))
    assert "<w:bidi/>" not in document.styles.element.xml
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is None


def test_the_commune_name_is_in_the_header_and_the_title(rendered, example, lang):
    model = rendered.get(example, lang, "model")
    document = _document(rendered.get(example, lang, "docx"))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert strip_isolates(str(model.running_header)) in strip_isolates(header)
    assert strip_isolates(document.core_properties.title) == str(model.title)
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
