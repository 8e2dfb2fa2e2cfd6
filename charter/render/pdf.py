"""WeasyPrint adapter: charter HTML → PDF/A-3a carrying the answers JSON; and reading it back.

Why PDF/A-3**a** rather than 3b: the charter is a public document that citizens must be able to read
with assistive technology, and level "a" adds the tag tree (headings, paragraphs, tables) on top of
3b's visual fidelity; each file is in one language, so the document-level /Lang set from
``<html lang>`` covers all its text. PDF/A-3 (not 2) because only part 3 allows an arbitrary
embedded file: the answers, so next year's revision can start from this PDF.

Metadata (checked by tests/render/test_pdf.py with pikepdf; no PDF/A validator runs here): the
document information dictionary and the XMP packet say the same thing — title, subject, author
(dc:creator: the commune), creator tool (Mithaq), producer (WeasyPrint), creation and modification
dates (the render's time), and the XMP also carries dc:language; bidi isolates are taken out of
these strings. ``answers.json`` is listed once in the catalogue's /AF with /AFRelationship /Data
(WeasyPrint 70 lists it twice: from the names tree and again from the file specifications).
What veraPDF would add: the PDF/A-3 and ISO 32000 rules on fonts (widths, embedding), colour
spaces, the XMP schema of every property, and, for level "a", the structure checks (every
content item tagged or an artifact, standard structure types, alternate text).

Nothing is fetched from the network: the URL fetcher serves ``file:`` URLs under templates/ and
refuses everything else.
"""

from __future__ import annotations

import gc
import io
import json
import threading
import warnings
import zlib
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlparse
from xml.etree import ElementTree

from charter.answers import MAX_BYTES, load_answers
from charter.errors import AnswersFileError, RenderError
from charter.render.environment import FSI, PDI
from charter.render.html import HTML_DIR

PDF_VARIANT = "pdf/a-3a"
ATTACHMENT = "answers.json"
TEMPLATES = HTML_DIR.parent
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
GENERATOR = "Mithaq"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DC = "http://purl.org/dc/elements/1.1/"
_NO_ISOLATES = dict.fromkeys(map(ord, FSI + PDI))


def plain(text: object) -> str:
    """A metadata string: markup unescaped, no bidi isolates."""
    value = text.unescape() if hasattr(text, "unescape") else str(text)
    return value.translate(_NO_ISOLATES).strip()


# One WeasyPrint render at a time in a process: Pango's font map is not thread-safe, and
# glyphtext's mapping lives on WeasyPrint's module (the wizard renders in a background thread).
_WEASYPRINT = threading.Lock()


