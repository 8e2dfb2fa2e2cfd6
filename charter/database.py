"""Where Mithaq keeps what outlives a session: drafts and the advisors' library.

Two back-ends behind one small interface, so the stores above it are written once:

- **SQLite** (the default): one file per area in ``$MITHAQ_DATA`` (``drafts.sqlite3``,
  ``advisors.sqlite3``), nothing to install — one commune on one machine.
- **PostgreSQL** when ``MITHAQ_DATABASE_URL`` is set (``postgresql://…``), through psycopg 3 and
  a connection pool — several app instances behind a load balancer share every draft and every
  advisor's edit.

A store asks for ``open_database(area, where)`` and then only ever does
``with db.transaction() as tx: tx.execute(sql, params)``. SQL is written once with ``?``
placeholders in the common subset of both dialects; where the dialects differ (the table
definitions), the migration files differ. ``tx.lock(key)`` serialises writers on one key until
the transaction ends: a PostgreSQL advisory lock, and nothing to do on SQLite, whose
``BEGIN IMMEDIATE`` already lets one writer in at a time.

Schema migrations are SQL files in ``charter/migrations/<area>/NNNN-name.<dialect>.sql``, applied
in order when a store opens, each once (recorded in ``mithaq_migrations``), under a lock, so
several instances starting together apply each file exactly once.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import psycopg_pool

from charter.errors import ConfigurationError, StorageError

__all__ = [
    "Database",
    "PostgresDatabase",
    "SQLiteDatabase",
    "Transaction",
    "close_pools",
    "data_folder",
    "database_url",
    "migrations",
    "open_database",
]

MIGRATIONS = Path(__file__).parent / "migrations"
_MIGRATION_NAME = re.compile(r"(\d{4})-([a-z0-9-]+)\.(sqlite|postgresql)\.sql")
_LOCK_NAMESPACE = 0x4D495448  # "MITH": advisory locks of Mithaq, apart from any other user's


def database_url() -> str | None:
    """``MITHAQ_DATABASE_URL`` when set (PostgreSQL); ``None`` means SQLite in ``MITHAQ_DATA``."""
    return os.environ.get("MITHAQ_DATABASE_URL") or None


def data_folder() -> Path:
    return Path(os.environ.get("MITHAQ_DATA") or "data")


class Transaction:
    """One transaction: ``execute`` SQL written with ``?`` placeholders; ``lock`` a key."""

    def __init__(self, connection: Any, dialect: str) -> None:
        self._connection = connection
        self.dialect = dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.dialect == "postgresql":
            sql = sql.replace("?", "%s")
        return self._connection.execute(sql, tuple(params))

    def lock(self, key: str) -> None:
        """Until this transaction ends, no other transaction holds ``key``."""
        if self.dialect == "postgresql":
            self._connection.execute(
                "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_LOCK_NAMESPACE, key)
            )


class Database:
    """The connection side of a store: ``transaction()`` and migrations, per dialect."""

    dialect: str
    where: str  # for messages: a file's path, or the URL without its password

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Transaction]:
        """One transaction; ``write=False`` for one that only reads (on SQLite it then does not
        queue behind writers)."""
        raise NotImplementedError

    def migrate(self, area: str) -> list[str]:
        """Apply the area's migrations not applied yet, in order; returns their names."""
        applied: list[str] = []
        with self.transaction() as tx:
            tx.lock("migrations")
            tx.execute(
                "CREATE TABLE IF NOT EXISTS mithaq_migrations ("
                " area TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,"
                " applied TEXT NOT NULL, PRIMARY KEY (area, version))"
            )
            done = {
                row[0]
                for row in tx.execute(
                    "SELECT version FROM mithaq_migrations WHERE area = ?", (area,)
                ).fetchall()
            }
            for version, name, sql in migrations(area, self.dialect):
                if version in done:
                    continue
                self._script(tx, sql)
                tx.execute(
                    "INSERT INTO mithaq_migrations (area, version, name, applied) "
                    "VALUES (?, ?, ?, ?)",
                    (area, version, name, datetime.now(UTC).isoformat(timespec="seconds")),
                )
                applied.append(f"{area}/{version:04d}-{name}")
        return applied

    def applied(self, area: str) -> list[int]:
        """The versions of the area's migrations this database has."""
        with self.transaction(write=False) as tx:
            rows = tx.execute(
                "SELECT version FROM mithaq_migrations WHERE area = ? ORDER BY version", (area,)
            ).fetchall()
        return [row[0] for row in rows]

    @staticmethod
    def _script(tx: Transaction, sql: str) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                tx.execute(statement)


