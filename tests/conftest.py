"""Shared fixtures: the sample communes and the invalid cases of examples/."""

import json
import os
from pathlib import Path

import pytest

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
