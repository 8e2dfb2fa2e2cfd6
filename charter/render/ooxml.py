"""WordprocessingML helpers: the schema order of property elements, a checker for it, the
direction of inserted values (isolates → runs), and codes kept on one line (non-breaking hyphens).

Word refuses (or "repairs") a document whose property children are out of the order the schema
gives (ECMA-376 Part 1, CT_PPr, CT_RPr, CT_SectPr, CT_TblPr). python-docx has no API for ``w:bidi``,
``w:szCs`` or ``w:lang w:bidi``, so we insert them by hand, in order, and check the result.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

PPR = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
RPR = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
SECTPR = (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange"
).split()
TBLPR = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
).split()
TRPR = (
    "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
    "tblCellSpacing jc hidden ins del trPrChange"
).split()
SEQUENCES = {"pPr": PPR, "rPr": RPR, "sectPr": SECTPR, "tblPr": TBLPR}
# headerReference/footerReference may repeat and interleave; the rest appear at most once.
_REPEATABLE = {"headerReference", "footerReference"}


def set_child(parent, tag: str, sequence: list[str], **attrs: str):
    """Get or create ``w:tag`` under ``parent`` at its schema position; set ``w:`` attributes."""
    el = parent.find(qn(f"w:{tag}"))
    if el is None:
        el = OxmlElement(f"w:{tag}")
        later = [qn(f"w:{t}") for t in sequence[sequence.index(tag) + 1 :]]
        for i, child in enumerate(parent):
            if child.tag in later:
                parent.insert(i, el)
                break
        else:
            parent.append(el)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def order_errors(root) -> list[str]:
    """Every property element of ``root`` (an lxml tree) whose children are out of schema order."""
    errors = []
    w = qn("w:x")[:-1]
    for name, sequence in SEQUENCES.items():
        rank = {qn(f"w:{t}"): i for i, t in enumerate(sequence)}
        for el in root.iter(qn(f"w:{name}")):
            last = -1
            for child in el:
                if not isinstance(child.tag, str) or not child.tag.startswith(w):
                    continue
                r = rank.get(child.tag)
                if r is None:
                    errors.append(f"w:{name} has an unknown child {child.tag}")
                    continue
                local = child.tag[len(w) :]
                if r < last or (r == last and local not in _REPEATABLE):
                    errors.append(f"w:{name}: {local} is out of order")
                last = r
    return errors


# --- Direction without control characters -------------------------------------------------------
# The model marks every inserted value with First Strong Isolate … Pop Directional Isolate
# (charter.render.environment.bidi). HTML keeps the marks (WeasyPrint and browsers honour them);
# a DOCX must not carry them: LibreOffice 7.4 drops the spaces and commas next to them, opens gaps
# and breaks Find and copy-paste. Here, the one place the OOXML side handles them, each marked value
# becomes text in a run whose w:rtl says its direction, and the marks go.

ISOLATES = "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
_OPENERS = "\u2066\u2067\u2068"
_ANY_ISOLATE = re.compile("[\u2066-\u2069]")  # str.translate is 20× slower on a whole part
_RUN_WITH_ISOLATE = re.compile(
    r"<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?"
    r"<w:t(?: xml:space=\"preserve\")?>([^<]*[\u2066-\u2069][^<]*)</w:t></w:r>",
    re.S,
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def strong_direction(text: str) -> str | None:
    """``"rtl"`` or ``"ltr"`` from the first strong character of ``text``; ``None`` if none."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def isolated_segments(text: str, rtl: bool) -> list[tuple[str, bool]]:
    """``text`` cut into (text, right-to-left?) pieces, without the isolate marks.

    Text outside any isolate takes the paragraph's direction; an isolated value takes its own
    (its first strong character; digits, dates and codes without letters are left to right, as
    an FSI without a strong character is). Nested marks are dropped; neighbours of the same
    direction are merged, so one direction is one run.
    """
    pieces: list[tuple[str, bool]] = []
    depth, start, current = 0, 0, ""

    def flush(chunk: str, isolated: bool) -> None:
        if not chunk:
            return
        direction = rtl
        if isolated:
            direction = strong_direction(chunk) == "rtl"
        if pieces and pieces[-1][1] == direction:
            pieces[-1] = (pieces[-1][0] + chunk, direction)
        else:
            pieces.append((chunk, direction))

    for i, char in enumerate(text):
        if char in _OPENERS:
            if depth == 0:
                flush(current + text[start:i], False)
                current, start = "", i + 1
            else:
                current += text[start:i]
                start = i + 1
            depth += 1
        elif char == "\u2069":
            current += text[start:i]
            start = i + 1
            if depth == 1:
                flush(current, True)
                current = ""
            depth = max(depth - 1, 0)
    current += text[start:]
    flush(current, depth > 0)
    return pieces


