"""Dependencies point one way: app.py -> ui -> charter; charter never imports the UI."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


def test_charter_imports_neither_streamlit_nor_ui():
    offenders = [
        (str(p.relative_to(ROOT)), name)
        for p in (ROOT / "charter").rglob("*.py")
        for name in _imports(p)
        if name in ("streamlit", "ui")
    ]
    assert offenders == []


def test_only_the_cli_imports_click():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "charter").rglob("*.py")
        if "click" in set(_imports(p)) and p.name != "cli.py"
    ]
    assert offenders == []
