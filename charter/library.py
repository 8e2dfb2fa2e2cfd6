"""The advisors' library: edited clauses and uploaded Word layouts, versioned, in the data folder.

Legal advisors change the wording of an article (text and title per language, condition,
provisions) or upload a Word layout restyled in Word. Each save is a **version** (when, who as
typed, what changed); nothing is updated in place, so any version can be brought back, and
bringing one back (revert, restore) is itself a new version. The edits **override** the shipped
library (``templates/clauses/``) and layouts (``templates/docx/``) where an entry point asks for
them: ``in_force()`` is the ``charter.render.templates.Templates`` to hand to rendering (the
wizard, the CLI and batch do; rendering itself never reads the data folder).

Storage (``charter.database``): ``$MITHAQ_DATA/advisors.sqlite3`` (``MITHAQ_DATA`` defaults to
``./data``), a file of its own rather than tables in ``drafts.sqlite3`` — the wording of the
charter is the advisors' work, not a commune's draft: it is backed up, copied to another server
or reset on its own, and purging training drafts can never touch it — or, when
``MITHAQ_DATABASE_URL`` is set, the PostgreSQL database every app instance shares, so an edit
saved on one instance is in force on all of them at once. Uploaded layouts are stored in the
database with their versions (content and hash, never the uploaded name); saves of one article
(or one language's layout) are serialised, so two advisors saving at once get two versions in
turn, never one lost.

Every save goes through the template doctor first: a broken clause or layout is refused with
the located reason (``TemplateError``) and nothing already saved is lost.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import io
import json
import os
import re
import tempfile
import threading
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import yaml

from charter import doctor
from charter.database import data_folder, database_url, open_database
from charter.errors import TemplateError
from charter.legal import catalogue
from charter.logins import LoginThrottle
from charter.model import build_charter
from charter.render.clauses import load_library
from charter.render.html import render_html
from charter.render.templates import Templates, shipped, shipped_layouts
from charter.resources import TEMPLATES

__all__ = [
    "AdvisorsLibrary",
    "ClauseVersion",
    "LayoutVersion",
    "ShippedClause",
    "active_layout",
    "active_library",
    "default_location",
    "default_path",
    "shipped_clauses",
]

LANGS = ("ar", "fr")
CLAUSES = TEMPLATES / "clauses"
DOCX = TEMPLATES / "docx"
MAX_TEXT = 20_000  # characters per text: a clause is an article, not a book
MAX_AUTHOR = 80
FIELDS = ("title.ar", "title.fr", "text.ar", "text.fr", "when", "provisions")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

SHIPPED = "shipped"  # layout_versions.sha256 of a restored shipped layout


def default_path() -> Path:
    """``$MITHAQ_DATA/advisors.sqlite3``; ``MITHAQ_DATA`` defaults to ``./data``."""
    return data_folder() / "advisors.sqlite3"


def default_location() -> str:
    """Where the library is kept when nothing is said: ``MITHAQ_DATABASE_URL``, else the file."""
    return database_url() or str(default_path())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _clean(text: str) -> str:
    return _CONTROL.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n")))


def refusal(problems) -> TemplateError:
    """One ``TemplateError`` for the doctor's problems: every located line in its message, the
    ``Problem`` objects in its ``problems`` attribute."""
    exc = TemplateError("\n".join(str(p) for p in problems))
    exc.problems = list(problems)
    return exc


# --- the shipped library, raw ---------------------------------------------------------------------


@dataclass(frozen=True)
class ShippedClause:
    """Where an article lives in templates/clauses/, and its text there."""

    id: str
    file: str
    section: str
    section_title: dict
    section_when: str | None
    article: dict


def _load_yaml(path: Path):

    return doctor.load_yaml(path.read_text(encoding="utf-8"))


@cache
def _shipped(root: Path) -> tuple[ShippedClause, ...]:
    out = []
    for path in sorted(root.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        data = _load_yaml(path) or {}
        when = data.get("when")
        for article in data.get("articles") or []:
            out.append(
                ShippedClause(
                    id=str(article["id"]),
                    file=path.name,
                    section=str(data["section"]),
                    section_title=data.get("title") or {},
                    section_when=None if when is None else str(when),
                    article=article,
                )
            )
    return tuple(out)


def shipped_clauses(root: Path = CLAUSES) -> dict[str, ShippedClause]:
    """Every article of the shipped library by id, in charter order."""
    return {c.id: c for c in _shipped(root)}


def normalise(article: dict) -> dict:
    """An article as stored and exported: id, when, title, provisions, table, text (that order)."""
    out: dict = {"id": str(article["id"])}
    when = article.get("when")
    if when not in (None, ""):
        out["when"] = str(when).strip()
    out["title"] = {lang: (article.get("title") or {}).get(lang, "") for lang in LANGS}
    out["provisions"] = [str(p).strip() for p in article.get("provisions") or [] if str(p).strip()]
    if article.get("table"):
        out["table"] = article["table"]
    out["text"] = {lang: (article.get("text") or {}).get(lang, "") for lang in LANGS}
    return out


def field_value(article: dict, name: str) -> str:
    """One of ``FIELDS`` as text (provisions one per line), for showing and diffing."""
    if name == "provisions":
        return "\n".join(article.get("provisions") or [])
    if name == "when":
        return article.get("when") or ""
    part, lang = name.split(".")
    return (article.get(part) or {}).get(lang, "")


# --- versions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClauseVersion:
    """One saved state of a clause. Number 0 is the shipped text (never stored)."""

    clause_id: str
    number: int
    created: str
    author: str
    note: str
    article: dict
    previous: dict

    @property
    def changed(self) -> list[str]:
        """The fields (``FIELDS``) this version changed from the one before it."""
        return [f for f in FIELDS if field_value(self.article, f) != field_value(self.previous, f)]

    def changes(self) -> list[tuple[str, str, str]]:
        """(field, old, new) for each changed field."""
        return [
            (f, field_value(self.previous, f), field_value(self.article, f)) for f in self.changed
        ]


@dataclass(frozen=True)
class LayoutVersion:
    """One state of the Word layout of a language. Number 0 is the shipped layout."""

    lang: str
    number: int
    created: str
    author: str
    note: str
    sha256: str
    size: int

    @property
    def shipped(self) -> bool:
        return self.sha256 == SHIPPED


def unified_diff(old: str, new: str, name: str, a: str = "before", b: str = "after") -> str:
    """A unified diff of two texts, line by line (empty when they are equal)."""
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), f"{name} ({a})", f"{name} ({b})", lineterm=""
    )
    return "\n".join(lines)


# --- YAML out, in the format of templates/clauses/ ------------------------------------------------


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _header(text: str) -> str:
    """The comment block a clause file opens with (kept when the file is rewritten)."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""


