"""Drafts and their revisions, in the database (SQLite by default, PostgreSQL on a server).

A draft is a charter being written. Its id is unguessable (it is the only key to the draft: it
sits in the wizard's URL), every save appends a revision, and nothing is ever updated in place:
restoring an earlier revision appends a copy of it.

Every save says which revision it was based on (``base``): the store appends only when that is
still the draft's newest revision (compare-and-set inside one transaction under the draft's
lock, so it holds across threads, processes and app instances), and raises ``StaleDraftError``
otherwise, naming the sections changed elsewhere. To keep one's own answers knowingly, save
again with ``base=error.latest``. Training drafts (trainer mode) carry a flag so they can be
listed, purged and kept apart from real ones.

Where: ``$MITHAQ_DATA/drafts.sqlite3`` (``MITHAQ_DATA`` defaults to ``./data``), or the
PostgreSQL database of ``MITHAQ_DATABASE_URL`` when it is set, shared by every app instance
(``charter.database``). Each call is one short transaction, so a store can be shared between
threads (Streamlit runs each session in its own thread), several instances can write the same
draft, and a killed process loses nothing that was committed.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from charter.answers import require_sound
from charter.database import Transaction, data_folder, database_url, open_database
from charter.errors import StaleDraftError

__all__ = [
    "Adoption",
    "DraftNotFoundError",
    "DraftStore",
    "Revision",
    "StaleDraftError",
    "default_location",
    "default_path",
]


class DraftNotFoundError(LookupError):
    """No draft (or no such revision of it) under that id."""


@dataclass(frozen=True)
class Revision:
    """One saved state of a draft's answers."""

    draft_id: str
    number: int
    created: str  # ISO 8601, UTC
    step: str | None  # the wizard step that was submitted, if any
    note: str | None  # e.g. "restored:3", "import:example.json"
    answers: dict[str, Any]


@dataclass(frozen=True)
class Adoption:
    """A version of the charter its council adopted (``charter.versions`` makes them)."""

    draft_id: str
    version: int  # 1, 2, … in the order the council adopted them
    revision: int  # the draft's revision that was adopted
    recorded: str  # ISO 8601, UTC: when Mithaq recorded it
    deliberation_number: str
    deliberation_date: str  # ISO 8601 date
    catalogue_sha256: str  # the catalogue of provisions the documents were made with
    library_sha256: str  # the clause library and Word layouts they were made with
    documents: dict[str, str]  # "ar.pdf" → sha256 of the document made at adoption


_ADOPTION = (
    "version, revision, recorded, deliberation_number, deliberation_date, catalogue_sha256, "
    "library_sha256, documents"
)


def default_path() -> Path:
    """``$MITHAQ_DATA/drafts.sqlite3``; ``MITHAQ_DATA`` defaults to ``./data``."""
    return data_folder() / "drafts.sqlite3"


def default_location() -> str:
    """Where drafts are kept when nothing is said: ``MITHAQ_DATABASE_URL``, else the file."""
    return database_url() or str(default_path())


# Draft ids are read aloud, copied by hand and typed from paper: lowercase letters and digits
# without the look-alikes (0 o, 1 l i), 26 of them drawn by ``secrets`` (31**26 > 2**128).
ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
ID_LENGTH = 26


