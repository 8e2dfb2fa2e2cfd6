"""A change between two texts as a person reads it: the words taken out struck through, the
words put in marked, inline, in the text's own direction (an Arabic clause right to left).

A unified diff is a programmer's view: line prefixes and ``@@`` hunks in a left-to-right code
block, where an Arabic sentence cannot be read. This works on words, so a one-word change in a
long paragraph shows as one word.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from html import escape

_TOKENS = re.compile(r"\s+|[^\s]+")

CSS = """
<style>
.mq-diff { white-space: pre-wrap; line-height: 1.9; padding: .4rem .6rem; margin: .2rem 0 .6rem;
  border: 1px solid rgba(128,128,128,.3); border-radius: .4rem; text-align: start; }
.mq-diff[dir="rtl"] { font-family: "Amiri", "Noto Naskh Arabic", serif; font-size: 1.1rem; }
.mq-diff del { background: #fde2e2; color: #8a1010; text-decoration: line-through; }
.mq-diff ins { background: #dff5e1; color: #0c5a1c; text-decoration: none;
  border-bottom: 2px solid #2e9d45; }
</style>
"""


def words_html(old: str, new: str, *, rtl: bool) -> str:
    """``old`` → ``new`` as one block of HTML (every piece escaped): unchanged words as they
    are, removed ones in ``<del>``, added ones in ``<ins>``."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    direction = "rtl" if rtl else "ltr"
    return f'<div class="mq-diff" dir="{direction}">{"".join(out) or "—"}</div>'
