"""docxtpl adapter: the charter model → DOCX, through the Word layout of its language.

A fresh ``DocxTemplate`` per render (docxtpl mutates the template it renders), THE environment
(sandboxed, StrictUndefined) and ``autoescape=True`` (without it docxtpl silently drops ``&`` and
``<``). The model's text is Markup, already escaped once, so it is not escaped again. The bidi
isolates that mark inserted values become runs of their own direction
(``charter.render.ooxml.isolates_to_runs``): the DOCX carries no isolate character.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import jinja2
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from charter.errors import RenderError, TemplateError
from charter.render.environment import environment
from charter.render.ooxml import ISOLATES, PPR, isolates_to_runs, set_child

TEXT_WIDTH_TWIPS = 9638  # A4 (11906) minus 2 × 2 cm margins (1134)


_NO_ISOLATES = dict.fromkeys(map(ord, ISOLATES))
_PATCHED: dict[str, str] = {}
_COMPILED: dict[str, jinja2.Template] = {}
_LAYOUTS: dict[Path, tuple[float, bytes]] = {}


def _template_class():
    """DocxTemplate that patches and compiles each layout part once per process, not per render.

    docxtpl re-runs its tag-patching regexes and recompiles every part's Jinja source on every
    render: two thirds of a render's time. The source text is the cache key, so an edited
    layout is simply a new entry.
    """
    from docxtpl import DocxTemplate

    class CachedDocxTemplate(DocxTemplate):
        def patch_xml(self, src_xml):
            if src_xml not in _PATCHED:
                _PATCHED[src_xml] = super().patch_xml(src_xml)
            return _PATCHED[src_xml]

        def render_xml_part(self, src_xml, part, context, jinja_env=None):
            template = _COMPILED.get(src_xml)
            if template is None:
                template = jinja_env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml))
                _COMPILED[src_xml] = template
            self.current_rendering_part = part
            dst_xml = template.render(context)
            dst_xml = isolates_to_runs(dst_xml, rtl=context["charter"].dir == "rtl")
            dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
            for escaped, tag in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
                dst_xml = dst_xml.replace(escaped, tag)
            if any(c in dst_xml for c in "\t\a\n\f"):  # a value with a tab or a break
                dst_xml = self.resolve_listing(dst_xml)
            return dst_xml

    return CachedDocxTemplate


def _layout_bytes(path: Path) -> bytes:
    """The layout file's bytes, read again only when the file changed."""
    mtime = path.stat().st_mtime
    cached = _LAYOUTS.get(path)
    if cached is None or cached[0] != mtime:
        cached = _LAYOUTS[path] = (mtime, path.read_bytes())
    return cached[1]


def _fit_tables(document) -> None:
    """Make each table's grid match its cells after the {%tc %} column loops ran, each column as
    wide as what it holds."""
    for tbl in document.element.body.iter(qn("w:tbl")):
        rows = [r.findall(qn("w:tc")) for r in tbl.findall(qn("w:tr"))]
        rows = [r for r in rows if r]
        if not rows or len({len(r) for r in rows}) != 1:
            continue
        widths = _column_widths(rows)
        grid = tbl.find(qn("w:tblGrid"))
        for col in list(grid):
            grid.remove(col)
        for each in widths:
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), str(each))
            grid.append(col)
        for row in rows:
            for cell, each in zip(row, widths, strict=True):
                tcw = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
                if tcw is None:
                    tcw = cell.get_or_add_tcPr().get_or_add_tcW()
                tcw.set(qn("w:w"), str(each))
                tcw.set(qn("w:type"), "dxa")


def _keep_closing_with_text(document) -> None:
    """The paragraph before the closing line ("Fait à …", style ``Closing``) keeps with it, so the
    signatures never stand alone on a page: the end of the last article comes along."""
    closing = {s.style_id for s in document.styles if s.name == "Closing"}
    style = f"{qn('w:pPr')}/{qn('w:pStyle')}"
    for p in document.element.body.iter(qn("w:p")):
        mark = p.find(style)
        if mark is None or mark.get(qn("w:val")) not in closing:
            continue
        previous = p.getprevious()
        if previous is not None and previous.tag == qn("w:p"):
            set_child(previous.get_or_add_pPr(), "keepNext", PPR)


def _column_widths(rows) -> list[int]:
    """Column widths in twips, by how much each column holds (a code column stays narrow); a
    column left empty below its heading is for writing in (a signature): the average width."""
    width = max(len(r) for r in rows)
    need, filled = [10] * width, [False] * width  # room for "Hommes", "PT1" in a 10.5 pt cell
    for n, row in enumerate(rows):
        for i, cell in enumerate(row):
            text = "".join(t.text or "" for t in cell.iter(qn("w:t")))
            longest_word = max((len(w) for w in text.split()), default=0)
            need[i] = max(need[i], min(len(text), 40), longest_word)
            filled[i] = filled[i] or (n > 0 and bool(text.strip()))
    average = sum(need) // width
    need = [n if full else max(n, average) for n, full in zip(need, filled, strict=True)]
    total = sum(need)
    return [TEXT_WIDTH_TWIPS * n // total for n in need]


def render_docx(charter, layout: Path) -> bytes:
    """DOCX bytes of a built charter (``charter.model.Charter``) drawn through the Word layout
    ``layout`` (``charter.render.templates.Templates.layout(lang)``)."""
    path = layout
    try:
        tpl = _template_class()(io.BytesIO(_layout_bytes(path)))
        tpl.render({"charter": charter}, jinja_env=environment(), autoescape=True)
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"{path.name}: not allowed in a template: {exc}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{path.name}: {exc}") from exc
    except Exception as exc:  # docxtpl / lxml raise many types; one class leaves this adapter
        raise RenderError(f"DOCX rendering failed: {type(exc).__name__}: {exc}") from exc
    _fit_tables(tpl.docx)
    _keep_closing_with_text(tpl.docx)
    props = tpl.docx.core_properties
    for name in ("title", "subject"):
        setattr(props, name, getattr(props, name).translate(_NO_ISOLATES))
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
