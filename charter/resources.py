"""Where Mithaq's own data lives: schemas/, templates/ and examples/ at the repository root."""

import json
from functools import cache
from pathlib import Path

from charter.errors import ConfigurationError

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
TEMPLATES = ROOT / "templates"
EXAMPLES = ROOT / "examples"


@cache
def load_schema_file(name):
    """Return the parsed JSON file ``schemas/<name>`` (cached: callers must not mutate it)."""
    path = SCHEMAS / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"{path}: {exc}") from exc


def examples():
    """Return the paths of the sample communes in examples/, sorted by name."""
    return sorted(EXAMPLES.glob("*.json"))
