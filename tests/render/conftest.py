"""Every sample (the examples and the literal-text fixture) in both languages: the test
parameters. The charters themselves come from the session's ``rendered`` (tests/conftest.py),
rendered once per run."""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
# The sample communes are fit to show to officials; the text that must stay literal (markup,
# template syntax, quotes of every kind) lives in a fixture rendered with them.
LITERAL = ROOT / "tests" / "data" / "literal-text.json"
SAMPLES = [*EXAMPLES, LITERAL]
LANGS = ("ar", "fr")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(params=SAMPLES, ids=lambda p: p.stem)
def example(request):
    return request.param


@pytest.fixture(params=LANGS)
def lang(request):
    return request.param
