"""Lines broken once: a memo of WeasyPrint 70's ``split_first_line``, kept here.

The cause. WeasyPrint breaks a text into lines with
``weasyprint.text.line_break.split_first_line(text, style, context, max_width, ...)``: it builds a
Pango layout (a new Pango context, font description and attribute list), shapes a window of the
text with HarfBuzz, and measures the first line — several times per line (the window, the first
word of the next line, the final first line). Its result is a pure function of its arguments: the
text, the style properties the text module reads, the width and the justification spacing; the
Pango layout it returns is already *deactivated* (only its text and a few metrics remain; drawing
re-creates the Pango layout from the box's own style). Yet one render of the largest charter calls
it 6,804 times for only 2,727 different calls (WeasyPrint 70.0, urban example in Arabic):

- a table's rows are laid out again when the table continues on the next page, or when a row
  that must not break is pushed to the next page (1,227 of the calls);
- automatic table layout measures each cell's min-content width word by word and its
  max-content width, and the same words (و, من, الجماعة) recur in every cell (1,131);
- a block pushed to the next page (titles kept with what follows, the signature block kept
  together) is laid out again, as are page margin boxes on every page.

The fix. :func:`install` wraps ``split_first_line`` where the layout modules call it
(``weasyprint.layout.inline`` and ``weasyprint.layout.preferred``) with a memo keyed on the
arguments — the text, every style property the text module reads (:data:`STYLE_KEYS`), the width,
the justification spacing, ``is_line_start`` and ``minimum`` — held on the render's
``FontConfiguration`` (as WeasyPrint itself keeps its strut cache there), so it lives exactly as
long as the fonts it was measured with. Each caller gets its own shallow copy of the deactivated
layout, so a box that later reactivates or re-texts its layout cannot touch another's. A style
whose values cannot be hashed is not memoised (the call goes through unchanged).

The same document comes out: tests/render/test_linebreak.py renders with and without the memo and
compares the pages' content streams. A canary there fails when WeasyPrint's ``split_first_line``
changes (its source hash), so the list of style keys is checked again on upgrade. Small enough to
offer upstream as a cache inside ``split_first_line``.
"""

from __future__ import annotations

import copy
import hashlib
import inspect

from weasyprint.layout import inline, preferred
from weasyprint.text import line_break

# The style properties read by weasyprint/text/line_break.py and text/fonts.py (WeasyPrint 70.0).
STYLE_KEYS = (
    "font_family", "font_style", "font_stretch", "font_weight", "font_size", "line_height",
    "font_variant_ligatures", "font_variant_position", "font_variant_caps",
    "font_variant_numeric", "font_variant_alternates", "font_variant_east_asian",
    "font_feature_settings", "font_variation_settings", "font_language_override",
    "font_kerning", "lang", "direction", "white_space", "letter_spacing", "word_spacing",
    "overflow_wrap", "word_break", "hyphens", "hyphenate_character", "hyphenate_limit_chars",
    "hyphenate_limit_zone", "tab_size", "text_decoration_line",
)  # fmt: skip
# The source of the function whose results are memoised, as audited for STYLE_KEYS.
AUDITED = "39ad1016"
_MEMO = "_charter_split_first_line"
LIMIT = 40_000  # entries (~1 KB each); a full memo starts again empty
ORIGINAL = {"split_first_line": line_break.split_first_line}
STATS = {"calls": 0, "hits": 0}


def source_hash() -> str:
    """Short hash of WeasyPrint's ``split_first_line`` source (the canary compares it)."""
    source = inspect.getsource(ORIGINAL["split_first_line"])
    return hashlib.sha256(source.encode()).hexdigest()[:8]


def _style_key(style) -> tuple | None:
    key = tuple(style[name] for name in STYLE_KEYS)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def split_first_line(
    text, style, context, max_width, justification_spacing, is_line_start=True, minimum=False
):
    """``weasyprint.text.line_break.split_first_line``, each distinct call computed once."""
    original = ORIGINAL["split_first_line"]
    STATS["calls"] += 1
    font_config = style.font_config
    style_key = _style_key(style)
    if style_key is None:
        return original(
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
    memo = font_config.__dict__.setdefault(_MEMO, {})
    key = (text, style_key, max_width, justification_spacing, is_line_start, minimum)
    found = memo.get(key)
    if found is None:
        result = original(
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
        if len(memo) >= LIMIT:
            memo.clear()
        memo[key] = found = (copy.copy(result[0]), *result[1:])
        return result
    STATS["hits"] += 1
    return (copy.copy(found[0]), *found[1:])


def forget(font_config) -> None:
    """Empty the memo held on ``font_config`` (the bench prices a first render with it)."""
    font_config.__dict__.pop(_MEMO, None)


def install() -> None:
    """Route the layout modules' calls through the memo (once)."""
    inline.split_first_line = split_first_line
    preferred.split_first_line = split_first_line


def uninstall() -> None:
    """WeasyPrint's own function again (the bench and the tests compare both)."""
    inline.split_first_line = ORIGINAL["split_first_line"]
    preferred.split_first_line = ORIGINAL["split_first_line"]
