"""docxtpl adapter: the charter model → DOCX, through the Word layout of its language.

A fresh ``DocxTemplate`` per render (docxtpl mutates the template it renders), THE environment
(sandboxed, StrictUndefined) and ``autoescape=True`` (without it docxtpl silently drops ``&`` and
``<``). The model's text is Markup, already escaped once, so it is not escaped again.
"""

from __future__ import annotations

import io
from pathlib import Path

import jinja2

from charter.errors import RenderError, TemplateError
from charter.render.environment import TEMPLATES, environment

DOCX_DIR = TEMPLATES / "docx"
TEXT_WIDTH_TWIPS = 9638  # A4 (11906) minus 2 × 2 cm margins (1134)


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
        for tc in tbl.iter(qn("w:tc")):
            tcw = tc.find(qn("w:tcPr") + "/" + qn("w:tcW"))
            if tcw is not None:
                tcw.set(qn("w:w"), str(each))
                tcw.set(qn("w:type"), "dxa")


def render_docx(charter, template: Path | None = None) -> bytes:
    """DOCX bytes of a built charter (``charter.model.Charter``)."""
    from docxtpl import DocxTemplate

    path = template or layout_path(charter.lang)
    try:
        tpl = DocxTemplate(str(path))
        tpl.render({"charter": charter}, jinja_env=environment(), autoescape=True)
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"{path.name}: not allowed in a template: {exc}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{path.name}: {exc}") from exc
    except Exception as exc:  # docxtpl / lxml raise many types; one class leaves this adapter
        raise RenderError(f"DOCX rendering failed: {type(exc).__name__}: {exc}") from exc
    _fit_tables(tpl.docx)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
