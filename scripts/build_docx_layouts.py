"""Generate the two Word layouts, templates/docx/charter-ar.docx and charter-fr.docx.

    .venv/bin/python scripts/build_docx_layouts.py

The layouts hold styles and docxtpl tags only; the wording comes from the clause library and the
answers. A legal advisor may open them in Word and restyle them (styles "Normal", "Heading 1"
(chapters), "Heading 2" (articles), "Heading 3", "List Bullet", "Title", "Letterhead", "Table Text",
"Table Heading", "Caption", "Closing" (the place and date above the signatures), table style
"Table Grid"); the tags ({{ … }}, {%p … %}, {%tr … %},
{%tc … %}) must stay as they are. python-docx has no API for the right-to-left properties, so
they are inserted by hand in the schema order Word expects (charter.render.ooxml).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_TABLE_DIRECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from charter.render.ooxml import PPR, RPR, SECTPR, TBLPR, TRPR, set_child  # noqa: E402

FONT = "Amiri"
TABLE_STYLES = {"TableNormal", "TableGrid"}  # the default table style, and the one the tables use
OUT = ROOT / "templates" / "docx"

# name: (size pt, bold, alignment, space before pt, space after pt, keep with next).
# "left" is the start edge: in a bidi paragraph Word reads w:jc logically (right in Arabic).
STYLES = {
    "Normal": (12, False, "both", 0, 4, False),
    "Letterhead": (12.5, True, "center", 0, 0, False),
    "Title": (22, True, "center", 48, 18, False),
    "Subtitle": (13, False, "center", 0, 4, False),
    "Heading 1": (15, True, "center", 18, 8, True),
    "Heading 2": (12.5, True, "left", 8, 2, True),
    "Heading 3": (12, True, "left", 6, 2, True),
    "List Bullet": (12, False, "both", 0, 2, False),
    "Caption": (11, True, "left", 6, 3, True),
    "Table Text": (10.5, False, "left", 0, 0, False),
    "Table Heading": (10.5, True, "left", 0, 0, False),
    "Header": (9.5, False, "center", 0, 0, False),
    "Footer": (9.5, False, "center", 0, 0, False),
    "Watermark": (40, True, "center", 0, 0, False),
    "Signature": (12, True, "center", 0, 0, False),
    "Closing": (12, False, "left", 10, 4, True),
    "Contents Title": (15, True, "center", 0, 10, True),
    "toc 1": (11, False, "left", 0, 1, False),
}
# The letterhead stands at the top of the start edge (right in Arabic), centred in a block of 48%
# of the text width, as in the PDF (templates/html/charter.css, .letterhead): the end indent.
LETTERHEAD_END_INDENT = 5012  # twips: 52% of the 9638 twips between the margins
HEADING_1, HEADING_1_FR = (
    "{{ section.label }}: {{ section.title }}",
    "{{ section.label }} : {{ section.title }}",
)
ANNEX_1, ANNEX_1_FR = (
    "{{ annex.label }}: {{ annex.title }}",
    "{{ annex.label }} : {{ annex.title }}",
)
TOC_TITLE = {"ar": "الفهرس", "fr": "Sommaire"}


def _rpr_fonts(rpr, size: float, bold: bool, rtl: bool) -> None:
    for child in list(rpr):  # drop python-docx's theme fonts and colours: explicit is restylable
        rpr.remove(child)
    set_child(rpr, "rFonts", RPR, ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)
    if bold:
        set_child(rpr, "b", RPR)
        set_child(rpr, "bCs", RPR)
    set_child(rpr, "color", RPR, val="000000")
    half = str(round(size * 2))
    set_child(rpr, "sz", RPR, val=half)
    set_child(rpr, "szCs", RPR, val=half)
    if rtl:
        set_child(rpr, "rtl", RPR)
    set_child(rpr, "lang", RPR, val="fr-MA" if not rtl else "ar-MA", bidi="ar-MA")


def _style(doc, name: str, rtl: bool):
    from docx.enum.style import WD_STYLE_TYPE

    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
    size, bold, align, before, after, keep = STYLES[name]
    ppr = style.element.get_or_add_pPr()
    for tag in ("jc", "spacing", "bidi", "keepNext", "pBdr", "contextualSpacing", "ind"):
        el = ppr.find(qn(f"w:{tag}"))
        if el is not None:
            ppr.remove(el)
    if keep:
        set_child(ppr, "keepNext", PPR)
    if rtl:
        set_child(ppr, "bidi", PPR)
    set_child(
        ppr,
        "spacing",
        PPR,
        before=str(before * 20),
        after=str(after * 20),
        line="240" if name == "toc 1" else "264",  # the contents fit on one page
        lineRule="auto",
    )
    if name == "List Bullet":
        set_child(ppr, "ind", PPR, start="567", hanging="283")
    if name == "Letterhead":
        set_child(ppr, "ind", PPR, end=str(LETTERHEAD_END_INDENT))
    # In a bidi paragraph w:jc is logical: unset = start edge (right in Arabic); never "right".
    if align:
        set_child(ppr, "jc", PPR, val=align)
    _rpr_fonts(style.element.get_or_add_rPr(), size, bold, rtl)
    if name == "Watermark":
        style.element.rPr.find(qn("w:color")).set(qn("w:val"), "E8B4B4")
    return style


def _defaults(doc, rtl: bool) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _rpr_fonts(rpr, 12, False, False)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "ar-MA" if rtl else "fr-MA")


def _p(container, text: str = "", style: str = "Normal"):
    p = container.add_paragraph(style=style)
    if text:
        p.add_run(text)
    return p


def _fld_char(paragraph, kind: str) -> None:
    run = OxmlElement("w:r")
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    run.append(el)
    paragraph._p.append(run)


def _field_start(paragraph, instruction: str) -> None:
    """A complex field's start: its instruction, then its result up to ``_fld_char(p, "end")``."""
    _fld_char(paragraph, "begin")
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run.append(instr)
    paragraph._p.append(run)
    _fld_char(paragraph, "separate")


