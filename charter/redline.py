"""What changed between two versions of a charter: a redline a legal advisor can work with.

``compare(old, new)`` lines the two charter models up article by article (by the clause id,
not the number: an inserted article renumbers the ones after it) and says, for each, whether it
was added, removed, changed or kept, with the changed lines diffed word by word. From that one
comparison:

- ``redline_docx`` — a Word document in which every change is a tracked change (``w:ins`` /
  ``w:del``, author "Mithaq"): the advisor accepts or rejects each in Word or LibreOffice, and
  accepting all of them gives the new version's text;
- ``redline_html`` — the same marks as ``<ins>``/``<del>``, which ``charter.render.pdf`` prints;
- ``changes`` — the "what changed" table: article, change, why (answers or wording), provisions.
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from charter.blocks import Article, Charter, Heading, ListBlock, Paragraph, Table

__all__ = ["ArticleChange", "Comparison", "compare", "redline_docx", "redline_html"]

AUTHOR = "Mithaq"
_ISOLATES = dict.fromkeys(range(0x2066, 0x206A))
_WORDS = re.compile(r"\s+|[^\s]+")


def text_of(value: object) -> str:
    """Plain text of a model string: markup unescaped, no bidi isolates, spaces folded."""
    value = value.unescape() if hasattr(value, "unescape") else str(value)
    return " ".join(value.translate(_ISOLATES).split())


def lines(article: Article) -> list[tuple[str, str]]:
    """The article as (kind, text) lines: its heading, then one line per paragraph, heading,
    list item and table row (cells joined by " | ")."""
    out = [("title", text_of(article.heading))]
    for block in article.blocks:
        if isinstance(block, Paragraph):
            out.append(("paragraph", text_of(block.text)))
        elif isinstance(block, Heading):
            out.append(("heading", text_of(block.text)))
        elif isinstance(block, ListBlock):
            out.extend(("item", text_of(item)) for item in block.items)
        elif isinstance(block, Table):
            if block.caption:
                out.append(("heading", text_of(block.caption)))
            out.append(("row", " | ".join(text_of(c) for c in block.header)))
            out.extend(("row", " | ".join(text_of(c) for c in row)) for row in block.rows)
    return [(kind, text) for kind, text in out if text]


@dataclass
class ArticleChange:
    """One article of the comparison. ``ops`` are the lines to print: ``("same", kind, text)``,
    ``("insert", kind, text)``, ``("delete", kind, text)`` or ``("edit", kind, pieces)`` where
    ``pieces`` are ``(op, text)`` word runs with op in same | insert | delete."""

    id: str
    change: str  # added | removed | changed | kept
    old_label: str
    new_label: str
    title: str
    provisions: tuple[str, ...]
    ops: list[tuple] = field(default_factory=list)
    reason: str = ""  # why it changed, in words (``charter.versions`` says it)
    citations: tuple[str, ...] = ()  # the provisions as a reader cites them (same order)


@dataclass
class Comparison:
    lang: str
    dir: str
    old_title: str
    new_title: str
    articles: list[ArticleChange]

    @property
    def changed(self) -> list[ArticleChange]:
        return [a for a in self.articles if a.change != "kept"]


def compare(old: Charter, new: Charter) -> Comparison:
    """Line the two charters up by article id, in the new charter's order (a removed article
    stands where it stood in the old one)."""
    before = {a.id: a for a in old.articles}
    after = {a.id: a for a in new.articles}
    order = _merged_order([a.id for a in old.articles], [a.id for a in new.articles])
    out = []
    for aid in order:
        a, b = before.get(aid), after.get(aid)
        if a is None:
            ops = [("insert", k, t) for k, t in lines(b)]
            out.append(_change(aid, "added", None, b, ops))
        elif b is None:
            ops = [("delete", k, t) for k, t in lines(a)]
            out.append(_change(aid, "removed", a, None, ops))
        else:
            ops = _diff_lines(lines(a), lines(b))
            # the heading alone changing is a renumbering, not a change of the article
            body = [op for op in ops[1:] if op[0] != "same"] if ops else []
            changed = bool(body) or _title_changed(a, b)
            out.append(_change(aid, "changed" if changed else "kept", a, b, ops))
    return Comparison(new.lang, new.dir, text_of(old.title), text_of(new.title), out)


def _title_changed(a: Article, b: Article) -> bool:
    return text_of(a.title) != text_of(b.title)


def _change(aid, change, a, b, ops) -> ArticleChange:
    ref = b or a
    return ArticleChange(
        aid,
        change,
        text_of(a.label) if a else "",
        text_of(b.label) if b else "",
        text_of(ref.title),
        tuple(ref.provisions),
        ops,
    )


def _merged_order(old: list[str], new: list[str]) -> list[str]:
    order = list(new)
    for i, aid in enumerate(old):
        if aid in order:
            continue
        # after the nearest earlier article that is still there
        anchor = next((old[j] for j in range(i - 1, -1, -1) if old[j] in order), None)
        order.insert(order.index(anchor) + 1 if anchor else 0, aid)
    return order


def _diff_lines(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> list[tuple]:
    ops: list[tuple] = []
    matcher = difflib.SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.extend(("same", k, t) for k, t in b[j1:j2])
        elif tag == "insert":
            ops.extend(("insert", k, t) for k, t in b[j1:j2])
        elif tag == "delete":
            ops.extend(("delete", k, t) for k, t in a[i1:i2])
        else:  # replace: pair the lines up, word by word; the rest inserted or deleted
            pairs = min(i2 - i1, j2 - j1)
            for n in range(pairs):
                (_, old), (kind, new) = a[i1 + n], b[j1 + n]
                ops.append(("edit", kind, _diff_words(old, new)))
            ops.extend(("delete", k, t) for k, t in a[i1 + pairs : i2])
            ops.extend(("insert", k, t) for k, t in b[j1 + pairs : j2])
    return ops


def _diff_words(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("insert", "".join(b[j1:j2])))
    return pieces


# --- Word, with tracked changes ------------------------------------------------------------------


class _Marks:
    """Numbers and dates the tracked changes of one document share."""

    def __init__(self, when: datetime) -> None:
        self.next_id = 1
        self.date = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def element(self, tag: str):
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el


def redline_docx(comparison: Comparison, labels: dict[str, str], when: datetime | None = None):
    """The redline as DOCX bytes: the new version's text with every change tracked."""
    marks = _Marks(when or datetime.now(UTC))
    doc = Document()
    rtl = comparison.dir == "rtl"
    _set_defaults(doc, rtl)
    _paragraph(doc, rtl, "Title", [("same", labels["title"])], marks)
    _paragraph(doc, rtl, None, [("same", labels["subtitle"])], marks)
    for art in comparison.articles:
        for op in art.ops:
            style = "Heading 2" if op[1] == "title" else "List Bullet" if op[1] == "item" else None
            if op[0] == "edit":
                _paragraph(doc, rtl, style, op[2], marks)
            else:
                _paragraph(doc, rtl, style, [(op[0], op[2])], marks, whole=op[0])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _set_defaults(doc, rtl: bool) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Amiri"
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), "Amiri")
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), "24")
    rpr.append(size_cs)
    if rtl:
        section = doc.sections[0]
        bidi = OxmlElement("w:bidi")
        section._sectPr.append(bidi)
    settings = doc.settings.element
    track = OxmlElement("w:trackRevisions")  # further edits are tracked too
    settings.append(track)


