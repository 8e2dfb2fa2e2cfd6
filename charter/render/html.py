"""The charter model → HTML (the PDF's source, and the wizard's live preview)."""

from __future__ import annotations

from pathlib import Path

import jinja2

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


def render_html(charter, template: jinja2.Template | None = None) -> str:
    """HTML of a built charter (``charter.model.Charter``)."""
    return render_layout(template or layout(), charter=charter)
