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

from charter.errors import RenderError, TemplateError
from charter.render.environment import TEMPLATES, environment
from charter.render.ooxml import ISOLATES, isolates_to_runs

DOCX_DIR = TEMPLATES / "docx"
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


def layout_path(lang: str) -> Path:
    """The Word layout in force: one an advisor uploaded (``charter.library``), else the shipped."""
    from charter.library import active_layout  # above this module: imported when asked

    path = active_layout(lang) or DOCX_DIR / f"charter-{lang}.docx"
    if not path.is_file():
        raise TemplateError(f"missing Word layout {path}")
    return path


def _fit_tables(document) -> None:
    """Make each table's grid match its cells after the {%tc %} column loops ran."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for tbl in document.element.body.iter(qn("w:tbl")):
        rows = tbl.findall(qn("w:tr"))
        width = max((len(r.findall(qn("w:tc"))) for r in rows), default=0)
        if not width:
            continue
        grid = tbl.find(qn("w:tblGrid"))
        for col in list(grid):
            grid.remove(col)
        each = TEXT_WIDTH_TWIPS // width
        for _ in range(width):
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), str(each))
            grid.append(col)
        w, kind = qn("w:w"), qn("w:type")
        for tcw in tbl.iter(qn("w:tcW")):
            tcw.set(w, str(each))
            tcw.set(kind, "dxa")


def render_docx(charter, template: Path | None = None) -> bytes:
    """DOCX bytes of a built charter (``charter.model.Charter``)."""
    path = template or layout_path(charter.lang)
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
    props = tpl.docx.core_properties
    for name in ("title", "subject"):
        setattr(props, name, getattr(props, name).translate(_NO_ISOLATES))
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
