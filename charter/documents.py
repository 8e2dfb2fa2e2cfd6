"""The charter's documents: answers → charter model → DOCX (docxtpl) / HTML → PDF/A-3a.

``render_docx``, ``render_pdf`` and ``render_html`` validate first: answers with errors raise
``InvalidAnswersError`` unless ``draft=True``, which renders them with a visible watermark and
the findings listed on a first page; a language the charter is not printed in
(``output.languages``) is always refused. ``extract_answers`` reads back the answers a PDF carries.
The stages live below this module (``charter.model``, ``charter.render.*``); this one only
chains them.

Every render takes its ``templates`` (``charter.render.templates.Templates``: the clause library
and the Word layouts) from its caller; without them it uses the shipped ones, whatever the data
folder holds. The entry points pass ``charter.library.in_force()`` to use the advisors' edits.
"""

from charter.answers import inspect
from charter.errors import InvalidAnswersError, TemplateError
from charter.model import build_charter
from charter.render.docx import render_docx as _docx
from charter.render.html import render_html as _html
from charter.render.pdf import extract_answers, extract_attachment, html_to_pdf
from charter.render.templates import Templates, shipped
from charter.validate import iter_findings, not_printed, renderable

FORMATS = ("docx", "pdf")
LANGS = ("ar", "fr")


def charter_model(answers, lang="ar", *, draft=False, templates: Templates | None = None):
    """Return the charter model of ``answers`` (``charter.model.Charter``), validated first.

    A language the charter is not printed in (``output.languages``) is refused, draft or not:
    ``InvalidAnswersError`` with one finding saying which languages it has.

    The model is built from ``charter.validate.renderable(answers)``: the boundary's clean
    copy (line separators as line breaks), and for a draft without the values of a kind the
    schema rejects, so whatever validates renders and a draft renders whatever it holds."""
    refused = not_printed(answers, lang, lang)
    if refused is not None:
        raise InvalidAnswersError([refused])
    findings = list(iter_findings(answers, lang))
    if any(f.is_error for f in findings) and not draft:
        raise InvalidAnswersError(findings)
    lib = (templates or shipped()).library
    return build_charter(renderable(answers), lang, draft=draft, findings=findings, lib=lib)


def render_html(answers, lang="ar", *, draft=False, standalone=False, templates=None):
    """Return the charter as HTML (the PDF's source, and, ``standalone`` with its stylesheet
    inline, the wizard's preview)."""
    model = charter_model(answers, lang, draft=draft, templates=templates)
    return _html(model, standalone=standalone)


def render_docx(answers, lang="ar", *, draft=False, templates=None):
    """Return the charter as DOCX bytes, from the Word layout of ``lang``."""
    templates = templates or shipped()
    model = charter_model(answers, lang, draft=draft, templates=templates)
    return _from_model(model, answers, lang, "docx", templates)


def render_pdf(answers, lang="ar", *, draft=False, templates=None):
    """Return the charter as PDF/A-3a bytes carrying ``answers`` as answers.json."""
    templates = templates or shipped()
    model = charter_model(answers, lang, draft=draft, templates=templates)
    return _from_model(model, answers, lang, "pdf", templates)


def render(answers, lang, fmt, *, draft=False, templates=None):
    """Return the bytes of the charter in ``fmt`` (docx | pdf) and ``lang`` (ar | fr)."""
    return dict(render_formats(answers, lang, [fmt], draft=draft, templates=templates))[fmt]


def render_formats(answers, lang, formats, *, draft=False, templates=None):
    """Yield ``(format, bytes)`` for each of ``formats`` in ``lang``, validated and built into a
    model once (a batch writing the DOCX and the PDF of a charter pays for one model)."""
    if lang not in LANGS or any(fmt not in FORMATS for fmt in formats):
        raise TemplateError(f"unknown language or format: {lang}/{'+'.join(formats)}")
    templates = templates or shipped()
    model = charter_model(answers, lang, draft=draft, templates=templates)
    for fmt in formats:
        yield fmt, _from_model(model, answers, lang, fmt, templates)


def _from_model(model, answers, lang, fmt, templates: Templates) -> bytes:
    if fmt == "docx":
        return _docx(model, templates.layout(lang))
    clean = inspect(answers).value  # the attachment is what the boundary lets through
    return html_to_pdf(_html(model), clean, identifier=f"mithaq-{lang}", author=model.author)


__all__ = [
    "FORMATS",
    "LANGS",
    "Templates",
    "charter_model",
    "extract_answers",
    "extract_attachment",
    "render",
    "render_docx",
    "render_formats",
    "render_html",
    "render_pdf",
    "shipped",
]