class SQLiteDatabase(Database):
    """One SQLite file; each transaction opens its own short connection (Streamlit serves each
    session in a thread of its own) with ``BEGIN IMMEDIATE``: writers queue up instead of
    racing, and a killed process loses nothing that was committed (WAL, ``synchronous=FULL``)."""

    dialect = "sqlite"

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.where = str(self.path)
        with _storage(self.path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10)
            try:
                db.execute("PRAGMA journal_mode=WAL")
            finally:
                db.close()

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Transaction]:
        """A data folder that cannot be written (read-only, full, gone) raises
        ``StorageError`` (one line), never a raw sqlite3 error."""
        with _storage(self.path), self._transaction(write) as tx:
            yield tx

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Transaction]:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield Transaction(db, self.dialect)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()


@contextmanager
def _storage(path: Path) -> Iterator[None]:
    """The file system's and SQLite's failures of the data folder as one ``StorageError``."""
    try:
        yield
    except (sqlite3.OperationalError, OSError) as exc:
        raise StorageError(f"{path.parent} cannot be written or read: {_reason(exc)}") from exc
    except sqlite3.DatabaseError as exc:
        if type(exc) is not sqlite3.DatabaseError:  # integrity, programming: bugs, kept as is
            raise
        raise StorageError(f"{path} is damaged: {exc}") from exc


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc)


class PostgresDatabase(Database):
    """A PostgreSQL database through a psycopg connection pool shared by the process."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url
        self.where = _without_password(url)
        self._pool = _pool(url)

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Transaction]:
        with self._pool.connection() as conn, conn.transaction():
            yield Transaction(conn, self.dialect)


def _without_password(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


_pools: dict[str, psycopg_pool.ConnectionPool] = {}
_pools_lock = threading.Lock()


def _pool(url: str) -> psycopg_pool.ConnectionPool:
    """One pool per URL and process: every store and every Streamlit session shares it."""
    with _pools_lock:
        pool = _pools.get(url)
        if pool is None:
            try:  # one plain connection first: a wrong URL fails at once, with the reason
                psycopg.connect(url, connect_timeout=10).close()
            except psycopg.Error as exc:
                raise ConfigurationError(
                    f"cannot reach the PostgreSQL database {_without_password(url)}: {exc}"
                ) from exc
            size = int(os.environ.get("MITHAQ_DATABASE_POOL", "10"))
            pool = psycopg_pool.ConnectionPool(
                url, min_size=1, max_size=size, kwargs={"autocommit": True}, open=True
            )
            _pools[url] = pool
        return pool


def close_pools() -> None:
    """Close every PostgreSQL pool of this process (tests, and a clean shutdown)."""
    with _pools_lock:
        for pool in _pools.values():
            pool.close()
        _pools.clear()


def open_database(area: str, where: str | os.PathLike[str] | None = None) -> Database:
    """The database of ``area`` (``drafts``, ``advisors``), its migrations applied.

    ``where`` is a SQLite file's path or a ``postgresql://`` URL; ``None`` means
    ``MITHAQ_DATABASE_URL`` when set, else ``$MITHAQ_DATA/<area>.sqlite3``.
    """
    if where is None:
        where = database_url() or data_folder() / f"{area}.sqlite3"
    text = os.fspath(where)
    if text.startswith(("postgresql://", "postgres://")):
        db: Database = PostgresDatabase(text)
    elif "://" in text:
        raise ConfigurationError(f"unsupported database URL (postgresql:// only): {text}")
    else:
        db = SQLiteDatabase(text)
    db.migrate(area)
    return db


def migrations(area: str, dialect: str) -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` of the area's migration files for ``dialect``, in order."""
    found = []
    for path in sorted((MIGRATIONS / area).glob(f"*.{dialect}.sql")):
        match = _MIGRATION_NAME.fullmatch(path.name)
        if match is None:
            raise ConfigurationError(f"badly named migration file: {path}")
        found.append((int(match[1]), match[2], path.read_text(encoding="utf-8")))
    return found
