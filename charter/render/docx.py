"""docxtpl adapter: the charter model → DOCX, through the Word layout of its language.

A fresh ``DocxTemplate`` per render (docxtpl mutates the template it renders), THE environment
(sandboxed, StrictUndefined) and ``autoescape=True`` (without it docxtpl silently drops ``&`` and
``<``). The model's text is Markup, already escaped once, so it is not escaped again. The bidi
isolates that mark inserted values become runs of their own direction
(``charter.render.ooxml.isolates_to_runs``): the DOCX carries no isolate character. The hyphens
of codes and numbers in left-to-right runs ("RI-03/2021", "113-14") become non-breaking hyphens
(``charter.render.ooxml.unbreakable_codes``), so no line ends on "RI-".
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import jinja2
from docx.oxml.ns import qn
from lxml import etree

from charter.errors import RenderError, TemplateError
from charter.render.environment import environment
from charter.render.ooxml import ISOLATES, PPR, isolates_to_runs, set_child, unbreakable_codes

TEXT_WIDTH_TWIPS = 9638  # A4 (11906) minus 2 × 2 cm margins (1134)


_ANY_ISOLATE = re.compile(f"[{ISOLATES}]")
MAX_PROPERTY = 255  # characters in a core property (title, subject), as python-docx allows
_BODIES: dict[bytes, str] = {}
_STRICT = etree.XMLParser(recover=False, resolve_entities=False, huge_tree=True)
_PATCHED: dict[str, str] = {}
_COMPILED: dict[str, jinja2.Template] = {}
_LAYOUTS: dict[Path, tuple[float, bytes]] = {}


@cache
def _template_class():
    """DocxTemplate that patches and compiles each layout part once per process, not per render.

    docxtpl re-runs its tag-patching regexes and recompiles every part's Jinja source on every
    render: two thirds of a render's time. The source text is the cache key, so an edited
    layout is simply a new entry.
    """
    from docxtpl import DocxTemplate

    class CachedDocxTemplate(DocxTemplate):
        source: bytes = b""  # the layout's bytes: the key of its body's XML text

        def get_xml(self):
            if self.source not in _BODIES:
                _BODIES[self.source] = super().get_xml()
            return _BODIES[self.source]

        def render_properties(self, context, jinja_env=None):
            """The title and subject in the document's properties, without isolates (plain
            text has no runs to carry a direction), cut to the 255 characters a property may
            hold (a commune's name of thousands of characters, found by issue 12's payloads,
            made python-docx raise)."""
            props = self.docx.core_properties
            for name in ("author", "comments", "identifier", "language", "subject", "title"):
                source = getattr(props, name)
                if "{" not in source:
                    continue
                if source not in _COMPILED:
                    _COMPILED[source] = jinja_env.from_string(source)
                value = _ANY_ISOLATE.sub("", _COMPILED[source].render(context))
                if len(value) > MAX_PROPERTY:
                    value = value[: MAX_PROPERTY - 1] + "…"
                setattr(props, name, value)

        def patch_xml(self, src_xml):
            if src_xml not in _PATCHED:
                _PATCHED[src_xml] = super().patch_xml(src_xml)
            return _PATCHED[src_xml]

        def fix_tables(self, xml):
            """Parse the rendered body strictly (docxtpl's own pass parses with a recovering
            parser, which would hide broken XML), then fit the tables and keep the closing
            lines together, on plain lxml elements (python-docx's proxies are 10× slower)."""
            tree = etree.fromstring(xml, _STRICT)
            styles = self.docx.styles.element
            closing = styles.xpath('w:style[w:name/@w:val="Closing"]/@w:styleId')
            body = tree if tree.tag == qn("w:body") else tree.find(qn("w:body"))
            _fit_tables(body)
            _keep_closing_with_text(body, list(closing))
            return tree

        def render_xml_part(self, src_xml, part, context, jinja_env=None):
            template = _COMPILED.get(src_xml)
            if template is None:
                source = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
                # docxtpl's escapes ({_{ for a literal {{) are the layout's own text: turned into
                # literals before compiling, so an answer typed "{_{ x }_}" stays as typed
                for escaped, tag in ESCAPES:
                    source = source.replace(escaped, "{{ '" + tag + "' }}")
                template = jinja_env.from_string(source)
                _COMPILED[src_xml] = template
            self.current_rendering_part = part
            dst_xml = template.render(context)
            rtl = context["charter"].dir == "rtl"
            dst_xml = unbreakable_codes(isolates_to_runs(dst_xml, rtl=rtl), rtl=rtl)
            dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
            if any(c in dst_xml for c in "\t\a\n\f"):  # a value with a tab or a break
                dst_xml = self.resolve_listing(dst_xml)
            return dst_xml

    return CachedDocxTemplate


ESCAPES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))


