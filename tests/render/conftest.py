"""Render every example once per session, in both languages and both formats."""

import json
import logging
from pathlib import Path

import pytest

from charter.documents import charter_model, render_docx, render_pdf

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
# The sample communes are fit to show to officials; the text that must stay literal (markup,
# template syntax, quotes of every kind) lives in a fixture rendered with them.
LITERAL = ROOT / "tests" / "data" / "literal-text.json"
SAMPLES = [*EXAMPLES, LITERAL]
LANGS = ("ar", "fr")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


class Rendered:
    """Charters rendered on first use and kept for the session."""

    def __init__(self):
        self._cache = {}
        self.weasyprint_warnings = []

    def get(self, example: Path, lang: str, fmt: str):
        key = (example.name, lang, fmt)
        if key not in self._cache:
            answers = load(example)
            if fmt == "model":
                value = charter_model(answers, lang)
            elif fmt == "docx":
                value = render_docx(answers, lang)
            else:
                handler = _Collect()
                logger = logging.getLogger("weasyprint")
                logger.addHandler(handler)
                try:
                    value = render_pdf(answers, lang)
                finally:
                    logger.removeHandler(handler)
                self.weasyprint_warnings += [(key, r.getMessage()) for r in handler.records]
            self._cache[key] = value
        return self._cache[key]


@pytest.fixture(scope="session")
def rendered():
    return Rendered()


@pytest.fixture(params=SAMPLES, ids=lambda p: p.stem)
def example(request):
    return request.param


@pytest.fixture(params=LANGS)
def lang(request):
    return request.param
