"""DOCX reopened with python-docx: articles in order, right-to-left Arabic, Word's element order."""

import io
import re

import docx
from docx.oxml.ns import qn

from charter.render.ooxml import (
    isolated_segments,
    isolates_to_runs,
    order_errors,
    strong_direction,
    unbreakable_codes,
)

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


# --- Direction by run properties, never by control characters ----------------------------------

_ISOLATE = re.compile("[\u2066-\u2069]")


def test_no_part_carries_a_bidi_isolate(rendered, example, lang):
    for name, data in docx_parts(rendered.get(example, lang, "docx")).items():
        if name.endswith((".xml", ".rels")):
            assert not _ISOLATE.search(data.decode("utf-8")), name


_BARE = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def _runs(document):
    return _runs_of(document.element.body)


def test_latin_values_and_codes_in_arabic_text_are_left_to_right_runs(rendered, example):
    document = _document(rendered.get(example, "ar", "docx"))
    ltr = [text for text, rtl in _runs(document) if rtl == "0"]
    assert ltr  # every example holds numbers and codes inside Arabic sentences
    assert all(strong_direction(t) in ("ltr", None) for t in ltr), ltr
    assert any(re.fullmatch(r"\d+", t.strip()) for t in ltr)  # a number is a run of its own
    # a table cell is one inserted value: a Latin one (a code, an e-mail) is left to right
    for table in document.tables:
        for cell in table._tbl.iter(qn("w:tc")):
            runs = list(_runs_of(cell))
            text = "".join(t for t, _ in runs)
            # a lone identifier ("P2") is not isolated: its letters and digits keep their order
            if strong_direction(text) == "ltr" and not _BARE.fullmatch(text):
                assert all(rtl == "0" for t, rtl in runs if t.strip()), runs