@cache
def _rpr_with_direction(rpr: str, rtl: bool) -> str:
    """The run properties ``rpr`` (XML text, maybe empty) with ``w:rtl`` set to ``rtl``."""
    element = etree.fromstring(
        rpr.replace("<w:rPr>", f"<w:rPr {_W}>", 1) if rpr else f"<w:rPr {_W}/>"
    )
    set_child(element, "rtl", RPR, val="1" if rtl else "0")
    xml = etree.tostring(element, encoding="unicode")
    return xml.replace(f" {_W}", "", 1)


def isolates_to_runs(xml: str, rtl: bool) -> str:
    """Rendered WordprocessingML with every isolated value in a run of its own direction.

    A value whose direction differs from the paragraph's (a Latin name, a code, a date or a number
    in Arabic text) gets ``<w:rtl w:val="0"/>`` (``<w:rtl/>`` for Arabic in French text); any
    isolate left elsewhere is removed, so the document carries none.
    """

    def split(match: re.Match) -> str:
        rpr = match.group(1) or ""
        runs = []
        for text, run_rtl in isolated_segments(match.group(2), rtl):
            props = rpr if run_rtl == rtl else _rpr_with_direction(rpr, run_rtl)
            runs.append(f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>')
        return "".join(runs)

    if not any(c in xml for c in ISOLATES):
        return xml
    return _ANY_ISOLATE.sub("", _RUN_WITH_ISOLATE.sub(split, xml))


# A hyphen inside a code or a number: between two digits, or a digit and a capital — a law's
# number (113-14), a decree's or dahir's (2-16-301, 1-15-85), a deliberation's (RI-03/2021,
# D-12/2024), a range (19-21). Not between letters: "vice-président" may break at its hyphen.
_CODE_HYPHEN = re.compile(r"(?<=[0-9])-(?=[0-9A-Z])|(?<=[A-Z])-(?=[0-9])")
_RUN_WITH_TEXT = re.compile(
    r"(<w:r(?: [^>]*)?>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?)"
    r"<w:t(?: xml:space=\"preserve\")?>([^<]*)</w:t></w:r>",
    re.S,
)
_RTL_OFF = re.compile(r"<w:rtl w:val=\"(?:0|false|off)\"/>")


def unbreakable_codes(xml: str, rtl: bool) -> str:
    """Rendered WordprocessingML with each hyphen of a code or number in a left-to-right run a
    ``<w:noBreakHyphen/>``.

    LibreOffice breaks a line after the hyphen of "RI-03/2021" (Word may too), leaving "RI-" at
    a line end; Word's non-breaking hyphen keeps the code whole in both. python-docx reads it back
    as "-", LibreOffice's text export as U+2011 (NON-BREAKING HYPHEN), which is a neutral for the
    bidi algorithm where "-" is a number separator: in a right-to-left run (``rtl`` is the
    paragraphs' direction, a run's ``w:rtl`` its own) it could reorder "1-4", so only left-to-right
    runs get it — the codes of an Arabic charter are in runs of their own, left to right
    (``isolates_to_runs``). The model, the HTML and the PDF keep the hyphen-minus: WeasyPrint
    follows UAX #14, which never breaks between a hyphen and a digit.
    """

    def split(match: re.Match) -> str:
        start, text = match.group(1), match.group(2)
        run_rtl = rtl if "<w:rtl" not in start else not _RTL_OFF.search(start)
        if run_rtl or not _CODE_HYPHEN.search(text):
            return match.group(0)
        pieces = _CODE_HYPHEN.split(text)
        inner = "<w:noBreakHyphen/>".join(f'<w:t xml:space="preserve">{p}</w:t>' for p in pieces)
        return f"{start}{inner}</w:r>"

    if "-" not in xml:
        return xml
    return _RUN_WITH_TEXT.sub(split, xml)
