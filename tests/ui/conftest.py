"""AppTest fixtures: the real app on a temporary data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
EXAMPLES = ROOT / "examples"
TIMEOUT = 30


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MITHAQ_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def app():
    """A fresh session of the app; ``app(**query)`` seeds the URL's query parameters."""

    def make(**query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.query_params.update(query)
        return at.run()

    return make


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.json"))


def largest_example() -> dict:
    path = max(example_files(), key=lambda p: p.stat().st_size)
    return json.loads(path.read_text(encoding="utf-8"))
