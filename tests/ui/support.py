"""Helpers of the wizard's tests and benchmarks: the examples, and a filler that sets the
wizard's widgets from an answers dict the way a user would (add the items of every repeatable
group, then type or pick every value), step by step."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from ui import backend, form

GEN = "mithaq.gen"
ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
EXAMPLES = ROOT / "examples"
TIMEOUT = 30


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.json"))


def largest_example() -> dict:
    path = max(example_files(), key=lambda p: p.stat().st_size)
    return json.loads(path.read_text(encoding="utf-8"))


def key(at: AppTest, pointer: str, suffix: str = "") -> str:
    return f"w{at.session_state[GEN]}{pointer}{suffix}"


def lists_to_grow(node: dict, pointer: str, value: Any, root: dict) -> list[tuple[str, int]]:
    """(pointer, wanted length) of every repeatable group under ``pointer``, outermost first."""
    node = form.resolve(node, root)
    k = form.kind(node)
    out: list[tuple[str, int]] = []
    if k == "object" and isinstance(value, dict):
        for prop, sub in node.get("properties", {}).items():
            if prop in value:
                out += lists_to_grow(sub, form.child(pointer, prop), value[prop], root)
    elif k == "list" and isinstance(value, list):
        out.append((pointer, len(value)))
        for i, item in enumerate(value):
            out += lists_to_grow(node.get("items", {}), form.child(pointer, i), item, root)
    return out


def set_leaves(at: AppTest, node: dict, pointer: str, value: Any, root: dict) -> None:
    node = form.resolve(node, root)
    k = form.kind(node)
    if value is None or k == "derived":
        return
    if k == "object":
        for prop, sub in node.get("properties", {}).items():
            if prop in value:
                set_leaves(at, sub, form.child(pointer, prop), value[prop], root)
    elif k == "list":
        for i, item in enumerate(value):
            set_leaves(at, node.get("items", {}), form.child(pointer, i), item, root)
    elif k == "text":
        for tl in form.TEXT_LANGS:
            if tl in value:
                wkey = key(at, form.child(pointer, tl), "_rtl" if tl == "ar" else "_ltr")
                widget = _find(at, wkey, "text_input", "text_area")
                widget.set_value(value[tl])
    elif k == "date":
        d = date.fromisoformat(value)
        base = key(at, pointer, "_ltr")
        for part, v in (("day", d.day), ("month", d.month), ("year", d.year)):
            at.selectbox(key=f"{base}.{part}").set_value(v)
    elif k in ("integer", "number"):
        at.number_input(key=key(at, pointer, "_ltr")).set_value(value)
    elif k == "enum":
        at.selectbox(key=key(at, pointer)).set_value(value)
    elif k == "multi":
        at.multiselect(key=key(at, pointer)).set_value(value)
    elif k == "boolean":
        at.radio(key=key(at, pointer)).set_value(value)
    elif k in ("string", "textarea"):
        ltr = node.get("format") in form.LTR_FORMATS
        wkey = key(at, pointer, "_ltr" if ltr else "")
        _find(at, wkey, "text_input", "text_area").set_value(value)
    else:
        raise AssertionError(f"no widget kind for {pointer}: {k}")


def _find(at: AppTest, wkey: str, *kinds: str):
    for kind in kinds:
        try:
            return getattr(at, kind)(key=wkey)
        except KeyError:
            continue
    raise KeyError(wkey)


def shown(at: AppTest) -> dict:
    """The answers as the wizard's form shows them: the saved ones, with the unsubmitted
    edits (items added or removed) of a step."""
    answers = dict(at.session_state["mithaq.answers"] or {})
    try:
        edits = at.session_state["mithaq.working"]
    except KeyError:
        edits = {}
    return {**answers, **(edits or {})}


def fill_step(at: AppTest, section: str, value: Any) -> None:
    """Grow the step's groups to the answer's lengths, then set every widget (not submitted)."""
    root = backend.schema()
    node = root["properties"][section]
    for pointer, length in lists_to_grow(node, "/" + section, value, root):
        while True:
            current = form.lookup(shown(at), pointer) or []
            if len(current) >= length:
                break
            at.button(key=key(at, pointer, "~add")).click().run()
            assert not at.exception, at.exception
    set_leaves(at, node, "/" + section, value, root)


def without_derived(answers: dict, root: dict) -> dict:
    """The answers minus the x-derived fields (the wizard never asks them)."""

    def strip(node: dict, value: Any) -> Any:
        node = form.resolve(node, root)
        k = form.kind(node)
        if k == "object" and isinstance(value, dict):
            props = node.get("properties", {})
            return {
                p: strip(props[p], v)
                for p, v in value.items()
                if p in props and form.kind(form.resolve(props[p], root)) != "derived"
            }
        if k == "list" and isinstance(value, list):
            return [strip(node.get("items", {}), v) for v in value]
        return value

    return strip(root, answers)
