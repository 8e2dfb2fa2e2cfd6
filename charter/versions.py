"""The charter's adopted versions: what the council adopted, and how to make it again.

A draft lives on after adoption: its council revises it, and each adoption freezes one
**version** — the draft's revision, the deliberation (number, date), a snapshot of the templates
the documents were made with (the clause library with the advisors' edits, and both Word
layouts, as a zip), the hash of the catalogue of provisions, and the hash of every document
made then. Any version can then be rendered again as it was adopted, whatever the advisors have
changed since (``rerender``); the documents differ only in their timestamps.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from charter.documents import FORMATS, charter_model, render
from charter.errors import CharterError, InvalidAnswersError
from charter.legal import catalogue
from charter.redline import Comparison, compare, redline_docx, redline_html
from charter.render.clauses import load_library
from charter.render.pdf import html_to_pdf
from charter.render.templates import Templates
from charter.resources import SCHEMAS, TEMPLATES
from charter.schema import schema as charter_schema
from charter.store import Adoption, DraftStore
from charter.validate import iter_findings

__all__ = [
    "AdoptionError",
    "Adopted",
    "Redline",
    "adopt",
    "catalogue_sha256",
    "redline",
    "rerender",
    "shipped_snapshot",
    "snapshot",
    "templates_of",
]

LANGS = ("ar", "fr")


class AdoptionError(CharterError):
    """A revision that cannot be recorded as adopted (it says why)."""

    exit_code = 1


@dataclass(frozen=True)
class Adopted:
    """An adoption just recorded, with the documents made for it (name → bytes)."""

    adoption: Adoption
    documents: dict[str, bytes]


def snapshot(clauses: dict[str, bytes], layouts: dict[str, bytes]) -> bytes:
    """The templates as a zip: ``clauses/<file>.yaml`` and ``docx/charter-<lang>.docx``.

    ``clauses`` are the clause files in force (``charter.library.AdvisorsLibrary.files()``, or
    the shipped ones), ``layouts`` the Word layout of each language in force. Written in a fixed
    order with fixed dates, so the same templates always give the same bytes (and hash)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(clauses):
            zf.writestr(zipfile.ZipInfo(f"clauses/{name}", (2000, 1, 1, 0, 0, 0)), clauses[name])
        for lang in sorted(layouts):
            info = zipfile.ZipInfo(f"docx/charter-{lang}.docx", (2000, 1, 1, 0, 0, 0))
            zf.writestr(info, layouts[lang])
    return out.getvalue()


def shipped_snapshot() -> bytes:
    """The repository's own templates as a snapshot."""
    clauses = {p.name: p.read_bytes() for p in (TEMPLATES / "clauses").glob("*.yaml")}
    layouts = {lang: (TEMPLATES / "docx" / f"charter-{lang}.docx").read_bytes() for lang in LANGS}
    return snapshot(clauses, layouts)


_CACHE = Path(tempfile.gettempdir()) / "mithaq-snapshots"
_LOCK = threading.Lock()
_LOADED: dict[str, Templates] = {}


def templates_of(zipped: bytes) -> Templates:
    """The ``Templates`` a snapshot holds (unpacked once per process into a folder named by
    its hash; the zip is Mithaq's own, but its names are checked all the same)."""
    sha = hashlib.sha256(zipped).hexdigest()
    with _LOCK:
        if sha in _LOADED:
            return _LOADED[sha]
        folder = _CACHE / sha[:32]
        with zipfile.ZipFile(io.BytesIO(zipped)) as zf:
            for info in zf.infolist():
                parts = Path(info.filename).parts
                if len(parts) != 2 or parts[0] not in ("clauses", "docx") or ".." in parts:
                    raise AdoptionError(f"unexpected file in a templates snapshot: {parts}")
                target = folder / parts[0] / parts[1]
                if not target.is_file():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(zf.read(info))
        library = load_library(folder / "clauses", set(catalogue().provisions))
        layouts = {lang: folder / "docx" / f"charter-{lang}.docx" for lang in LANGS}
        _LOADED[sha] = Templates(library, layouts, f"snapshot:{sha}")
        return _LOADED[sha]


def catalogue_sha256() -> str:
    """The hash of the catalogue of provisions this Mithaq carries."""
    return hashlib.sha256((SCHEMAS / "provisions.json").read_bytes()).hexdigest()


def adopt(store: DraftStore, draft_id: str, revision: int, templates: bytes) -> Adopted:
    """Record revision ``revision`` of the draft as adopted, with the templates ``templates``
    (a ``snapshot``): the deliberation is read from the answers' ``adoption`` section, which
    must say the charter is adopted and give the deliberation's number and date; the answers
    must have no error. Renders every document of the charter (its output languages, DOCX and
    PDF) and records their hashes."""
    answers = store.revision(draft_id, revision).answers
    for earlier in store.adoptions(draft_id):
        if earlier.revision == revision:
            raise AdoptionError(
                f"revision {revision} is already adopted, as version {earlier.version}"
            )
    adoption = answers.get("adoption") or {}
    missing = [k for k in ("deliberation_number", "deliberation_date") if not adoption.get(k)]
    if adoption.get("status") != "adopted" or missing:
        raise AdoptionError(
            "the answers must say the charter is adopted and give the deliberation's number "
            "and date (step: adoption)"
        )
    errors = [f for f in iter_findings(answers, "fr") if f.is_error]
    if errors:
        raise InvalidAnswersError(errors)
    documents = _documents(answers, templates_of(templates))
    recorded = store.add_adoption(
        draft_id,
        revision,
        deliberation_number=str(adoption["deliberation_number"]),
        deliberation_date=str(adoption["deliberation_date"]),
        catalogue_sha256=catalogue_sha256(),
        library_sha256=hashlib.sha256(templates).hexdigest(),
        templates=templates,
        documents={name: hashlib.sha256(data).hexdigest() for name, data in documents.items()},
    )
    return Adopted(recorded, documents)


