"""Moving a data folder into PostgreSQL: every draft, revision and advisor's version, copied.

A commune that started on one machine (SQLite files in ``$MITHAQ_DATA``) joins a national
service (PostgreSQL): ``charter database copy DATA_FOLDER postgresql://…`` copies the rows as
they are — ids, revision numbers, dates, authors, adopted versions with their snapshots, edits
not yet submitted — so every link to a draft keeps working.
Rows already in the target are left alone (``ON CONFLICT DO NOTHING``), so running the copy
again after an interruption finishes the job without duplicating anything.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from charter.database import Database, open_database
from charter.errors import ConfigurationError
from charter.library import SHIPPED

__all__ = ["Copied", "NOT_COPIED", "TABLES", "copy_data_folder"]

#: area → its tables, parents before children (revisions, adopted versions and pending edits
#: refer to drafts); every table the migrations create is here or in ``NOT_COPIED``
TABLES = {
    "drafts": ("drafts", "revisions", "adoptions", "pending"),
    "advisors": ("clause_versions", "layout_versions"),
}
#: tables left behind on purpose: failed logins are a moment's state of one machine
NOT_COPIED = ("login_throttle",)
_IDENTITY = ("clause_versions", "layout_versions")  # tables whose ``id`` a sequence gives


@dataclass(frozen=True)
class Copied:
    """How many rows of one table were copied, and how many the target already had."""

    table: str
    copied: int
    present: int


def copy_data_folder(folder: str | os.PathLike[str], target: str) -> list[Copied]:
    """Copy the SQLite files of ``folder`` into the database at ``target`` (a URL or path)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ConfigurationError(f"no data folder at {folder}")
    if not any((folder / f"{area}.sqlite3").is_file() for area in TABLES):
        raise ConfigurationError(f"{folder} holds neither drafts.sqlite3 nor advisors.sqlite3")
    report: list[Copied] = []
    for area, tables in TABLES.items():
        source_file = folder / f"{area}.sqlite3"
        if not source_file.is_file():
            continue
        source = open_database(area, source_file)
        dest = open_database(area, target)
        for table in tables:
            report.append(_copy_table(source, dest, table, folder))
    return report


def _copy_table(source: Database, dest: Database, table: str, folder: Path) -> Copied:
    with source.transaction() as tx:
        cursor = tx.execute(f"SELECT * FROM {table}")  # table names come from TABLES only
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    if table == "layout_versions":
        rows = [_with_content(dict(zip(columns, row, strict=True)), folder) for row in rows]
        rows = [tuple(row[c] for c in columns) for row in rows]
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) ON CONFLICT DO NOTHING"
    copied = 0
    with dest.transaction() as tx:
        for row in rows:
            copied += tx.execute(sql, row).rowcount
        if dest.dialect == "postgresql" and table in _IDENTITY and rows:
            tx.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT MAX(id) FROM {table}))"
            )
    return Copied(table, copied, len(rows) - copied)


def _with_content(row: dict, folder: Path) -> dict:
    """A layout uploaded before layouts lived in the database: its bytes from the file."""
    if row.get("content") is None and row["sha256"] != SHIPPED:
        path = folder / "layouts" / f"charter-{row['lang']}-{row['sha256'][:32]}.docx"
        if not path.is_file():
            raise ConfigurationError(f"layout version {row['number']} is missing its file {path}")
        row["content"] = path.read_bytes()
    return row