def _layout_bytes(path: Path) -> bytes:
    """The layout file's bytes, read again only when the file changed."""
    mtime = path.stat().st_mtime
    cached = _LAYOUTS.get(path)
    if cached is None or cached[0] != mtime:
        cached = _LAYOUTS[path] = (mtime, path.read_bytes())
    return cached[1]


_W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


_TBL, _TR, _TC, _GRID, _COL = (qn(f"w:{t}") for t in ("tbl", "tr", "tc", "tblGrid", "gridCol"))
_TCPR, _TCW, _KEEP, _WIDTH, _TYPE = (qn(f"w:{t}") for t in ("tcPr", "tcW", "keepNext", "w", "type"))


def _first_child(parent, tag: str):
    """``tag`` (a Clark name) as the first child of ``parent``: found, or created there. Plain
    lxml, so it works on the freshly parsed body."""
    if len(parent) and parent[0].tag == tag:  # where the layout's cells have it: no search
        return parent[0]
    child = parent.find(tag)
    if child is None:
        child = etree.Element(tag)
        parent.insert(0, child)
    return child


def _fit_tables(body) -> None:
    """Each table's grid matches its cells after the {%tc %} column loops ran, each column as
    wide as what it holds; the last row keeps with nothing after the table.

    A table kept on one page keeps each row with the next (``keepNext`` in its cells); were its
    last row kept too, consecutive kept tables (the indicator sheets) would chain into one block
    no page holds, and each would land alone on a page.
    """
    for tbl in body.iter(_TBL):
        trs = tbl.findall(_TR)
        if trs:
            for keep in trs[-1].iter(_KEEP):
                keep.getparent().remove(keep)
        rows = [r for r in (tr.findall(_TC) for tr in trs) if r]
        if not rows or len({len(r) for r in rows}) != 1:
            continue
        widths = [str(w) for w in _column_widths(rows)]
        grid = tbl.find(_GRID)
        for col in list(grid):
            grid.remove(col)
        for each in widths:
            etree.SubElement(grid, _COL).set(_WIDTH, each)
        for row in rows:
            for cell, each in zip(row, widths, strict=True):
                tcw = _first_child(_first_child(cell, _TCPR), _TCW)  # tcW comes first
                tcw.attrib.update({_WIDTH: each, _TYPE: "dxa"})


def _keep_closing_with_text(body, closing: list[str]) -> None:
    """The paragraph before the closing line ("Fait à …", style ``Closing``: its ids in
    ``closing``) keeps with it, so the signatures never stand alone on a page: the end of the
    last article comes along."""
    for style_id in closing:
        for p in body.xpath(f'./w:p[w:pPr/w:pStyle/@w:val="{style_id}"]', namespaces=_W):
            previous = p.getprevious()
            if previous is not None and previous.tag == qn("w:p"):
                set_child(_first_child(previous, qn("w:pPr")), "keepNext", PPR)


def _column_widths(rows) -> list[int]:
    """Column widths in twips, by how much each column holds (a code column stays narrow); a
    column left empty below its heading is for writing in (a signature): the average width."""
    width = max(len(r) for r in rows)
    need, filled = [10] * width, [False] * width  # room for "Hommes", "PT1" in a 10.5 pt cell
    for n, row in enumerate(rows):
        for i, cell in enumerate(row):
            text = _TEXT(cell)
            longest_word = max(map(len, text.split()), default=0)
            need[i] = max(need[i], min(len(text), 40), longest_word)
            filled[i] = filled[i] or (n > 0 and not text.isspace() and text != "")
    average = sum(need) // width
    need = [n if full else max(n, average) for n, full in zip(need, filled, strict=True)]
    total = sum(need)
    return [TEXT_WIDTH_TWIPS * n // total for n in need]


_TEXT = etree.XPath("string()")  # a cell's text, compiled once


def render_docx(charter, layout: Path) -> bytes:
    """DOCX bytes of a built charter (``charter.model.Charter``) drawn through the Word layout
    ``layout`` (``charter.render.templates.Templates.layout(lang)``)."""
    path = layout
    try:
        data = _layout_bytes(path)
        tpl = _template_class()(io.BytesIO(data))
        tpl.source = data
        tpl.render({"charter": charter}, jinja_env=environment(), autoescape=True)
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"{path.name}: not allowed in a template: {exc}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{path.name}: {exc}") from exc
    except Exception as exc:  # docxtpl / lxml raise many types; one class leaves this adapter
        raise RenderError(f"DOCX rendering failed: {type(exc).__name__}: {exc}") from exc
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
