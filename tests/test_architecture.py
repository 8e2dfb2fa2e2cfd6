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


def _ui_imports(path):
    """The ``ui`` modules ``path`` imports, function-local imports included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "ui":
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ui."):
            yield node.module.split(".")[1]
        elif isinstance(node, ast.Import):
            yield from (a.name.split(".")[1] for a in node.names if a.name.startswith("ui."))


def ui_graph():
    return {p.stem: set(_ui_imports(p)) for p in (ROOT / "ui").glob("*.py")}


def test_no_import_circle_in_ui():
    graph = ui_graph()
    done, path = set(), []

    def visit(module):
        if module in path:
            return path[path.index(module) :] + [module]
        if module in done:
            return None
        path.append(module)
        for dep in sorted(graph.get(module, ())):
            cycle = visit(dep)
            if cycle:
                return cycle
        path.pop()
        done.add(module)
        return None

    cycles = [c for m in sorted(graph) if (c := visit(m))]
    assert cycles == [], " -> ".join(cycles[0])


def test_only_app_py_imports_the_navigation():
    graph = ui_graph()
    assert [m for m, deps in graph.items() if "nav" in deps] == []
    app = set(_ui_imports(ROOT / "app.py"))
    assert app == {"nav"}


def _modules(path):
    """Full names of the modules ``path`` imports, function-local imports included."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_rendering_never_reads_the_data_folder():
    """Templates are arguments: below the entry points nothing asks for the advisors' library
    (``charter.library``, the store behind MITHAQ_DATA) or reads the environment."""
    below = [*(ROOT / "charter" / "render").glob("*.py")]
    below += [ROOT / "charter" / f"{name}.py" for name in ("model", "documents", "pictures")]
    offenders = [
        (str(p.relative_to(ROOT)), name)
        for p in below
        for name in _modules(p)
        if name.startswith(("charter.library", "charter.database", "charter.store"))
        or name in ("os.environ", "os.getenv")
    ]
    assert offenders == []
    sources = {p: p.read_text(encoding="utf-8") for p in below}
    assert [str(p) for p, text in sources.items() if "MITHAQ_DATA" in text] == []
