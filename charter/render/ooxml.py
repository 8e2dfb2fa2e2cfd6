"""WordprocessingML helpers: the schema order of property elements, and a checker for it.

Word refuses (or "repairs") a document whose property children are out of the order the schema
gives (ECMA-376 Part 1, CT_PPr, CT_RPr, CT_SectPr, CT_TblPr). python-docx has no API for ``w:bidi``,
``w:szCs`` or ``w:lang w:bidi``, so we insert them by hand, in order, and check the result.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

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