def _field(paragraph, instruction: str) -> None:
    _field_start(paragraph, instruction)
    paragraph.add_run("1")
    _fld_char(paragraph, "end")


def _keep_with_next(paragraph) -> None:
    set_child(paragraph._p.get_or_add_pPr(), "keepNext", PPR)


def _table(doc, rtl: bool, header_cells: list[str], body_cells: list[str], tr: bool = True):
    """A docxtpl table: header row, then rows repeated by {%tr for %}."""
    ncols = len(header_cells)
    rows = 4 if tr else 2
    table = doc.add_table(rows=rows, cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if rtl:
        table.table_direction = WD_TABLE_DIRECTION.RTL
    set_child(table._tbl.tblPr, "tblW", TBLPR, w="5000", type="pct")
    for row in table.rows:  # a row never splits across pages (a stray ".ma" line)
        set_child(row._tr.get_or_add_trPr(), "cantSplit", TRPR)
    head = table.rows[0]  # repeated at the top of every page the table runs onto
    set_child(head._tr.get_or_add_trPr(), "tblHeader", TRPR)
    for cell, text in zip(head.cells, header_cells, strict=True):
        cell.paragraphs[0].style = doc.styles["Table Heading"]
        cell.paragraphs[0].add_run(text)
        tcpr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), "E9EDF2")
        tcpr.append(shd)
    body = table.rows[1:] if not tr else table.rows[1:4]
    texts = [[t] + [""] * (ncols - 1) for t in body_cells] if tr else [body_cells]
    for row, cells in zip(body, texts, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].style = doc.styles["Table Text"]
            if text:
                cell.paragraphs[0].add_run(text)
    return table


