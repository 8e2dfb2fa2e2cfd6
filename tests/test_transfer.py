"""`charter database copy`: a commune's data folder moves into PostgreSQL with every draft,
revision and advisor's version as it was, and running it again duplicates nothing."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from charter.cli import main
from charter.database import close_pools, migrations
from charter.library import AdvisorsLibrary
from charter.store import DraftStore
from charter.transfer import NOT_COPIED, TABLES

ROOT = Path(__file__).resolve().parent.parent
LAYOUT_AR = ROOT / "templates" / "docx" / "charter-ar.docx"


@pytest.fixture
def target(postgres, request):
    yield postgres.create_database("copy_" + request.node.name.lower()[-20:].strip("_"))
    close_pools()


@pytest.fixture
def folder(tmp_path):
    """A data folder as a commune's machine has it: drafts, an edited article, and a layout
    uploaded before layouts lived in the database (its bytes in layouts/)."""
    data = tmp_path / "data"
    store = DraftStore(data / "drafts.sqlite3")
    draft = store.create({"v": 1}, note="import:example.json")
    store.save(draft, {"v": 2, "name": "جماعة الزيتون"}, base=1, step="identification")
    store.create({"v": 9}, training=True)
    store.add_adoption(
        draft, 2, deliberation_number="D-12/2026", deliberation_date="2026-02-03",
        catalogue_sha256="c" * 64, library_sha256="l" * 64, templates=b"PK\x05\x06" + bytes(18),
        documents={"charter-ar.pdf": "d" * 64},
    )  # fmt: skip
    store.keep_pending(draft, "actors", [{"name": {"ar": "جمعية"}}, {}], base=2)
    lib = AdvisorsLibrary(data / "advisors.sqlite3")
    cid = next(iter(lib.shipped()))
    article = lib.article(cid)
    article["title"]["fr"] = article["title"]["fr"] + " (modifié)"
    lib.save(cid, article, "Conseillère juridique", "titre")
    (data / "layouts").mkdir()
    sha = "a" * 64
    (data / "layouts" / f"charter-ar-{sha[:32]}.docx").write_bytes(LAYOUT_AR.read_bytes())
    with sqlite3.connect(data / "advisors.sqlite3") as db:
        db.execute(
            "INSERT INTO layout_versions (lang, number, created, author, note, sha256, size) "
            "VALUES ('ar', 1, '2026-11-01T10:00:00+00:00', 'Ancien', 'upload', ?, ?)",
            (sha, LAYOUT_AR.stat().st_size),
        )
    return data, draft, cid


def test_copy_moves_every_row_and_the_links_keep_working(folder, target):
    data, draft, cid = folder
    result = CliRunner().invoke(main, ["database", "copy", str(data), target])
    assert result.exit_code == 0, result.output
    assert "revisions: 3 copied, 0 already there" in result.output
    assert "layout_versions: 1 copied" in result.output

    before, after = DraftStore(data / "drafts.sqlite3"), DraftStore(target)
    assert after.revisions(draft) == before.revisions(draft)
    assert after.training_drafts() == before.training_drafts()
    assert after.adoptions(draft) == before.adoptions(draft)
    assert after.adoption_templates(draft, 1) == before.adoption_templates(draft, 1)
    assert after.pending(draft) == before.pending(draft) != {}
    moved = AdvisorsLibrary(target)
    assert moved.article(cid) == AdvisorsLibrary(data / "advisors.sqlite3").article(cid)
    assert moved.layout_bytes("ar", 1) == LAYOUT_AR.read_bytes()
    # the target goes on: a new version after the copied ones, not a clash of ids
    article = moved.article(cid)
    article["title"]["ar"] = article["title"]["ar"] + " (معدل)"
    assert moved.save(cid, article, "Conseiller", "après la copie").number == 2


def test_copying_again_duplicates_nothing(folder, target):
    data, draft, _ = folder
    CliRunner().invoke(main, ["database", "copy", str(data), target])
    again = CliRunner().invoke(main, ["database", "copy", str(data), target])
    assert again.exit_code == 0, again.output
    assert "revisions: 0 copied, 3 already there" in again.output
    assert len(DraftStore(target).revisions(draft)) == 2


def test_every_table_of_the_migrations_is_copied_or_left_on_purpose():
    """A table added by a new migration must be named in TABLES or NOT_COPIED (adopted
    versions and pending edits were once left behind by the copy)."""
    for area in TABLES:
        created = set()
        for _, _, sql in migrations(area, "sqlite"):
            created |= set(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", sql))
        assert created, area
        assert created == set(TABLES[area]) | (created & set(NOT_COPIED)), area


def test_a_folder_without_databases_is_refused_clearly(tmp_path, target):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["database", "copy", str(tmp_path / "empty"), target])
    assert result.exit_code == 3
    assert "neither drafts.sqlite3 nor advisors.sqlite3" in result.output


def test_migrate_reports_each_area(tmp_path):
    result = CliRunner().invoke(main, ["database", "migrate", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    for area in ("drafts", "advisors"):
        versions = [v for v, _, _ in migrations(area, "sqlite")]
        assert f"{area}: " in result.output
        assert f"migrations {versions}" in result.output