def new_id() -> str:
    """A fresh draft id: at least 128 random bits, no confusable character. Ids made before
    (``secrets.token_urlsafe``) stay valid: an id is only ever looked up."""
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class DraftStore:
    """Append-only drafts in a database.

    ``where`` is a SQLite file's path or a ``postgresql://`` URL; ``None`` means
    ``MITHAQ_DATABASE_URL`` when set, else ``$MITHAQ_DATA/drafts.sqlite3``.
    """

    def __init__(self, where: str | os.PathLike[str] | None = None) -> None:
        self.db = open_database("drafts", where)
        self.where = self.db.where

    # --- writing ----------------------------------------------------------------------

    def create(
        self, answers: dict[str, Any], *, training: bool = False, note: str | None = None
    ) -> str:
        """A new draft whose first revision is ``answers``; returns its id.

        Answers no answers file may hold (``charter.answers``) raise ``AnswersFileError``:
        nothing malformed is ever stored; line separators are stored as line breaks."""
        answers = require_sound(answers)
        draft_id = new_id()
        with self.db.transaction() as db:
            db.execute(
                "INSERT INTO drafts (id, created, training) VALUES (?, ?, ?)",
                (draft_id, _now(), int(training)),
            )
            self._append(db, draft_id, answers, step=None, note=note)
        return draft_id

    def save(
        self,
        draft_id: str,
        answers: dict[str, Any],
        *,
        base: int,
        step: str | None = None,
        note: str | None = None,
    ) -> int:
        """Append ``answers`` as the draft's newest revision; returns its number.

        ``base`` is the revision these answers were edited from. When the draft has a newer
        revision than ``base``, nothing is saved and ``StaleDraftError`` names what changed
        (unless the answers equal the newest revision's: then there is nothing to lose).
        Saving answers identical to the newest revision appends nothing and returns that
        revision's number.
        """
        answers = require_sound(answers)
        text = _dumps(answers)
        with self.db.transaction() as db:
            self._require(db, draft_id)
            db.lock(f"draft:{draft_id}")
            number, latest = db.execute(
                "SELECT number, answers FROM revisions WHERE draft_id = ? "
                "ORDER BY number DESC LIMIT 1",
                (draft_id,),
            ).fetchone()
            if latest == text:
                return number
            if number != base:
                raise StaleDraftError(draft_id, base, number, _changed(db, draft_id, base, latest))
            return self._append(db, draft_id, answers, step=step, note=note)

    def restore(self, draft_id: str, number: int, *, base: int) -> int:
        """Append a copy of revision ``number``; returns the new revision's number.

        ``base`` is the newest revision the user saw, as for ``save``."""
        old = self.revision(draft_id, number)
        return self.save(draft_id, old.answers, base=base, note=f"restored:{number}")

    def delete_training(self, draft_id: str | None = None) -> int:
        """Delete one training draft (or all of them); real drafts are never deleted."""
        with self.db.transaction() as db:
            if draft_id is None:
                cur = db.execute("DELETE FROM drafts WHERE training = 1")
            else:
                cur = db.execute("DELETE FROM drafts WHERE training = 1 AND id = ?", (draft_id,))
            return cur.rowcount

    # --- reading ----------------------------------------------------------------------

    def exists(self, draft_id: str) -> bool:
        with self.db.transaction(write=False) as db:
            return _exists(db, draft_id)

    def is_training(self, draft_id: str) -> bool:
        with self.db.transaction(write=False) as db:
            row = db.execute("SELECT training FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise DraftNotFoundError(draft_id)
        return bool(row[0])

    def latest(self, draft_id: str) -> Revision:
        """The draft's newest revision."""
        with self.db.transaction(write=False) as db:
            row = db.execute(
                "SELECT number, created, step, note, answers FROM revisions "
                "WHERE draft_id = ? ORDER BY number DESC LIMIT 1",
                (draft_id,),
            ).fetchone()
        if row is None:
            raise DraftNotFoundError(draft_id)
        return _revision(draft_id, row)

    def revision(self, draft_id: str, number: int) -> Revision:
        with self.db.transaction(write=False) as db:
            row = db.execute(
                "SELECT number, created, step, note, answers FROM revisions "
                "WHERE draft_id = ? AND number = ?",
                (draft_id, number),
            ).fetchone()
        if row is None:
            raise DraftNotFoundError(f"{draft_id} revision {number}")
        return _revision(draft_id, row)

    def revisions(self, draft_id: str) -> list[Revision]:
        """Every revision of the draft, newest first."""
        with self.db.transaction(write=False) as db:
            self._require(db, draft_id)
            rows = db.execute(
                "SELECT number, created, step, note, answers FROM revisions "
                "WHERE draft_id = ? ORDER BY number DESC",
                (draft_id,),
            ).fetchall()
        return [_revision(draft_id, row) for row in rows]

    def training_drafts(self) -> list[str]:
        with self.db.transaction(write=False) as db:
            rows = db.execute(
                "SELECT id FROM drafts WHERE training = 1 ORDER BY created"
            ).fetchall()
        return [r[0] for r in rows]

    # --- a step's edits not submitted yet --------------------------------------------------

    def keep_pending(self, draft_id: str, section: str, value: Any, *, base: int) -> None:
        """Keep ``value`` as the step's edits not submitted yet (items added or removed), made
        on revision ``base``: a reload finds them (``pending``). They are no revision: the
        answers stay as last saved. Checked as answers are (``require_sound``)."""
        text = _dumps(require_sound({section: value}))
        with self.db.transaction() as db:
            self._require(db, draft_id)
            db.execute(
                "DELETE FROM pending WHERE draft_id = ? AND section = ?", (draft_id, section)
            )
            db.execute(
                "INSERT INTO pending (draft_id, section, base, saved, value) "
                "VALUES (?, ?, ?, ?, ?)",
                (draft_id, section, base, _now(), text),
            )

    def drop_pending(self, draft_id: str, section: str | None = None) -> None:
        """Forget the step's edits (submitted, or the answers replaced); all of them when
        ``section`` is None."""
        with self.db.transaction() as db:
            if section is None:
                db.execute("DELETE FROM pending WHERE draft_id = ?", (draft_id,))
            else:
                db.execute(
                    "DELETE FROM pending WHERE draft_id = ? AND section = ?", (draft_id, section)
                )

    def pending(self, draft_id: str) -> dict[str, Any]:
        """The steps' edits not submitted yet, by section; those of a step saved since they
        were made (its answer changed after their ``base``) are stale and left out."""
        with self.db.transaction(write=False) as db:
            rows = db.execute(
                "SELECT section, base, value FROM pending WHERE draft_id = ? ORDER BY section",
                (draft_id,),
            ).fetchall()
        if not rows:
            return {}
        latest = self.latest(draft_id)
        out = {}
        for section, base, text in rows:
            try:
                then = latest if base == latest.number else self.revision(draft_id, base)
            except DraftNotFoundError:
                continue
            if then.answers.get(section) == latest.answers.get(section):
                out[section] = json.loads(text)[section]
        return out

    # --- adopted versions ---------------------------------------------------------------

    def add_adoption(
        self,
        draft_id: str,
        revision: int,
        *,
        deliberation_number: str,
        deliberation_date: str,
        catalogue_sha256: str,
        library_sha256: str,
        templates: bytes,
        documents: dict[str, str],
    ) -> Adoption:
        """Record revision ``revision`` as the draft's next adopted version (1, 2, …)."""
        with self.db.transaction() as db:
            self._require(db, draft_id)
            db.lock(f"draft:{draft_id}")
            if not db.execute(
                "SELECT 1 FROM revisions WHERE draft_id = ? AND number = ?", (draft_id, revision)
            ).fetchone():
                raise DraftNotFoundError(f"{draft_id} revision {revision}")
            (version,) = db.execute(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM adoptions WHERE draft_id = ?",
                (draft_id,),
            ).fetchone()
            db.execute(
                "INSERT INTO adoptions (draft_id, version, revision, recorded, "
                "deliberation_number, deliberation_date, catalogue_sha256, library_sha256, "
                "templates, documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (draft_id, version, revision, _now(), deliberation_number, deliberation_date,
                 catalogue_sha256, library_sha256, templates,
                 json.dumps(documents, sort_keys=True)),
            )  # fmt: skip
        return self.adoption(draft_id, version)

    def adoptions(self, draft_id: str) -> list[Adoption]:
        """The draft's adopted versions, oldest first."""
        with self.db.transaction(write=False) as db:
            self._require(db, draft_id)
            rows = db.execute(
                f"SELECT {_ADOPTION} FROM adoptions WHERE draft_id = ? ORDER BY version",
                (draft_id,),
            ).fetchall()
        return [Adoption(draft_id, *row[:-1], json.loads(row[-1])) for row in rows]

    def adoption(self, draft_id: str, version: int) -> Adoption:
        for found in self.adoptions(draft_id):
            if found.version == version:
                return found
        raise DraftNotFoundError(f"{draft_id} adopted version {version}")

    def adoption_templates(self, draft_id: str, version: int) -> bytes:
        """The snapshot of the templates an adopted version was rendered with (a zip)."""
        with self.db.transaction(write=False) as db:
            row = db.execute(
                "SELECT templates FROM adoptions WHERE draft_id = ? AND version = ?",
                (draft_id, version),
            ).fetchone()
        if row is None:
            raise DraftNotFoundError(f"{draft_id} adopted version {version}")
        return bytes(row[0])

    # --- helpers ----------------------------------------------------------------------

    @staticmethod
    def _require(db: Transaction, draft_id: str) -> None:
        if not _exists(db, draft_id):
            raise DraftNotFoundError(draft_id)

    @staticmethod
    def _append(
        db: Transaction,
        draft_id: str,
        answers: dict[str, Any],
        *,
        step: str | None,
        note: str | None,
    ) -> int:
        db.lock(f"draft:{draft_id}")  # two instances saving one draft take numbers in turn
        (number,) = db.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM revisions WHERE draft_id = ?",
            (draft_id,),
        ).fetchone()
        db.execute(
            "INSERT INTO revisions (draft_id, number, created, step, note, answers) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (draft_id, number, _now(), step, note, _dumps(answers)),
        )
        return number


def _exists(db: Transaction, draft_id: str) -> bool:
    return db.execute("SELECT 1 FROM drafts WHERE id = ?", (draft_id,)).fetchone() is not None


def _changed(db: Transaction, draft_id: str, base: int, latest: str) -> list[str]:
    """The top-level sections whose answers differ between revision ``base`` and ``latest``."""
    row = db.execute(
        "SELECT answers FROM revisions WHERE draft_id = ? AND number = ?", (draft_id, base)
    ).fetchone()
    old = json.loads(row[0]) if row else {}
    new = json.loads(latest)
    return [k for k in dict.fromkeys([*new, *old]) if old.get(k) != new.get(k)]


def _dumps(answers: dict[str, Any]) -> str:
    return json.dumps(answers, ensure_ascii=False, separators=(",", ":"))


def _revision(draft_id: str, row: tuple[Any, ...]) -> Revision:
    number, created, step, note, answers = row
    return Revision(draft_id, number, created, step, note, json.loads(answers))
