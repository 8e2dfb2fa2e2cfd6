"""Shared fixtures: the sample communes and the invalid cases of examples/."""

import json
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