def section_yaml(path: Path, overrides: dict[str, dict]) -> str:
    """The clause file ``path`` with the articles of ``overrides`` (by id) replaced."""
    source = path.read_text(encoding="utf-8")
    data = _load_yaml(path)
    data["articles"] = [
        overrides.get(str(a.get("id")), a) if isinstance(a, dict) else a
        for a in data.get("articles") or []
    ]
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return _header(source) + body


# --- the store -----------------------------------------------------------------------------------


class AdvisorsLibrary:
    """The advisors' versions of clauses and layouts, in the database at ``where`` (a SQLite
    file's path or a ``postgresql://`` URL; by default ``default_location()``)."""

    def __init__(self, where: str | os.PathLike[str] | None = None, *, shipped: Path = CLAUSES):
        self.db = open_database("advisors", where)
        self.where = self.db.where
        self.root = shipped
        self.logins = LoginThrottle(self.db)  # failed advisors' logins, seen by every instance
        if self.db.dialect == "sqlite":
            self._adopt_layout_files(Path(self.where).parent / "layouts")

    def _adopt_layout_files(self, folder: Path) -> None:
        """Layouts uploaded before they lived in the database: their bytes move in."""
        with self.db.transaction() as db:
            rows = db.execute(
                "SELECT id, lang, sha256 FROM layout_versions "
                "WHERE content IS NULL AND sha256 <> ?",
                (SHIPPED,),
            ).fetchall()
            for row_id, lang, sha in rows:
                path = folder / f"charter-{lang}-{sha[:32]}.docx"
                if path.is_file():
                    db.execute(
                        "UPDATE layout_versions SET content = ? WHERE id = ?",
                        (path.read_bytes(), row_id),
                    )

    # -- clauses ---------------------------------------------------------------------------------

    def shipped(self) -> dict[str, ShippedClause]:
        return shipped_clauses(self.root)

    def _shipped_one(self, clause_id: str) -> ShippedClause:
        try:
            return self.shipped()[clause_id]
        except KeyError:
            raise TemplateError(f"unknown clause {clause_id!r}") from None

    def edited(self) -> dict[str, dict]:
        """The latest saved article of each edited clause, by id."""
        with self.db.transaction() as db:
            rows = db.execute(
                "SELECT clause_id, article FROM clause_versions v WHERE number = "
                "(SELECT MAX(number) FROM clause_versions w WHERE w.clause_id = v.clause_id)"
            ).fetchall()
        shipped = self.shipped()
        return {cid: json.loads(a) for cid, a in rows if cid in shipped}

    def article(self, clause_id: str) -> dict:
        """The article in force: the latest version, else the shipped one."""
        versions = self.versions(clause_id)
        return copy.deepcopy(versions[0].article)

    def versions(self, clause_id: str) -> list[ClauseVersion]:
        """Every version of a clause, newest first; the last one (number 0) is the shipped text."""
        shipped = normalise(self._shipped_one(clause_id).article)
        with self.db.transaction() as db:
            rows = db.execute(
                "SELECT number, created, author, note, article FROM clause_versions "
                "WHERE clause_id = ? ORDER BY number",
                (clause_id,),
            ).fetchall()
        out = [ClauseVersion(clause_id, 0, "", "", "", shipped, shipped)]
        for number, created, author, note, article in rows:
            out.append(
                ClauseVersion(
                    clause_id,
                    number,
                    created,
                    author,
                    note or "",
                    json.loads(article),
                    out[-1].article,
                )
            )
        return out[::-1]

    def version(self, clause_id: str, number: int) -> ClauseVersion:
        for v in self.versions(clause_id):
            if v.number == number:
                return v
        raise TemplateError(f"clause {clause_id} has no version {number}")

    def check(self, clause_id: str, article: dict) -> dict:
        """The article, cleaned and normalised, or ``TemplateError`` with every located problem."""

        shipped = self._shipped_one(clause_id)
        if not isinstance(article, dict):
            raise TemplateError(f"{clause_id}: an article is a mapping")
        article = normalise({**article, "id": clause_id, "table": shipped.article.get("table")})
        for part in ("title", "text"):
            for lang in LANGS:
                value = article[part][lang]
                if not isinstance(value, str):
                    raise TemplateError(f"{shipped.file}: {clause_id} [{lang}]: {part} is not text")
                if len(value) > MAX_TEXT:
                    raise TemplateError(
                        f"{shipped.file}: {clause_id} [{lang}]: {part} longer than {MAX_TEXT} "
                        "characters"
                    )
                article[part][lang] = _clean(value)
        if article.get("when"):
            article["when"] = _clean(article["when"])
        problems = list(
            doctor.check_article(article, shipped.file, section_when=shipped.section_when)
        )
        if problems:
            raise refusal(problems)
        return article

    def save(self, clause_id: str, article: dict, author: str, note: str = "") -> ClauseVersion:
        """Check ``article`` with the doctor, then store it as the clause's next version.

        A broken article raises ``TemplateError`` (its ``problems`` are the doctor's)
        and nothing is written. Saving the text in force again is not a new version.
        """
        author = _clean(author or "").strip()[:MAX_AUTHOR]
        if not author:
            raise TemplateError("say who you are: every version records its author")
        article = self.check(clause_id, article)
        current = self.versions(clause_id)[0]
        if article == normalise(current.article):
            return current
        self._compiles_with(clause_id, article)
        with self.db.transaction() as db:
            db.lock(f"clause:{clause_id}")  # two advisors saving one article: in turn
            (last,) = db.execute(
                "SELECT COALESCE(MAX(number), 0) FROM clause_versions WHERE clause_id = ?",
                (clause_id,),
            ).fetchone()
            db.execute(
                "INSERT INTO clause_versions (clause_id, number, created, author, note, article) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (clause_id, last + 1, _now(), author, _clean(note)[:200],
                 json.dumps(article, ensure_ascii=False)),
            )  # fmt: skip
        return self.versions(clause_id)[0]

    def revert(self, clause_id: str, number: int, author: str) -> ClauseVersion:
        """Bring back version ``number`` (0: the shipped text) as a new version."""
        old = self.version(clause_id, number)
        return self.save(clause_id, old.article, author, note=f"revert to version {number}")

    def diff(self, clause_id: str, old: int, new: int) -> dict[str, str]:
        """Unified diffs between two versions, per field that differs (``text.ar``, …)."""
        a, b = self.version(clause_id, old).article, self.version(clause_id, new).article
        out = {}
        for f in FIELDS:
            d = unified_diff(field_value(a, f), field_value(b, f), f, f"v{old}", f"v{new}")
            if d:
                out[f] = d
        return out

    def stamp(self) -> tuple[int, int]:
        """Changes whenever a clause or a layout is saved (the caches' key)."""
        with self.db.transaction() as db:
            (c,) = db.execute("SELECT COALESCE(MAX(id), 0) FROM clause_versions").fetchone()
            (lay,) = db.execute("SELECT COALESCE(MAX(id), 0) FROM layout_versions").fetchone()
        return c, lay

    # -- the library as files ----------------------------------------------------------------------

    def files(self, overrides: dict[str, dict] | None = None) -> dict[str, bytes]:
        """The clause files (name → bytes) with the edits (and ``overrides``) applied; files
        without an edited article are the shipped bytes, unchanged."""
        edits = {**self.edited(), **(overrides or {})}
        shipped = self.shipped()
        touched = {shipped[cid].file for cid in edits if cid in shipped}
        out = {}
        for path in sorted(self.root.glob("*.yaml")):
            if path.name in touched:
                out[path.name] = section_yaml(path, edits).encode("utf-8")
            else:
                out[path.name] = path.read_bytes()
        return out

    def build(self, overrides: dict[str, dict] | None = None):
        """The compiled library (``charter.render.clauses.Library``) with the edits applied."""

        with tempfile.TemporaryDirectory(prefix="mithaq-clauses-") as tmp:
            for name, data in self.files(overrides).items():
                (Path(tmp) / name).write_bytes(data)
            return load_library(Path(tmp), set(catalogue().provisions))

    def _compiles_with(self, clause_id: str, article: dict) -> None:
        """The renderer's own loader accepts the library with this article (belt and braces)."""
        self.build({clause_id: article})

    def export_zip(self) -> bytes:
        """The library in force as ``templates/clauses/*.yaml`` (and the active Word layouts as
        ``templates/docx/charter-<lang>.docx``), zipped: ready to commit to the repository."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in self.files().items():
                zf.writestr(f"templates/clauses/{name}", data)
            for lang in LANGS:
                path = self.active_layout(lang)
                if path is not None:
                    zf.writestr(f"templates/docx/charter-{lang}.docx", path.read_bytes())
        return out.getvalue()

    # -- Word layouts ------------------------------------------------------------------------------

    def layouts(self, lang: str) -> list[LayoutVersion]:
        """Every version of the layout of ``lang``, newest first; number 0 is the shipped one."""
        with self.db.transaction() as db:
            rows = db.execute(
                "SELECT number, created, author, note, sha256, size FROM layout_versions "
                "WHERE lang = ? ORDER BY number DESC",
                (lang,),
            ).fetchall()
        shipped_size = (DOCX / f"charter-{lang}.docx").stat().st_size
        out = [LayoutVersion(lang, *row) for row in rows]
        return [*out, LayoutVersion(lang, 0, "", "", "", SHIPPED, shipped_size)]

    def layout_content(self, lang: str) -> bytes | None:
        """The bytes of the uploaded layout in force for ``lang``, or None for the shipped one."""
        with self.db.transaction() as db:
            row = db.execute(
                "SELECT sha256, content FROM layout_versions WHERE lang = ? "
                "ORDER BY number DESC LIMIT 1",
                (lang,),
            ).fetchone()
        if row is None or row[0] == SHIPPED or row[1] is None:
            return None
        return bytes(row[1])

    def active_layout(self, lang: str) -> Path | None:
        """The uploaded layout in force for ``lang`` as a file docxtpl can open (a local copy,
        named by its hash, of the bytes in the database), or None for the shipped one."""
        data = self.layout_content(lang)
        if data is None:
            return None
        sha = hashlib.sha256(data).hexdigest()
        path = Path(tempfile.gettempdir()) / "mithaq-layouts" / f"charter-{lang}-{sha[:32]}.docx"
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        return path

    def check_layout(self, lang: str, data: bytes) -> None:
        """``TemplateError`` with every located problem unless ``data`` is a usable layout: a real
        DOCX under 5 MB that the doctor finds clean and that renders an example."""

        if lang not in LANGS:
            raise TemplateError(f"unknown language {lang!r}: expected ar or fr")
        where = f"uploaded {lang} layout"
        problems = list(doctor.check_docx_bytes(data, where, lang, render=True))
        if problems:
            raise refusal(problems)

    def upload_layout(self, lang: str, data: bytes, author: str, note: str = "") -> LayoutVersion:
        """Check an uploaded DOCX, then make it the active layout of ``lang`` (the previous one
        stays, and can be restored). The uploaded file's name is not used anywhere."""
        author = _clean(author or "").strip()[:MAX_AUTHOR]
        if not author:
            raise TemplateError("say who you are: every version records its author")
        self.check_layout(lang, data)
        sha = hashlib.sha256(data).hexdigest()
        return self._add_layout(lang, sha, len(data), author, note or "upload", data)

    def restore_layout(self, lang: str, number: int, author: str) -> LayoutVersion:
        """Make version ``number`` (0: the shipped layout) active again, as a new version."""
        author = _clean(author or "").strip()[:MAX_AUTHOR]
        if not author:
            raise TemplateError("say who you are: every version records its author")
        for v in self.layouts(lang):
            if v.number == number:
                data = None if v.shipped else self.layout_bytes(lang, number)
                note = f"restore version {number}"
                return self._add_layout(lang, v.sha256, v.size, author, note, data)
        raise TemplateError(f"the {lang} layout has no version {number}")

    def layout_bytes(self, lang: str, number: int) -> bytes:
        if number == 0:
            return (DOCX / f"charter-{lang}.docx").read_bytes()
        with self.db.transaction() as db:
            row = db.execute(
                "SELECT sha256, content FROM layout_versions WHERE lang = ? AND number = ?",
                (lang, number),
            ).fetchone()
        if row is None:
            raise TemplateError(f"the {lang} layout has no version {number}")
        if row[0] == SHIPPED:
            return (DOCX / f"charter-{lang}.docx").read_bytes()
        if row[1] is None:
            raise TemplateError(f"the {lang} layout's version {number} lost its file")
        return bytes(row[1])

    def _add_layout(self, lang, sha, size, author, note, data) -> LayoutVersion:
        with self.db.transaction() as db:
            db.lock(f"layout:{lang}")
            (last,) = db.execute(
                "SELECT COALESCE(MAX(number), 0) FROM layout_versions WHERE lang = ?", (lang,)
            ).fetchone()
            db.execute(
                "INSERT INTO layout_versions "
                "(lang, number, created, author, note, sha256, size, content) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (lang, last + 1, _now(), author, _clean(note)[:200], sha, size, data),
            )
        return self.layouts(lang)[0]