def _paragraph(doc, rtl, style, pieces, marks: _Marks, whole: str | None = None) -> None:
    par = doc.add_paragraph(style=style)
    ppr = par._p.get_or_add_pPr()
    if rtl:
        ppr.append(OxmlElement("w:bidi"))
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT if style is None else None
    if whole in ("insert", "delete"):  # the paragraph mark itself is inserted / deleted
        mark_rpr = OxmlElement("w:rPr")
        mark_rpr.append(marks.element("w:ins" if whole == "insert" else "w:del"))
        ppr.append(mark_rpr)
    for op, text in pieces:
        run = _run(text, rtl, deleted=op == "delete")
        if op == "same":
            par._p.append(run)
        else:
            wrapper = marks.element("w:ins" if op == "insert" else "w:del")
            wrapper.append(run)
            par._p.append(wrapper)


def _run(text: str, rtl: bool, *, deleted: bool):
    run = OxmlElement("w:r")
    if rtl:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:rtl"))
        run.append(rpr)
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    return run


# --- HTML (printed to PDF) --------------------------------------------------------------------


def redline_html(comparison: Comparison, labels: dict[str, str]) -> str:
    """The redline as an HTML page: insertions underlined in green, deletions struck in red,
    the "what changed" table first."""
    lang, direction = comparison.lang, comparison.dir
    sep = "؛ " if direction == "rtl" else " ; "  # a citation holds a comma already
    rows = "".join(
        f"<tr><td>{escape(a.new_label or a.old_label)} — {escape(a.title)}</td>"
        f"<td>{escape(labels[a.change])}</td><td>{escape(a.reason)}</td>"
        f"<td>{escape(sep.join(a.citations or a.provisions))}</td></tr>"
        for a in comparison.changed
    )
    body = []
    for art in comparison.articles:
        for op in art.ops:
            tag = "h2" if op[1] == "title" else "li" if op[1] == "item" else "p"
            if op[0] == "edit":
                inner = "".join(_html_piece(kind, text) for kind, text in op[2])
            else:
                inner = _html_piece(op[0], op[2])
            body.append(f"<{tag}>{inner}</{tag}>")
    return (
        f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        f"<title>{escape(labels['title'])}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(labels['title'])}</h1><p>{escape(labels['subtitle'])}</p>"
        f"<h2>{escape(labels['what_changed'])}</h2><table><thead><tr>"
        f"<th>{escape(labels['article'])}</th><th>{escape(labels['change'])}</th>"
        f"<th>{escape(labels['reason'])}</th><th>{escape(labels['provisions'])}</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
        f"{''.join(body)}</body></html>"
    )


def _html_piece(op: str, text: str) -> str:
    if op == "insert":
        return f"<ins>{escape(text)}</ins>"
    if op == "delete":
        return f"<del>{escape(text)}</del>"
    return escape(text)


_CSS = """
@page { size: A4; margin: 2cm; @bottom-center { content: counter(page) " / " counter(pages); } }
body { font-family: Amiri, serif; font-size: 11pt; line-height: 1.5; }
h1 { font-size: 18pt; } h2 { font-size: 12.5pt; margin: 1.2em 0 0.3em; break-after: avoid; }
ins { color: #1b6e20; text-decoration: underline; background: #e8f5e9; }
del { color: #b71c1c; text-decoration: line-through; background: #fdecea; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
th, td { border: 0.5pt solid #888; padding: 3pt 5pt; text-align: start; vertical-align: top; }
thead { display: table-header-group; } tr { break-inside: avoid; }
"""
