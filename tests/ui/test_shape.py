"""The wizard's shape (issue 4): app.py only sets the page up and routes; one module of ui/
owns the session state and the URL; the answers live under one permanent key."""

from __future__ import annotations

import ast
import re

from support import ROOT


def test_only_ui_state_touches_session_state_and_query_params():
    offenders = []
    for path in sorted((ROOT / "ui").glob("*.py")):
        if path.name == "state.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bst\.(session_state|query_params)\b", text):
            offenders.append(path.name)
    assert not offenders


def test_app_py_only_configures_and_routes():
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    calls = {
        ast.unparse(node.func)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert calls <= {"st.set_page_config", "st.navigation", "st.navigation(...).run"} | {
        c for c in calls if c.endswith(".pages") or c.startswith("st.navigation(")
    }
    assert "st.set_page_config" in calls
