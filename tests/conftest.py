"""Shared fixtures: the sample communes and the invalid cases of examples/, the charters rendered
once per run (``rendered``), the data folder of the tests' own, a PostgreSQL cluster."""

import contextlib
import fcntl
import json
import logging
import os
import pickle
import uuid
from collections import Counter
from pathlib import Path

import pytest

from charter.database import close_pools
from charter.documents import charter_model, render_docx, render_pdf
from charter.render import glyphtext
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


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


class Rendered:
    """Charters rendered on first use and kept for the run: ``get(sample, lang, fmt)`` with fmt
    ``model``, ``docx`` or ``pdf``; each is made once however many tests read it.

    What a PDF's render left behind is kept with it: WeasyPrint's warnings
    (``weasyprint_warnings``) and the glyphs two texts claimed (``glyphtext.CONFLICTS``).
    Under pytest-xdist (``shared``: a folder of this run that every worker sees) the DOCX and
    PDF are made by whichever worker asks first and read from the folder by the others (a lock
    per file; the other worker waits); a worker that reads a PDF also takes what its render left
    behind, so the checks of every worker see it."""

    def __init__(self, shared: Path | None = None):
        self._cache = {}
        self._shared = shared
        self.weasyprint_warnings = []

    def get(self, example: Path, lang: str, fmt: str):
        key = (example.name, lang, fmt)
        if key not in self._cache:
            if fmt == "model":
                self._cache[key] = charter_model(load(example), lang)
            elif self._shared is None:
                self._cache[key] = self._render(example, lang, fmt)[0]
            else:
                self._cache[key] = self._through_folder(example, lang, fmt)
        return self._cache[key]

    def _render(self, example: Path, lang: str, fmt: str):
        """(bytes, warnings, conflicts): the document, and what its render logged."""
        answers = load(example)
        if fmt == "docx":
            return render_docx(answers, lang), [], Counter()
        handler, before = _Collect(), Counter(glyphtext.CONFLICTS)
        logger = logging.getLogger("weasyprint")
        logger.addHandler(handler)
        try:
            value = render_pdf(answers, lang)
        finally:
            logger.removeHandler(handler)
        warnings = [((example.name, lang, fmt), r.getMessage()) for r in handler.records]
        self.weasyprint_warnings += warnings
        return value, warnings, glyphtext.CONFLICTS - before

    def _through_folder(self, example: Path, lang: str, fmt: str) -> bytes:
        path = self._shared / f"{example.name}-{lang}.{fmt}.pickle"
        with _locked(path.with_suffix(".lock")):
            if not path.exists():
                made = self._render(example, lang, fmt)
                path.with_suffix(".tmp").write_bytes(pickle.dumps(made))
                path.with_suffix(".tmp").replace(path)
                return made[0]
        value, warnings, conflicts = pickle.loads(path.read_bytes())
        self.weasyprint_warnings += warnings
        glyphtext.CONFLICTS.update(conflicts)
        return value


@contextlib.contextmanager
def _locked(path: Path):
    with path.open("a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """The examples' charters, rendered once per run (see ``Rendered``)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return Rendered()
    shared = tmp_path_factory.getbasetemp().parent / "rendered"  # this run's, every worker's
    shared.mkdir(exist_ok=True)
    return Rendered(shared)


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


def pytest_collection_modifyitems(items):
    """Under pytest-xdist (``make test`` runs ``-n auto --dist loadgroup``), the tests of a
    module that share a module-scoped fixture (an app server and browser, a LibreOffice run,
    a PostgreSQL database of their own) run on one worker, so that fixture is made once; the
    other tests are dealt out one by one to whichever worker is free."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        defs = info.name2fixturedefs.values() if info else ()
        if any(d[-1].scope in ("module", "class") for d in defs if d):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