def _documents(answers: dict[str, Any], templates: Templates) -> dict[str, bytes]:
    languages = (answers.get("output") or {}).get("languages") or list(LANGS)
    return {
        f"{lang}.{fmt}": render(answers, lang, fmt, templates=templates)
        for lang in languages
        if lang in LANGS
        for fmt in FORMATS
    }


def rerender(store: DraftStore, draft_id: str, version: int, lang: str, fmt: str) -> bytes:
    """The document ``lang``.``fmt`` of an adopted version, made again from its revision and
    its templates snapshot, as it was adopted."""
    adoption = store.adoption(draft_id, version)
    answers = store.revision(draft_id, adoption.revision).answers
    templates = templates_of(store.adoption_templates(draft_id, version))
    return render(answers, lang, fmt, templates=templates)


# --- comparing two adopted versions ----------------------------------------------------------


@dataclass(frozen=True)
class Redline:
    """Two adopted versions compared, in one language: the DOCX with tracked changes, the PDF
    with the changes marked and the "what changed" table, and the comparison itself."""

    comparison: Comparison
    docx: bytes
    pdf: bytes


def redline(store: DraftStore, draft_id: str, old: int, new: int, lang: str) -> Redline:
    """Compare adopted versions ``old`` and ``new`` of a draft in ``lang`` (each built from its
    own answers and its own templates snapshot)."""
    before, after = store.adoption(draft_id, old), store.adoption(draft_id, new)
    answers = [store.revision(draft_id, a.revision).answers for a in (before, after)]
    zips = [store.adoption_templates(draft_id, a.version) for a in (before, after)]
    models = [
        charter_model(ans, lang, templates=templates_of(z))
        for ans, z in zip(answers, zips, strict=True)
    ]
    comparison = compare(*models)
    library = templates_of(zips[1]).library
    label = partial(library.label, lang=lang)
    sections = _changed_sections(*answers, lang)
    wording = _changed_wording(*zips)
    for art in comparison.changed:
        why = []
        if art.id in wording:
            why.append(label("reason_wording"))
        if sections:
            joined = ("، " if lang == "ar" else ", ").join(sections)
            why.append(label("reason_answers").format(sections=joined))
        art.reason = ("؛ " if lang == "ar" else " ; ").join(why)
        art.citations = tuple(_cite(pid, lang) for pid in art.provisions)
    deliberation = {
        a.version: f"{a.deliberation_number} ({a.deliberation_date})" for a in (before, after)
    }
    labels = {
        "title": label("redline_title").format(old=old, new=new),
        "subtitle": label("redline_subtitle").format(
            old=old, new=new, old_deliberation=deliberation[old],
            new_deliberation=deliberation[new],
        ),
        "what_changed": label("what_changed"),
        "article": label("change_article"),
        "change": label("change_kind"),
        "reason": label("change_reason"),
        "provisions": label("change_provisions"),
        "added": label("change_added"),
        "removed": label("change_removed"),
        "changed": label("change_changed"),
    }  # fmt: skip
    docx = redline_docx(comparison, labels)
    # the PDF carries the newer version's answers, as every charter PDF carries its own
    pdf = html_to_pdf(redline_html(comparison, labels), answers[1], identifier=f"redline-{lang}")
    return Redline(comparison, docx, pdf)


def _cite(pid: str, lang: str) -> str:
    cat = catalogue()
    return cat.cite(pid, lang) if pid in cat else pid


def _changed_sections(old: dict, new: dict, lang: str) -> list[str]:
    """The titles of the answers' sections that differ between two versions."""
    props = charter_schema()["properties"]  # the sections, in the wizard's order
    return [
        props[key]["x-title"][lang]
        for key in props
        if key != "schema_version" and old.get(key) != new.get(key) and "x-title" in props[key]
    ]


def _changed_wording(old_zip: bytes, new_zip: bytes) -> set[str]:
    """The ids of the articles whose clause differs between two templates snapshots."""
    a, b = _clause_sources(old_zip), _clause_sources(new_zip)
    return {aid for aid in a.keys() | b.keys() if a.get(aid) != b.get(aid)}


def _clause_sources(zipped: bytes) -> dict[str, str]:
    out = {}
    with zipfile.ZipFile(io.BytesIO(zipped)) as zf:
        for name in zf.namelist():
            if not name.startswith("clauses/") or name.endswith("_labels.yaml"):
                continue
            data = yaml.safe_load(zf.read(name)) or {}
            for article in data.get("articles") or [] if isinstance(data, dict) else []:
                if isinstance(article, dict) and "id" in article:
                    out[article["id"]] = json.dumps(article, sort_keys=True, ensure_ascii=False)
    return out