def _runs_of(element):
    for run in element.iter(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        rtl = run.find(f"{qn('w:rPr')}/{qn('w:rtl')}")
        yield text, None if rtl is None else rtl.get(qn("w:val"), "1")


def test_isolated_values_become_pieces_of_their_own_direction():
    text = "بجماعة \u2068وادي الزيتون\u2069، رقم \u2068D-47/2024\u2069 و\u206896300\u2069 نسمة"
    assert isolated_segments(text, rtl=True) == [
        ("بجماعة وادي الزيتون، رقم ", True),
        ("D-47/2024", False),
        (" و", True),
        ("96300", False),
        (" نسمة", True),
    ]
    assert isolated_segments("la commune \u2068d’Oued \u2068Zitoun\u2069\u2069.", rtl=False) == [
        ("la commune d’Oued Zitoun.", False)
    ]
    assert isolated_segments("\u2069 stray \u2068open", rtl=False) == [(" stray open", False)]


def test_runs_keep_their_properties_and_gain_only_the_direction():
    xml = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>في \u2068Tiznit\u2069 اليوم</w:t></w:r></w:p>"
    assert isolates_to_runs(xml, rtl=True) == (
        '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">في </w:t></w:r>'
        '<w:r><w:rPr><w:b/><w:rtl w:val="0"/></w:rPr><w:t xml:space="preserve">Tiznit</w:t></w:r>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> اليوم</w:t></w:r></w:p>'
    )


def test_codes_in_left_to_right_runs_get_non_breaking_hyphens():
    ltr = '<w:r><w:rPr><w:b/><w:rtl w:val="0"/></w:rPr><w:t>D-47/2024</w:t></w:r>'
    assert unbreakable_codes(ltr, rtl=True) == (
        '<w:r><w:rPr><w:b/><w:rtl w:val="0"/></w:rPr><w:t xml:space="preserve">D</w:t>'
        '<w:noBreakHyphen/><w:t xml:space="preserve">47/2024</w:t></w:r>'
    )
    french = "<w:r><w:t>loi 113-14 du vice-président, décret 2-16-301</w:t></w:r>"
    assert unbreakable_codes(french, rtl=False) == (
        '<w:r><w:t xml:space="preserve">loi 113</w:t><w:noBreakHyphen/>'
        '<w:t xml:space="preserve">14 du vice-président, décret 2</w:t><w:noBreakHyphen/>'
        '<w:t xml:space="preserve">16</w:t><w:noBreakHyphen/>'
        '<w:t xml:space="preserve">301</w:t></w:r>'
    )
    # right to left: U+2011 is a bidi neutral where "-" separates numbers; "1-4" could reorder
    arabic = "<w:r><w:t>المواد 1-4</w:t></w:r>"
    assert unbreakable_codes(arabic, rtl=True) == arabic
    rtl_run = "<w:r><w:rPr><w:rtl/></w:rPr><w:t>المواد 1-4</w:t></w:r>"
    assert unbreakable_codes(rtl_run, rtl=False) == rtl_run
    assert (
        unbreakable_codes("<w:r><w:t>Sud-Est, week-end</w:t></w:r>", rtl=False).count("<w:t>") == 1
    )


_CODE_HYPHEN = re.compile(r"[0-9]-[0-9A-Z]|[A-Z]-[0-9]")


def test_no_line_ends_inside_a_code_of_a_left_to_right_run(rendered, example, lang):
    """LibreOffice broke "RI-" from "03/2021" at a line end: every code's hyphen in a run read
    left to right is Word's non-breaking hyphen, which python-docx reads back as "-"."""
    document = _document(rendered.get(example, lang, "docx"))
    for run in document.element.body.iter(qn("w:r")):
        rtl = run.find(f"{qn('w:rPr')}/{qn('w:rtl')}")
        run_rtl = lang == "ar" if rtl is None else rtl.get(qn("w:val"), "1") != "0"
        for t in run.iter(qn("w:t")):
            assert run_rtl or not _CODE_HYPHEN.search(t.text or ""), t.text
    text = "\n".join(p.text for p in document.paragraphs)
    if example.stem == "urban-oued-zitoun":
        assert "RI-03/2021" in text and "IE-02/2022" in text
        assert document.element.body.xpath("count(.//w:noBreakHyphen)") >= 2


# --- Pagination: rows, headings, the signature block, the contents, the cover -----------------


def test_table_rows_never_split_and_headers_repeat(rendered, example, lang):
    document = _document(rendered.get(example, lang, "docx"))
    assert document.tables
    for table in document.tables:
        rows = table._tbl.findall(qn("w:tr"))
        assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def _keeps_with_next(paragraph) -> bool:
    direct = paragraph._p.pPr is not None and paragraph._p.pPr.find(qn("w:keepNext")) is not None
    return direct or _style_chain_has(paragraph.style, "w:keepNext")


def test_headings_captions_and_the_signature_block_keep_with_what_follows(rendered, example, lang):
    model = rendered.get(example, lang, "model")
    document = _document(rendered.get(example, lang, "docx"))
    for p in document.paragraphs:
        if p.style.name in ("Heading 1", "Heading 2", "Heading 3", "Caption") and p.text:
            assert _keeps_with_next(p), p.text
    done_at = [p for p in document.paragraphs if p.text == model.done_at.unescape()]
    assert len(done_at) == 1 and _keeps_with_next(done_at[0])
    before = done_at[0]._p.getprevious()  # the end of the last article comes along
    assert before.tag == qn("w:p") and before.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    signatures = _signature_table(document, model)
    names = [s.name.unescape() for s in model.signatories]
    assert [row.cells[1].text for row in signatures.rows[1:]] == names
    for row in signatures.rows[:-1]:  # the last row keeps with nothing after the table
        assert all(_keeps_with_next(c.paragraphs[0]) for c in row.cells)


def _signature_table(document, model):
    heading = [model.labels[k] for k in ("signature_function", "signature_name", "signature")]
    return next(t for t in document.tables if [c.text for c in t.rows[0].cells] == heading)


def test_short_tables_keep_on_one_page_long_ones_may_run_over(rendered, example, lang):
    model = rendered.get(example, lang, "model")
    document = _document(rendered.get(example, lang, "docx"))
    blocks = [b for a in model.articles for b in a.blocks if b.kind == "table"]
    blocks += [b for a in model.annexes for b in a.blocks if b.kind == "table"]
    kept = [t for t in document.tables if all(map(_keeps_with_next, _cell_paragraphs(t)))]
    signatures = 1 if model.signatories else 0
    assert len(kept) == sum(b.keep for b in blocks) + signatures
    assert any(not b.keep for b in blocks) and any(b.keep for b in blocks)
    # the last row never keeps with what follows: kept tables in a row must not chain up
    for table in document.tables:
        assert not any(map(_keeps_with_next, _cell_paragraphs(table, table.rows[-1:])))


def _cell_paragraphs(table, rows=None):
    """The paragraphs of ``rows`` (default: all but the last, which keeps with nothing)."""
    rows = table.rows[:-1] if rows is None else rows
    return [p for row in rows for cell in row.cells for p in cell.paragraphs]


def test_a_table_of_contents_field_lists_every_chapter_and_annex(rendered, example, lang):
    document = _document(rendered.get(example, lang, "docx"))
    xml = document.element.body.xml
    assert 'TOC \\o "1-1"' in xml
    entries = [p.text for p in document.paragraphs if p.style.name == "toc 1" and p.text]
    assert entries == _heading_texts(document, "Heading 1")
    assert len(entries) >= 10


def test_the_cover_carries_no_page_number(rendered, example, lang):
    document = _document(rendered.get(example, lang, "docx"))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" not in section.first_page_footer._element.xml
    assert "PAGE" in section.footer._element.xml


def test_columns_are_as_wide_as_what_they_hold(rendered, example, lang):
    document = _document(rendered.get(example, lang, "docx"))
    for table in document.tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) <= 9638 and min(grid) > 0
        cells = table._tbl.findall(f"{qn('w:tr')}/{qn('w:tc')}")
        assert {int(c.tcPr.tcW.get(qn("w:w"))) for c in cells} <= set(grid)
    signatures = _signature_table(document, rendered.get(example, lang, "model"))
    widths = [int(c.get(qn("w:w"))) for c in signatures._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[2] >= sum(widths) // 4  # the empty signature column is room to sign in
