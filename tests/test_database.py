"""The database layer under the stores: the same SQL on SQLite and on a real PostgreSQL,
migrations applied once and in order, under a lock, and a lock that serialises writers."""

from __future__ import annotations

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from charter.database import migrations, open_database
from charter.errors import ConfigurationError

AREAS = ("drafts", "advisors")


@pytest.mark.parametrize("area", AREAS)
def test_every_migration_exists_for_both_dialects(area):
    sqlite = [(v, n) for v, n, _ in migrations(area, "sqlite")]
    postgresql = [(v, n) for v, n, _ in migrations(area, "postgresql")]
    assert sqlite == postgresql
    assert [v for v, _ in sqlite] == list(range(1, len(sqlite) + 1))


@pytest.mark.parametrize("area", AREAS)
def test_migrations_are_applied_once_and_opening_again_changes_nothing(db_location, area):
    db = open_database(area, db_location)
    expected = [v for v, _, _ in migrations(area, db.dialect)]
    assert db.applied(area) == expected
    assert db.migrate(area) == []
    assert open_database(area, db_location).applied(area) == expected


def test_concurrent_starts_apply_each_migration_exactly_once(db_location):
    """Several instances starting together on one database: the migration lock lets one apply
    each file; the others find it applied."""
    with ThreadPoolExecutor(4) as pool:
        dbs = list(pool.map(lambda _: open_database("drafts", db_location), range(4)))
    assert dbs[0].applied("drafts") == [v for v, _, _ in migrations("drafts", dbs[0].dialect)]


def test_an_old_sqlite_file_made_before_migrations_opens_unchanged(tmp_path):
    """Data folders from before the migrations already hold the tables (IF NOT EXISTS)."""
    path = tmp_path / "drafts.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE drafts (id TEXT PRIMARY KEY, created TEXT NOT NULL,"
        " training INTEGER NOT NULL DEFAULT 0);"
        "CREATE TABLE revisions (draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,"
        " number INTEGER NOT NULL, created TEXT NOT NULL, step TEXT, note TEXT,"
        " answers TEXT NOT NULL, PRIMARY KEY (draft_id, number));"
        "INSERT INTO drafts VALUES ('old', '2026-01-01T00:00:00+00:00', 0);"
    )
    old.commit()
    old.close()
    db = open_database("drafts", path)
    with db.transaction() as tx:
        assert tx.execute("SELECT id FROM drafts").fetchall() == [("old",)]


def test_a_failed_transaction_leaves_nothing(db_location):
    db = open_database("drafts", db_location)

    def insert_then_fail():
        with db.transaction() as tx:
            tx.execute("INSERT INTO drafts (id, created) VALUES (?, ?)", ("x", "now"))
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        insert_then_fail()
    with db.transaction() as tx:
        assert tx.execute("SELECT COUNT(*) FROM drafts").fetchone() == (0,)


def test_lock_serialises_writers_on_one_key(db_location):
    """Two transactions that take the same key never overlap (SQLite: BEGIN IMMEDIATE lets one
    writer in at a time; PostgreSQL: an advisory lock until the transaction ends)."""
    db = open_database("drafts", db_location)
    inside = []
    overlaps = []
    guard = threading.Lock()

    def writer(i):
        with db.transaction() as tx:
            tx.lock("article:petitions.right")
            with guard:
                if inside:
                    overlaps.append(i)
                inside.append(i)
            time.sleep(0.05)
            tx.execute("INSERT INTO drafts (id, created) VALUES (?, ?)", (f"d{i}", "now"))
            with guard:
                inside.remove(i)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(writer, range(6)))
    assert overlaps == []
    with db.transaction() as tx:
        assert tx.execute("SELECT COUNT(*) FROM drafts").fetchone() == (6,)


def test_an_unknown_url_scheme_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigurationError, match="postgresql://"):
        open_database("drafts", "mysql://somewhere/db")


def test_an_unreachable_server_is_a_configuration_error_without_the_password(tmp_path):
    url = f"postgresql://mithaq:secret@/nowhere?host={tmp_path}&connect_timeout=1"
    with pytest.raises(ConfigurationError) as caught:
        open_database("drafts", url)
    assert "secret" not in str(caught.value)
