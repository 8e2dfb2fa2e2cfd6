"""Shared fixtures: the sample communes and the invalid cases of examples/."""

import json
import os
import uuid
from pathlib import Path

import pytest

from charter.database import close_pools
from tests.pgserver import ThrowawayCluster

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def example_files():
    return sorted(EXAMPLES.glob("*.json"))


def case_files(folder):
    return sorted(
        p for p in (EXAMPLES / folder).glob("*.json") if not p.name.endswith(".expected.json")
    )


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def largest_example():
    return load(max(example_files(), key=lambda p: p.stat().st_size))


@pytest.fixture(autouse=True, scope="session")
def _a_data_folder_of_the_tests_own(tmp_path_factory):
    """Tests never read nor write the developer's data folder (drafts, advisors' edits):
    `make run` and `make test` share MITHAQ_DATA, and edits there would change renders."""
    before = os.environ.get("MITHAQ_DATA")
    os.environ["MITHAQ_DATA"] = str(tmp_path_factory.mktemp("mithaq-data"))
    yield
    if before is None:
        del os.environ["MITHAQ_DATA"]
    else:
        os.environ["MITHAQ_DATA"] = before


@pytest.fixture(scope="session")
def postgres():
    """A throw-away PostgreSQL cluster for the whole run (Debian's server, a socket in a
    temporary folder, no TCP port); `make test` installs the server."""
    with ThrowawayCluster() as cluster:
        yield cluster


@pytest.fixture(params=["sqlite", "postgresql"])
def db_location(request, tmp_path):
    """Where a store keeps its tables: a SQLite file, or a new PostgreSQL database. Store and
    library tests take this fixture (``db_location``) and so run once against each back-end."""
    if request.param == "sqlite":
        yield tmp_path / "store.sqlite3"
        return
    name = "t" + uuid.uuid4().hex[:16]
    yield request.getfixturevalue("postgres").create_database(name)
    close_pools()