# --- what the renderer asks ----------------------------------------------------------------------

_LOCK = threading.Lock()
_BUILT: dict[tuple[str, tuple[int, int]], object] = {}


def _in_use() -> AdvisorsLibrary | None:
    """The library of this deployment, or None when there is none yet: no SQLite file (cheap:
    one ``stat``) — a PostgreSQL database always has one."""
    if database_url() is None and not default_path().is_file():
        return None
    return AdvisorsLibrary(default_location())


def active_library():
    """The compiled library with the advisors' edits, or None when there are none (the renderer
    then uses the shipped one). Cheap when nothing was edited."""
    store = _in_use()
    if store is None:
        return None
    stamp = store.stamp()
    if stamp[0] == 0 or not store.edited():
        return None
    key = (store.where, stamp)
    with _LOCK:
        if key not in _BUILT:
            _BUILT.clear()
            _BUILT[key] = store.build()
        return _BUILT[key]


def active_layout(lang: str) -> Path | None:
    """The uploaded Word layout in force for ``lang``, or None for the shipped one."""
    store = _in_use()
    return None if store is None else store.active_layout(lang)


_IN_FORCE: dict[str, Templates] = {}


def in_force() -> Templates:
    """The templates of this deployment: the advisors' edited clauses and uploaded Word layouts
    (``$MITHAQ_DATA`` or ``MITHAQ_DATABASE_URL``) over the shipped ones; ``shipped()`` itself
    when nothing was edited. Its ``key`` changes with every save, so callers may cache on it."""
    store = _in_use()
    if store is None:
        return shipped()
    stamp = store.stamp()
    if stamp == (0, 0):
        return shipped()
    key = f"{store.where}|{stamp[0]}|{stamp[1]}"
    with _LOCK:
        if key in _IN_FORCE:
            return _IN_FORCE[key]
    library = active_library() or shipped().library
    layouts = {lang: store.active_layout(lang) or path for lang, path in shipped_layouts().items()}
    templates = Templates(library, layouts, key)
    with _LOCK:
        _IN_FORCE.clear()
        _IN_FORCE[key] = templates
    return templates


