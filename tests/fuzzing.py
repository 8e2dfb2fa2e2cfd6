"""The fuzz of issue 12: hostile answers files, made from the sample communes by one mutation
of a given kind, and the whole pipeline they must cross without a crash.

``FUZZ_KINDS``: surrogates, separators, NaN/Infinity, huge integers (401, 4301 and 5000
digits), deep nesting (25 to 900 levels), wrong types, unknown enums. ``fuzzed(kind)`` draws
``Case(value, text)``: ``value`` is the answers as a program could hand them over (a dict, not
necessarily JSON-clean), ``text`` the answers file a user could upload (valid JSON syntax, or
with Python's own NaN/Infinity literals).

``MITHAQ_FUZZ=full`` (``make fuzz``) runs the full counts; ``make test`` a bounded sample.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [
    json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*.json"))
]
FULL = os.environ.get("MITHAQ_FUZZ") == "full"

FUZZ_KINDS = (
    "surrogates",
    "separators",
    "not-finite",
    "huge-integers",
    "deep-nesting",
    "wrong-types",
    "unknown-enums",
)
SURROGATES = ["\ud800", "\udfff", "\udbff", "\udc00x", "a\ud83d"]
SEPARATORS = ["\u2028", "\u2029", "\u0085", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]
WRONG = [True, False, 0, -1, 2.5, "", "x", "\u202e", [], [1], {}, {"a": 1}, None, [[[]]]]
BAD_ENUMS = ["zzz", "", True, 0, None, ["province"], "PROVINCE", "province "]
HUGE = "__huge__"
DEEP = "__deep__"


class Case:
    """One fuzzed answers document (not a dataclass: hypothesis would print it whole)."""

    def __init__(self, kind: str, where: str, value: Any, text: str) -> None:
        self.kind, self.where, self.value, self.text = kind, where, value, text

    def __repr__(self) -> str:  # the answers are tens of kB: name the mutation instead
        return f"Case({self.kind!r}, {self.where!r})"


def nodes(node: Any, parts: tuple = ()) -> list[tuple[tuple, Any]]:
    out = [(parts, node)]
    if isinstance(node, dict):
        for k, v in node.items():
            out += nodes(v, (*parts, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += nodes(v, (*parts, i))
    return out


def put(root: Any, parts: tuple, value: Any) -> None:
    node = root
    for p in parts[:-1]:
        node = node[p]
    node[parts[-1]] = value


def _enum_values() -> set[str]:
    from charter.schema import schema

    found: set[str] = set()
    for _parts, node in nodes(schema()):
        if isinstance(node, dict) and isinstance(node.get("enum"), list):
            found |= {v for v in node["enum"] if isinstance(v, str)}
    return found


def _text(value: Any, huge: str | None = None, deep: int | None = None) -> str:
    text = json.dumps(value, ensure_ascii=True, allow_nan=True)  # NaN/Infinity as Python writes
    if huge is not None:
        text = text.replace(json.dumps(HUGE), huge)
    if deep is not None:
        text = text.replace(json.dumps(DEEP), "[" * deep + "]" * deep)
    return text


def _deep_list(depth: int) -> list:
    node: list = []
    for _ in range(depth - 1):
        node = [node]
    return node


@st.composite
def fuzzed(draw, kind: str) -> Case:
    answers = copy.deepcopy(draw(st.sampled_from(EXAMPLES)))
    everything = [(p, v) for p, v in nodes(answers) if p]
    strings = [(p, v) for p, v in everything if isinstance(v, str)]
    numbers = [(p, v) for p, v in everything if type(v) in (int, float)]
    if kind == "surrogates":
        parts, old = draw(st.sampled_from(strings))
        bad = draw(st.sampled_from(SURROGATES))
        at = draw(st.integers(0, len(old)))
        if draw(st.booleans()):
            put(answers, parts, old[:at] + bad + old[at:])
        else:  # in a key
            parent = answers
            for p in parts[:-1]:
                parent = parent[p]
            if isinstance(parent, dict):
                parent[parts[-1] + bad] = parent.pop(parts[-1])
            else:
                put(answers, parts, bad)
        return Case(kind, _where(parts), answers, _text(answers))
    if kind == "separators":
        parts, old = draw(st.sampled_from(strings))
        seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=3))
        at = draw(st.integers(0, len(old)))
        new = old[:at] + " " + "".join(seps) + old[at:]
        if draw(st.booleans()):
            new = "Premier \u2029second"
        put(answers, parts, new)
        return Case(kind, _where(parts), answers, _text(answers))
    if kind == "not-finite":
        parts, _old = draw(st.sampled_from(numbers or everything))
        put(answers, parts, draw(st.sampled_from([float("nan"), float("inf"), float("-inf")])))
        return Case(kind, _where(parts), answers, _text(answers))
    if kind == "huge-integers":
        parts, _old = draw(st.sampled_from(numbers or everything))
        digits = draw(st.sampled_from([401, 4301, 5000]))
        sign = draw(st.sampled_from(["", "-"]))
        literal = sign + "9" * digits
        put(answers, parts, HUGE)
        text = _text(answers, huge=literal)
        if digits == 401:  # a program can hold it in memory; 4301+ digits only as text
            put(answers, parts, int(literal))
        else:
            put(answers, parts, 10**400)
        return Case(kind, _where(parts), answers, text)
    if kind == "deep-nesting":
        parts, _old = draw(st.sampled_from(everything))
        depth = draw(st.sampled_from([25, 60, 450, 900]))
        put(answers, parts, DEEP)
        text = _text(answers, deep=depth)
        put(answers, parts, _deep_list(depth))
        return Case(kind, _where(parts), answers, text)
    if kind == "wrong-types":
        parts, old = draw(st.sampled_from(everything))
        new = draw(st.sampled_from([w for w in WRONG if type(w) is not type(old)]))
        put(answers, parts, copy.deepcopy(new))
        return Case(kind, _where(parts), answers, _text(answers))
    if kind == "unknown-enums":
        enums = _enum_values()
        spots = [(p, v) for p, v in strings if v in enums]
        spots += [(p, v) for p, v in everything if p[-1] in ("measures", "kind")]
        parts, _old = draw(st.sampled_from(spots))
        put(answers, parts, copy.deepcopy(draw(st.sampled_from(BAD_ENUMS))))
        if draw(st.booleans()):  # the issue's own two
            answers.setdefault("parity", {})["measures"] = True
            if isinstance(answers.get("commune"), dict):  # region samples have none
                answers["commune"].setdefault("province", {})["kind"] = "wilaya"
        return Case(kind, _where(parts), answers, _text(answers))
    raise ValueError(kind)


def _where(parts: tuple) -> str:
    return ascii("/" + "/".join(str(p) for p in parts))[:120]
