"""Rendering: answers → charter model → DOCX (docxtpl) / HTML → PDF/A-3a (WeasyPrint).

``render_docx``, ``render_pdf`` and ``render_html`` validate first: answers with errors raise
``InvalidAnswersError`` unless ``draft=True``, which renders them with a visible watermark and the
findings listed on a first page. ``extract_answers`` reads back the answers a PDF carries.
"""

from __future__ import annotations

from charter.render.pdf import extract_answers, extract_attachment

FORMATS = ("docx", "pdf")
LANGS = ("ar", "fr")


def charter_model(answers: dict, lang: str = "ar", *, draft: bool = False):
    """The charter model of ``answers`` (``charter.model.Charter``), validated first."""
    from charter.errors import InvalidAnswersError
    from charter.model import build_charter
    from charter.validate import iter_findings

    findings = list(iter_findings(answers, lang))
    if any(f.severity == "error" for f in findings) and not draft:
        raise InvalidAnswersError(findings)
    return build_charter(answers, lang, draft=draft, findings=findings)


def render_html(answers: dict, lang: str = "ar", *, draft: bool = False) -> str:
    from charter.render.html import render_html as _html

    return _html(charter_model(answers, lang, draft=draft))


def render_docx(answers: dict, lang: str = "ar", *, draft: bool = False) -> bytes:
    from charter.render.docx import render_docx as _docx

    return _docx(charter_model(answers, lang, draft=draft))


def render_pdf(answers: dict, lang: str = "ar", *, draft: bool = False) -> bytes:
    from charter.render.html import render_html as _html
    from charter.render.pdf import html_to_pdf

    model = charter_model(answers, lang, draft=draft)
    return html_to_pdf(_html(model), answers, identifier=f"mithaq-{lang}")


def render(answers: dict, lang: str, fmt: str, *, draft: bool = False) -> bytes:
    """Bytes of the charter in ``fmt`` (docx | pdf) and ``lang`` (ar | fr)."""
    from charter.errors import TemplateError

    if lang not in LANGS or fmt not in FORMATS:
        raise TemplateError(f"unknown language or format: {lang}/{fmt}")
    return (render_docx if fmt == "docx" else render_pdf)(answers, lang, draft=draft)


__all__ = [
    "FORMATS",
    "LANGS",
    "charter_model",
    "extract_answers",
    "extract_attachment",
    "render",
    "render_docx",
    "render_html",
    "render_pdf",
]
