"""What text each drawn glyph stands for: a fix of WeasyPrint 70's ToUnicode map, kept here.

The cause. WeasyPrint writes one ToUnicode entry per glyph of a font (the text a reader such as
poppler, pdfium or a screen reader gets back), filled in ``weasyprint.draw.text.draw_first_line``
from HarfBuzz's clusters, first come first served: a glyph takes the UTF-8 bytes between its
cluster offset and the next glyph's. When the font draws one cluster with several glyphs (Amiri
draws "أُ" as the glyph of أ plus a small damma; bold lam with a shadda likewise), the first glyph
of the cluster gets the whole cluster's text and the others get the *empty* string, and the first
text a glyph is seen with is kept for the whole document. So Amiri's أ (glyph 0x0183) was mapped to
"" — pdfium then reads the glyph id as the letter U+0183 "ƃ" and poppler drops it — and the small
damma read "أُ" wherever it was drawn. Upstream: Kozea/WeasyPrint#2841 (open; the same defect with
Noto Sans Arabic).

The fix. After WeasyPrint draws a line, :func:`remap_line` walks the same glyph runs again and
gives each glyph the text it stands for in its cluster, ranked by how certain that is, so that a
better reading replaces a worse one whenever the glyph is drawn again:

3. a cluster drawn with one glyph: the glyph is the cluster's text (a letter, or a ligature);
2. a cluster drawn with as many glyphs as it has characters: one character each, in logical
   order (HarfBuzz keeps a cluster's glyphs in logical order, reversed for right-to-left runs),
   or a glyph that is the font's own glyph for one of the cluster's characters (its cmap);
1. what is left of the cluster goes to its first glyph not yet given a character;
0. any further glyph of the cluster stands for no character of its own: in Arabic, where such a
   glyph is a connecting stroke (Amiri draws a kashida between ح/خ and a following ب/ت to avoid
   a collision), it reads as U+0640 TATWEEL, which Arabic search and Word's Find ignore; elsewhere
   "". Never "" in Arabic: pdfium reads an empty entry as the glyph id itself (U+1909 "ᤉ").

A bracket in a right-to-left line is drawn with its mirror's glyph ("(" with the glyph of ")"):
that glyph reads as the character it shows, as PDF readers expect (they mirror it back when they
reorder the line), rather than as whichever of the two it was first drawn for.

WeasyPrint's own first-come mapping ranks below all of these. A glyph that gets two different
texts at the same rank (a glyph truly shared by two letters, e.g. Noto's dots) keeps the first and
is counted in :data:`CONFLICTS` — the tests assert there are none with our fonts. The change is
small enough to offer upstream as a replacement of the mapping block in ``draw_first_line``.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter

from fontTools.ttLib import TTFont
from weasyprint.draw import text as draw_text
from weasyprint.text.ffi import ffi, pango

TATWEEL = "\u0640"
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_RANKS = "_charter_glyph_text_rank"
CONFLICTS: Counter = Counter()  # (font name, glyph id) → times two texts claimed one glyph
_CMAPS: dict[bytes, dict[int, int]] = {}  # font file hash → {glyph id: code point}


def _reverse_cmap(font) -> dict[int, int]:
    """The font's nominal glyph of each character, reversed: glyph id → code point."""
    cmap = _CMAPS.get(font.hash)
    if cmap is None:
        ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
        cmap = {}
        for code, name in sorted(ttfont.getBestCmap().items(), reverse=True):
            cmap[ttfont.getGlyphID(name)] = code  # the lowest code point wins
        _CMAPS[font.hash] = cmap
    return cmap


def cluster_texts(glyphs: list[int], text: str, nominal: dict[int, int]) -> list[tuple[str, int]]:
    """(text, rank) of each glyph of one cluster; ``glyphs`` in logical order."""
    if len(glyphs) == 1:
        if len(text) == 1 and unicodedata.mirrored(text) and glyphs[0] in nominal:
            return [(chr(nominal[glyphs[0]]), 3)]  # "(" drawn as ")" in Arabic: see above
        return [(text, 3)]
    if len(glyphs) == len(text):
        return [(char, 2) for char in text]
    out: list[tuple[str, int] | None] = [None] * len(glyphs)
    left = list(text)
    for i, glyph in enumerate(glyphs):
        code = nominal.get(glyph)
        if code is not None and chr(code) in left:
            left.remove(chr(code))
            out[i] = (chr(code), 2)
    rest = "".join(left)
    nothing = TATWEEL if _ARABIC.search(text) else ""
    for i, item in enumerate(out):
        if item is None:
            out[i] = (rest, 1) if rest else (nothing, 0)
            rest = ""
    return out  # type: ignore[return-value]


def remap_line(stream, textbox) -> None:
    """Give every glyph of ``textbox``'s first line (just drawn) the text it stands for."""
    first_line, _ = textbox.pango_layout.get_first_line()
    utf8 = None
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        glyph_string = glyph_item.glyphs
        count = glyph_string.num_glyphs
        infos = glyph_string.glyphs
        clusters = glyph_string.log_clusters
        font, _size = stream.add_font(glyph_item.item.analysis.font)
        if font.bitmap:
            continue
        utf8 = utf8 or textbox.pango_layout.text.encode()
        offset, length = glyph_item.item.offset, glyph_item.item.length
        rtl = glyph_item.item.analysis.level % 2
        # Group the glyphs (in visual order) by cluster.
        groups: list[tuple[int, list[int]]] = []
        for i in range(count):
            if groups and groups[-1][0] == clusters[i]:
                groups[-1][1].append(infos[i].glyph)
            else:
                groups.append((clusters[i], [infos[i].glyph]))
        ranks = font.__dict__.setdefault(_RANKS, {})
        for n, (start, glyphs) in enumerate(groups):
            if rtl:
                end = groups[n - 1][0] if n else length
                glyphs = glyphs[::-1]
            else:
                end = groups[n + 1][0] if n + 1 < len(groups) else length
            if any(
                g == pango.PANGO_GLYPH_EMPTY or g & pango.PANGO_GLYPH_UNKNOWN_FLAG for g in glyphs
            ):
                continue
            text = utf8[offset + start : offset + end].decode("utf-8", "replace")
            for glyph, (value, rank) in zip(
                glyphs, cluster_texts(glyphs, text, _reverse_cmap(font)), strict=True
            ):
                known = ranks.get(glyph, -1)
                if rank > known:
                    font.to_unicode[glyph] = value
                    ranks[glyph] = rank
                elif rank == known and rank >= 2 and font.to_unicode.get(glyph) != value:
                    CONFLICTS[(font.name, glyph)] += 1


ORIGINAL = {"draw_first_line": draw_text.draw_first_line}


def install() -> None:
    """Wrap WeasyPrint's ``draw_first_line`` once so every drawn line is remapped."""
    if getattr(draw_text.draw_first_line, "_charter_remaps", False):
        return
    original = ORIGINAL["draw_first_line"]

    def draw_first_line(stream, textbox, *args, **kwargs):
        emojis = original(stream, textbox, *args, **kwargs)
        if textbox.text.strip() and textbox.style["font_size"] >= 1e-6:
            remap_line(stream, textbox)
        return emojis

    draw_first_line._charter_remaps = True
    draw_text.draw_first_line = draw_first_line