@contextmanager
def _collector_paused():
    """Python's cyclic garbage collector off during a render (it spent ~6% of a render walking
    WeasyPrint's boxes, none of which is garbage until the render ends); back on after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_FONTS: list = []  # the process's one FontConfiguration, made at the first render


def _font_config():
    """One ``FontConfiguration`` for every render of the process (called under the lock).

    WeasyPrint makes a new one per document by default: the fonts are registered again, Pango's
    and HarfBuzz's caches (fonts, shape plans, glyph extents) start cold, and so do the caches
    WeasyPrint keeps on it (struts, and linebreak's memo). Our @font-face rules never change
    (charter.css, under templates/), and WeasyPrint adds a face once per configuration."""
    from weasyprint.text.fonts import FontConfiguration

    if not _FONTS:
        _FONTS.append(FontConfiguration())
    return _FONTS[0]


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


def _metadata_class():
    from weasyprint.pdf.metadata import DocumentMetadata

    class CharterMetadata(DocumentMetadata):
        """WeasyPrint's metadata, with dc:language in the XMP (the Info dictionary has none)."""

        def generate_rdf_metadata(self, variant, version, conformance):
            rdf = ElementTree.fromstring(
                super().generate_rdf_metadata(variant, version, conformance)
            )
            if self.lang:
                description = ElementTree.SubElement(rdf, f"{{{_RDF}}}Description")
                description.set(f"{{{_RDF}}}about", "")
                bag = ElementTree.SubElement(
                    ElementTree.SubElement(description, f"{{{_DC}}}language"), f"{{{_RDF}}}Bag"
                )
                ElementTree.SubElement(bag, f"{{{_RDF}}}li").text = self.lang
            return ElementTree.tostring(rdf, encoding="utf-8")

    return CharterMetadata


def _one_af_entry_per_file(document, pdf) -> None:
    """WeasyPrint's finisher hook: drop the repeated references from the catalogue's /AF."""
    if "AF" in pdf.catalog:
        seen = []
        for reference in pdf.catalog["AF"]:
            if reference not in seen:
                seen.append(reference)
        pdf.catalog["AF"][:] = seen


def answers_bytes(answers: dict) -> bytes:
    """The attachment: the answers as UTF-8 JSON, the same form the wizard saves."""
    try:
        return json.dumps(answers, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    except UnicodeEncodeError:  # a lone surrogate ("\ud800" is valid JSON): escape, still exact
        return json.dumps(answers, ensure_ascii=True, indent=2).encode("ascii") + b"\n"


def html_to_pdf(
    html: str,
    answers: dict,
    *,
    identifier: str = "charter",
    author: str = "",
    created: datetime | None = None,
) -> bytes:
    """PDF/A-3a bytes of ``html``, with ``answers`` embedded as answers.json (relationship Data).

    ``author`` (the commune) and ``created`` (default: now) go to the Info dictionary and the XMP.
    """
    when = (created or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    import weasyprint

    from charter.render import glyphtext, linebreak

    glyphtext.install()  # every glyph's text in the ToUnicode map: see glyphtext's docstring
    linebreak.install()  # each distinct line break computed once: see linebreak's docstring
    fetcher = _fetcher_class()(allowed_protocols=("file",), timeout=2)
    attachment = weasyprint.Attachment(
        string=answers_bytes(answers),
        name=ATTACHMENT,
        description="Answers the charter was made from (JSON)",
        relationship="Data",
        created=_EPOCH,
        modified=_EPOCH,
    )
    with _WEASYPRINT, _collector_paused():
        try:
            document = weasyprint.HTML(
                string=html, base_url=str(HTML_DIR) + "/", url_fetcher=fetcher
            ).render(font_config=_font_config())
            meta = document.metadata
            document.metadata = _metadata_class()(**vars(meta))
            document.metadata.title = plain(meta.title or "")
            document.metadata.description = plain(meta.description or "") or None
            document.metadata.authors = [plain(author)] if plain(author) else []
            document.metadata.generator = GENERATOR
            document.metadata.created = document.metadata.modified = when.isoformat()
            with warnings.catch_warnings():
                # WeasyPrint 70 leaves its sRGB ICC profile file open for PDF/A: not ours to fix.
                warnings.simplefilter("ignore", ResourceWarning)
                return document.write_pdf(
                    pdf_variant=PDF_VARIANT,
                    attachments=[attachment],
                    pdf_identifier=identifier.encode("utf-8")[:64],
                    uncompressed_pdf=False,
                    finisher=_one_af_entry_per_file,
                )
        except Exception as exc:  # WeasyPrint raises many types; one class leaves this adapter
            raise RenderError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from exc


def extract_answers(pdf: bytes | str | Path) -> dict:
    """The answers embedded in a charter PDF (``AnswersFileError`` if there are none), through
    the same boundary as an answers file (``charter.answers.load_answers``)."""
    return load_answers(extract_attachment(pdf), name=f"the embedded {ATTACHMENT}")


def extract_attachment(pdf: bytes | str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of answers.json embedded in a charter PDF, exactly as they were written.

    At most ``limit`` bytes (an answers file's 1 MB) are ever inflated: a small PDF whose
    attachment would inflate to hundreds of MB is refused once ``limit`` is passed, with
    ``AnswersFileError``. Only the filters Mithaq writes (none, or FlateDecode without
    predictor) are read."""
    import pikepdf

    try:
        source = io.BytesIO(pdf) if isinstance(pdf, bytes) else Path(pdf)
        with pikepdf.open(source) as doc:
            if ATTACHMENT not in doc.attachments:
                raise AnswersFileError(f"this PDF carries no {ATTACHMENT}: not made by Mithaq?")
            stream = doc.attachments[ATTACHMENT].get_file().obj
            named = stream.get("/Filter")
            named = named if isinstance(named, pikepdf.Array) else [named] if named else []
            filters = [str(f) for f in named]
            if filters not in ([], ["/FlateDecode"]) or "/DecodeParms" in stream:
                raise AnswersFileError(f"the embedded {ATTACHMENT} is not stored as Mithaq does")
            raw = stream.read_raw_bytes()
    except pikepdf.PasswordError as exc:  # not a PdfError: it escaped as a traceback
        raise AnswersFileError("cannot read the PDF: it is protected by a password") from exc
    except (pikepdf.PdfError, OSError) as exc:
        raise AnswersFileError(f"cannot read the PDF: {exc}") from exc
    if not filters:
        data = raw
    else:
        inflate = zlib.decompressobj()
        try:
            data = inflate.decompress(raw, limit + 1)
        except zlib.error as exc:
            raise AnswersFileError(f"the embedded {ATTACHMENT} is damaged: {exc}") from exc
    if len(data) > limit:
        raise AnswersFileError(f"the embedded {ATTACHMENT} is larger than 1 MB: not Mithaq's")
    return data