def build(lang: str) -> Path:
    rtl = lang == "ar"
    doc = Document()
    _defaults(doc, rtl)
    for name in STYLES:
        _style(doc, name, rtl)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    section.left_margin = section.right_margin = Cm(2)
    section.header_distance, section.footer_distance = Cm(1.1), Cm(1.0)
    section.start_type = WD_SECTION.NEW_PAGE
    section.different_first_page_header_footer = True
    if rtl:
        set_child(section._sectPr, "bidi", SECTPR)

    # Running header: the commune's name; the draft mark on every page (first page included).
    for header, first in ((section.header, False), (section.first_page_header, True)):
        p = header.paragraphs[0]
        p.style = doc.styles["Header"]
        if not first:
            p.add_run("{{ charter.running_header }}")
        w = header.add_paragraph(style="Watermark")
        w.add_run("{% if charter.draft %}{{ charter.labels.draft }}{% endif %}")
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.add_run("{{ charter.labels.page }} ")
    _field(footer, "PAGE")
    footer.add_run(" {{ charter.labels.page_of }} ")
    _field(footer, "NUMPAGES")

    body = doc  # the first paragraph python-docx gives is reused below
    # Draft: the findings on a first page.
    _p(body, "{%p if charter.draft %}")
    _p(body, "{{ charter.labels.draft_title }}", "Title")
    _p(body, "{{ charter.labels.draft_notice }}")
    _p(body, "{%p if charter.findings %}")
    t = _table(
        doc,
        rtl,
        [
            "{{ charter.labels.finding_severity }}",
            "{{ charter.labels.finding_field }}",
            "{{ charter.labels.finding_message }}",
            "{{ charter.labels.finding_citation }}",
        ],
        ["{%tr for f in charter.findings %}", "", "{%tr endfor %}"],
    )
    for cell, text in zip(
        t.rows[2].cells,
        ["{{ f.severity_label }}", "{{ f.field }}", "{{ f.message }}", "{{ f.citation }}"],
        strict=True,
    ):
        cell.paragraphs[0].add_run(text)
    _p(body, "{%p else %}")
    _p(body, "{{ charter.labels.no_findings }}")
    _p(body, "{%p endif %}")
    _p(body).add_run().add_break(WD_BREAK.PAGE)
    _p(body, "{%p endif %}")

    # Title page: the letterhead of Moroccan communal documents, then the title.
    _p(body, "{%p for line in charter.letterhead %}")
    lh = _p(body, "{{ line }}", "Letterhead")
    lh.paragraph_format.alignment = None
    _p(body, "{%p endfor %}")
    _p(body, "{{ charter.title }}", "Title")
    _p(body, "{%p for line in charter.subtitle %}")
    _p(body, "{{ line }}", "Subtitle")
    _p(body, "{%p endfor %}")
    _p(body).add_run().add_break(WD_BREAK.PAGE)

    # Table of contents: a TOC field of the chapters and annexes (Heading 1) that Word updates
    # with page numbers; its result is filled in advance, so it is never empty before an update.
    _p(body, TOC_TITLE[lang], "Contents Title")
    _field_start(_p(body, style="toc 1"), 'TOC \\o "1-1" \\h \\z \\u')
    _p(body, "{%p for section in charter.sections %}")
    _p(body, HEADING_1 if rtl else HEADING_1_FR, "toc 1")
    _p(body, "{%p endfor %}")
    _p(body, "{%p for annex in charter.annexes %}")
    _p(body, ANNEX_1 if rtl else ANNEX_1_FR, "toc 1")
    _p(body, "{%p endfor %}")
    end = _p(body, style="toc 1")
    _fld_char(end, "end")
    end.add_run().add_break(WD_BREAK.PAGE)

    # Chapters and articles, numbered in the text ("المادة 1", "Article premier").
    _p(body, "{%p for section in charter.sections %}")
    _p(body, HEADING_1 if rtl else HEADING_1_FR, "Heading 1")
    _p(body, "{%p for article in section.articles %}")
    _p(body, "{{ article.heading }}", "Heading 2")
    _p(body, "{%p for block in article.blocks %}")
    _blocks(doc, rtl)
    _p(body, "{%p endfor %}")
    _p(body, "{%p endfor %}")
    _p(body, "{%p endfor %}")

    # Signatures.
    _p(body, "{%p if charter.signatories %}")
    # "Closing" keeps with the table; the render keeps the paragraph before it with it too, so
    # the signatures never stand alone on a page (charter.render.docx).
    _p(body, "{{ charter.done_at }}", "Closing")
    sig = _table(
        doc,
        rtl,
        [
            "{{ charter.labels.signature_function }}",
            "{{ charter.labels.signature_name }}",
            "{{ charter.labels.signature }}",
        ],
        ["{%tr for s in charter.signatories %}", "", "{%tr endfor %}"],
    )
    for cell, text in zip(sig.rows[2].cells, ["{{ s.function }}", "{{ s.name }}", ""], strict=True):
        cell.paragraphs[0].add_run(text)
    sig.rows[2].height = Cm(2.2)
    for row in sig.rows:  # the block stays on one page: the last signatory is never alone
        for cell in row.cells:
            _keep_with_next(cell.paragraphs[0])
    _p(body, "{%p endif %}")

    # Annexes.
    _p(body, "{%p for annex in charter.annexes %}")
    h = _p(body, ANNEX_1 if rtl else ANNEX_1_FR, "Heading 1")
    h.paragraph_format.page_break_before = True
    _p(body, "{%p for block in annex.blocks %}")
    _blocks(doc, rtl)
    _p(body, "{%p endfor %}")
    _p(body, "{%p endfor %}")

    # The first (empty) paragraph python-docx starts with is dropped.
    first = doc.paragraphs[0]
    if not first.text:
        first._p.getparent().remove(first._p)
    props = doc.core_properties
    props.title = "{{ charter.title }}"
    props.language = "ar-MA" if rtl else "fr-MA"
    props.author = "Mithaq"
    props.subject = "{{ charter.running_header }}"
    props.comments = ""
    props.identifier = ""
    props.keywords = ""
    props.revision = 1
    from datetime import datetime

    props.created = props.modified = datetime(2026, 1, 1)
    props.last_modified_by = "Mithaq"
    _only_used_parts(doc)
    path = OUT / f"charter-{lang}.docx"
    doc.save(path)
    return path