def files_in_force() -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The clause files (name → bytes) and the Word layouts (lang → bytes) in force, edits
    applied: what ``charter.versions.snapshot`` freezes when a charter is adopted."""
    store = _in_use()
    if store is None:
        clauses = {p.name: p.read_bytes() for p in sorted(CLAUSES.glob("*.yaml"))}
    else:
        clauses = store.files()
    layouts = {lang: path.read_bytes() for lang, path in in_force().layouts.items()}
    return clauses, layouts


# --- preview -------------------------------------------------------------------------------------

_CANDIDATES: dict[tuple, object] = {}


def _candidate(store: AdvisorsLibrary, clause_id: str, article: dict):
    key = (store.where, store.stamp(), clause_id, json.dumps(article, sort_keys=True))
    with _LOCK:
        if key not in _CANDIDATES:
            if len(_CANDIDATES) > 8:
                _CANDIDATES.clear()
            _CANDIDATES[key] = store.build({clause_id: article})
        return _CANDIDATES[key]


def article_fragment(html: str, clause_id: str) -> str | None:
    """The ``<div class="article" id=…>`` of one article in the charter's HTML, or None."""
    start = html.find(f'<div class="article" id="{clause_id}">')
    if start < 0:
        return None
    ends = (html.find('<div class="article"', start + 1), html.find("</section>", start))
    end = min((i for i in ends if i > 0), default=len(html))
    return html[start:end]


def preview_html(
    store: AdvisorsLibrary, clause_id: str, article: dict, answers: dict, lang: str
) -> str | None:
    """The article as it would print in ``answers``' charter (``lang``), with ``article`` in
    place of the clause: a small HTML page in the charter's own stylesheet, or None when the
    article does not appear in that charter (its condition, or its section's, is false)."""
    article = store.check(clause_id, article)
    model = build_charter(answers, lang, lib=_candidate(store, clause_id, article))
    fragment = article_fragment(render_html(model), clause_id)
    if fragment is None:
        return None
    css = (TEMPLATES / "html" / "charter.css").read_text(encoding="utf-8")
    direction = "rtl" if lang == "ar" else "ltr"
    return (
        f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        f"<style>{css} body{{padding:0 1rem}}</style></head><body>{fragment}</body></html>"
    )
