"""Helpers for reading charters back: PDF text in logical order (stack.md §2.4), DOCX parts."""

import io
import re
import subprocess
import tempfile
import unicodedata
import zipfile
from collections import Counter
from datetime import datetime

import pdfplumber
import pypdfium2
from bidi import get_display
from lxml import etree
from lxml import html as lxml_html

_AR = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_CTRL = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u0640")
)
_LAM_ALEF = re.compile("[\u0644\u0627\u0623\u0625\u0622]{2,}")


def pdf_text_logical(pdf: bytes) -> str:
    """The PDF's text, each visual line put back in logical order."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        lines = [line for p in doc.pages for line in (p.extract_text() or "").splitlines()]
    return "\n".join(get_display(ln, base_dir="R" if _AR.search(ln) else "L") for ln in lines)


def norm(s: str) -> str:
    """NFKC, no bidi controls, tatweel or whitespace, canonical lam/alef order."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", s).translate(_CTRL))
    return _LAM_ALEF.sub(lambda m: m.group().replace("ل", "") + "ل" * m.group().count("ل"), s)


def norm_loose(s: str) -> str:
    """``norm`` without punctuation and symbols (mirrored or moved at direction changes)."""
    return "".join(c for c in norm(s) if unicodedata.category(c)[0] not in "PS")


def strip_isolates(s: str) -> str:
    return s.translate(_CTRL)


def docx_parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {n: z.read(n) for n in z.namelist()}


def strict_xml(data: bytes):
    """Parse without recovery: a broken part raises."""
    return etree.fromstring(data, etree.XMLParser(recover=False, resolve_entities=False))


# --- The text layer against the model's text (letters, marks and digits, as multisets) ---------
# Page furniture (running header, page numbers) lies in the page margins, so the readers are asked
# for the text inside the page body only; the model's text is the HTML's visible text. Order and
# spacing differ between readers (bidi, columns), so what is compared is which letters, marks and
# digits are there, how many times: a letter lost, or read as another, shows up either way.
MM = 72 / 25.4
TOP, BOTTOM = 24 * MM, 22 * MM  # charter.css @page margins
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "td", "th", "div", "br", "caption", "tr", "span")
_FURNITURE = '//*[contains(@class,"running-name") or contains(@class,"page-label") or contains(@class,"page-of") or contains(@class,"watermark")]'  # noqa: E501


def letters(text: str) -> Counter:
    """Letters, marks and digits of ``text`` (NFKC: presentation forms folded; no tatweel)."""
    text = unicodedata.normalize("NFKC", text)
    return Counter(c for c in text if unicodedata.category(c)[0] in "LMN" and c != "\u0640")


def html_body_text(html: str) -> tuple[str, list[str]]:
    """The visible text of the charter's HTML, and the text of each table header (repeated by
    the PDF on every page a table spans)."""
    doc = lxml_html.document_fromstring(html.encode("utf-8"))
    for el in doc.xpath(_FURNITURE):
        el.drop_tree()
    for el in doc.body.iter(*_BLOCKS):
        el.text, el.tail = " " + (el.text or ""), " " + (el.tail or "")
    return doc.body.text_content(), [t.text_content() for t in doc.xpath("//thead")]


def pdfium_body_text(pdf: bytes) -> str:
    doc = pypdfium2.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            width, height = page.get_size()
            text = page.get_textpage()
            out.append(text.get_text_bounded(left=0, bottom=BOTTOM, right=width, top=height - TOP))
        return "\n".join(out)
    finally:
        doc.close()


def poppler_body_text(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        crop = ["-x", "0", "-y", str(int(TOP)), "-W", "595", "-H", str(int(842 - TOP - BOTTOM))]
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", *crop, f.name, "-"], capture_output=True, check=True
        )
    return out.stdout.decode("utf-8")


def letter_difference(model_text: str, pdf_text: str, headers=()) -> tuple[dict, dict]:
    """(lost, extra): letters of the model the PDF's text lacks, and letters it has beyond them
    once repeated table headers are taken out."""
    model, read = letters(model_text), letters(pdf_text)
    extra = read - model
    for header in map(letters, headers):
        while header and not header - extra:
            extra -= header
    return dict(model - read), dict(extra)


_MARKS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))


def _plain(value) -> str:
    """A model string as a reader sees it: unescaped, without the isolates that mark values."""
    text = value.unescape() if hasattr(value, "unescape") else str(value)
    return text.translate(_MARKS)


def _block_lines(block) -> list:
    if block.kind in ("paragraph", "heading"):
        return [block.text]
    if block.kind == "list":
        return list(block.items)
    lines = [block.caption] if block.caption else []
    return lines + list(block.header) + [c for row in block.rows for c in row]


def model_lines(model, contents_title: str) -> list[str]:
    """The text of a charter in reading order, as the Word layout prints it (no draft page)."""
    sep = ": " if model.lang == "ar" else " : "
    chapters = [f"{s.label}{sep}{s.title}" for s in model.sections]
    annexes = [f"{a.label}{sep}{a.title}" for a in model.annexes]
    lines = [*model.letterhead, model.title, *model.subtitle, contents_title, *chapters, *annexes]
    for section, heading in zip(model.sections, chapters, strict=True):
        lines.append(heading)
        for article in section.articles:
            lines.append(article.heading)
            lines += [x for b in article.blocks for x in _block_lines(b)]
    if model.signatories:
        labels = model.labels
        lines += [model.done_at, labels["signature_function"], labels["signature_name"]]
        lines.append(labels["signature"])
        lines += [x for s in model.signatories for x in (s.function, s.name)]
    for annex, heading in zip(model.annexes, annexes, strict=True):
        lines.append(heading)
        lines += [x for b in annex.blocks for x in _block_lines(b)]
    return [_plain(line) for line in lines]


def words(text: str) -> str:
    """Whitespace normalised, nothing else: spaces and punctuation count."""
    return " ".join(text.replace("\ufeff", "").split())


def pdf_date(value: str):
    """A PDF date "D:20261201015026+00'00" as an aware datetime."""
    match = re.fullmatch(r"D:(\d{14})(Z|[+-]\d\d'\d\d'?)", value)
    assert match, value
    zone = "+00:00" if match[2] == "Z" else match[2][:3] + ":" + match[2][4:6]
    return datetime.strptime(match[1] + zone, "%Y%m%d%H%M%S%z")
