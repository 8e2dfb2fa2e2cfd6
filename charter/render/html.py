"""The charter model → HTML (the PDF's source, and the wizard's live preview)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from charter.errors import TemplateError
from charter.render.environment import environment

HTML_DIR = Path(__file__).resolve().parents[2] / "templates" / "html"
LAYOUT = "charter.html.j2"


def render_layout(template: jinja2.Template, **context) -> str:
    """Render a layout template; template problems become ``TemplateError`` (exit 3)."""
    try:
        return template.render(**context)
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"{template.name or 'template'}: not allowed: {exc}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{template.name or 'template'}: {exc}") from exc


def layout(name: str = LAYOUT) -> jinja2.Template:
    try:
        return environment().get_template(name)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"templates/html/{name}: {exc}") from exc


@cache
def _stylesheet() -> Markup:
    return Markup((HTML_DIR / "charter.css").read_text(encoding="utf-8"))


def render_html(charter, template: jinja2.Template | None = None, *, standalone=False) -> str:
    """HTML of a built charter (``charter.model.Charter``).

    The PDF reads ``charter.css`` beside the layout; a ``standalone`` page (the wizard's
    preview, shown where no file can be fetched) carries the stylesheet inline.
    """
    css = _stylesheet() if standalone else None
    return render_layout(template or layout(), charter=charter, stylesheet=css)
