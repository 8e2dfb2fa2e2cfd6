"""Helpers for reading charters back: PDF text in logical order (stack.md §2.4), DOCX parts."""

import io
import re
import unicodedata
import zipfile

import pdfplumber
from bidi import get_display
from lxml import etree

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


def norm_lam(s: str) -> str:
    """``norm`` without lam. WeasyPrint 70 maps each glyph to the text of the first cluster it
    drew; Amiri Bold shares a lam glyph between lam-alef (two glyphs, one cluster: the second gets
    "") and other lams, so a bold lam can extract as nothing (draw/text.py, ``to_unicode``)."""
    return norm(s).replace("ل", "")