def _only_used_parts(doc) -> None:
    """Leave out what python-docx's default template carries and no charter uses: 99 of its 100
    table styles (312 KB of styles.xml: Word and LibreOffice keep their own built-in ones) and
    stylesWithEffects.xml (438 KB, read by Word 2010 only). Every render parses, writes and
    compresses every part of the layout: these were two thirds of a DOCX's bytes and ~20% of
    its time."""
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in TABLE_STYLES:
            styles.remove(style)
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)


def _blocks(doc, rtl: bool) -> None:
    """One block of an article or annex: paragraph, sub-heading, list or table."""
    _p(doc, '{%p if block.kind == "paragraph" %}')
    _p(doc, "{{ block.text }}")
    _p(doc, '{%p elif block.kind == "heading" %}')
    _p(doc, "{{ block.text }}", "Heading 3")
    _p(doc, '{%p elif block.kind == "list" %}')
    _p(doc, "{%p for item in block.items %}")
    _p(doc, "{{ item }}", "List Bullet")
    _p(doc, "{%p endfor %}")
    _p(doc, '{%p elif block.kind == "table" %}')
    _p(doc, "{%p if block.caption %}")
    _p(doc, "{{ block.caption }}", "Caption")
    _p(doc, "{%p endif %}")
    # A short table (a composition, an indicator sheet) stays on one page: every row keeps with
    # the next. A long one may run over pages, row by row, its heading row repeated.
    _p(doc, "{%p if block.keep %}")
    _block_table(doc, rtl, keep=True)
    _p(doc, "{%p else %}")
    _block_table(doc, rtl, keep=False)
    _p(doc, "{%p endif %}")
    _p(doc, "{%p endif %}")


def _block_table(doc, rtl: bool, keep: bool) -> None:
    t = _table(
        doc,
        rtl,
        ["{%tc for h in block.header %}", "{{ h }}", "{%tc endfor %}"],
        ["{%tr for row in block.rows %}", "", "{%tr endfor %}"],
    )
    for cell, text in zip(
        t.rows[2].cells, ["{%tc for c in row %}", "{{ c }}", "{%tc endfor %}"], strict=True
    ):
        cell.paragraphs[0].add_run(text)
    if keep:
        for row in t.rows:
            for cell in row.cells:
                _keep_with_next(cell.paragraphs[0])


if __name__ == "__main__":
    for lang in ("ar", "fr"):
        print(build(lang).relative_to(ROOT))  # noqa: T201 - a script says what it wrote
