"""WeasyPrint adapter: charter HTML → PDF/A-3a carrying the answers JSON; and reading it back.

Why PDF/A-3**a** rather than 3b: the charter is a public document that citizens must be able to read
with assistive technology, and level "a" adds the tag tree (headings, paragraphs, tables) on top of
3b's visual fidelity; each file is in one language, so the document-level /Lang set from
``<html lang>`` covers all its text. PDF/A-3 (not 2) because only part 3 allows an arbitrary
embedded file: the answers, so next year's revision can start from this PDF.

Nothing is fetched from the network: the URL fetcher serves ``file:`` URLs under templates/ and
refuses everything else.
"""

from __future__ import annotations

import io
import json
import warnings
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

from charter.errors import AnswersFileError, RenderError
from charter.render.html import HTML_DIR

PDF_VARIANT = "pdf/a-3a"
ATTACHMENT = "answers.json"
TEMPLATES = HTML_DIR.parent
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


class RefusedURLError(ValueError):
    """A template asked for something other than a local file under templates/."""


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """Serve files under templates/ only: no network, no other local file."""

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise RefusedURLError(f"refused (not a local file): {url}")
            path = Path(unquote(parsed.path)).resolve()
            if not path.is_relative_to(TEMPLATES):
                raise RefusedURLError(f"refused (outside templates/): {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher


def answers_bytes(answers: dict) -> bytes:
    """The attachment: the answers as UTF-8 JSON, the same form the wizard saves."""
    try:
        return json.dumps(answers, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    except UnicodeEncodeError:  # a lone surrogate ("\ud800" is valid JSON): escape, still exact
        return json.dumps(answers, ensure_ascii=True, indent=2).encode("ascii") + b"\n"


def html_to_pdf(html: str, answers: dict, *, identifier: str = "charter") -> bytes:
    """PDF/A-3a bytes of ``html``, with ``answers`` embedded as answers.json (relationship Data)."""
    import weasyprint

    from charter.render import glyphtext

    glyphtext.install()  # every glyph's text in the ToUnicode map: see glyphtext's docstring
    fetcher = _fetcher_class()(allowed_protocols=("file",), timeout=2)
    attachment = weasyprint.Attachment(
        string=answers_bytes(answers),
        name=ATTACHMENT,
        description="Answers the charter was made from (JSON)",
        relationship="Data",
        created=_EPOCH,
        modified=_EPOCH,
    )
    try:
        document = weasyprint.HTML(
            string=html, base_url=str(HTML_DIR) + "/", url_fetcher=fetcher
        ).render()
        with warnings.catch_warnings():
            # WeasyPrint 70 leaves its sRGB ICC profile file open for PDF/A: not ours to fix.
            warnings.simplefilter("ignore", ResourceWarning)
            return document.write_pdf(
                pdf_variant=PDF_VARIANT,
                attachments=[attachment],
                pdf_identifier=identifier.encode("utf-8")[:64],
                uncompressed_pdf=False,
            )
    except Exception as exc:  # WeasyPrint raises many types; one class leaves this adapter
        raise RenderError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from exc


def extract_answers(pdf: bytes | str | Path) -> dict:
    """The answers embedded in a charter PDF (``AnswersFileError`` if there are none)."""
    data = extract_attachment(pdf)
    try:
        answers = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AnswersFileError(f"the embedded {ATTACHMENT} is not valid JSON: {exc}") from exc
    if not isinstance(answers, dict):
        raise AnswersFileError(f"the embedded {ATTACHMENT} is not a JSON object")
    return answers


def extract_attachment(pdf: bytes | str | Path) -> bytes:
    """The bytes of answers.json embedded in a charter PDF, exactly as they were written."""
    import pikepdf

    try:
        source = io.BytesIO(pdf) if isinstance(pdf, bytes) else Path(pdf)
        with pikepdf.open(source) as doc:
            if ATTACHMENT not in doc.attachments:
                raise AnswersFileError(f"this PDF carries no {ATTACHMENT}: not made by Mithaq?")
            data = doc.attachments[ATTACHMENT].get_file().read_bytes()
    except (pikepdf.PdfError, OSError) as exc:
        raise AnswersFileError(f"cannot read the PDF: {exc}") from exc
    return data
