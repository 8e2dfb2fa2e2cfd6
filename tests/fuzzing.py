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

    def __init__(self, kind: str, where: str, value: Any, text: str, base: int = 0) -> None:
        self.kind, self.where, self.value, self.text = kind, where, value, text
        self.base = base  # the index in EXAMPLES of the sample it was made from

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
    base = draw(st.integers(0, len(EXAMPLES) - 1))
    answers = copy.deepcopy(EXAMPLES[base])
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
        return Case(kind, _where(parts), answers, _text(answers), base)
    if kind == "separators":
        parts, old = draw(st.sampled_from(strings))
        seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=3))
        at = draw(st.integers(0, len(old)))
        new = old[:at] + " " + "".join(seps) + old[at:]
        if draw(st.booleans()):
            new = "Premier \u2029second"
        put(answers, parts, new)
        return Case(kind, _where(parts), answers, _text(answers), base)
    if kind == "not-finite":
        parts, _old = draw(st.sampled_from(numbers or everything))
        put(answers, parts, draw(st.sampled_from([float("nan"), float("inf"), float("-inf")])))
        return Case(kind, _where(parts), answers, _text(answers), base)
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
        return Case(kind, _where(parts), answers, text, base)
    if kind == "deep-nesting":
        parts, _old = draw(st.sampled_from(everything))
        depth = draw(st.sampled_from([25, 60, 450, 900]))
        put(answers, parts, DEEP)
        text = _text(answers, deep=depth)
        put(answers, parts, _deep_list(depth))
        return Case(kind, _where(parts), answers, text, base)
    if kind == "wrong-types":
        parts, old = draw(st.sampled_from(everything))
        new = draw(st.sampled_from([w for w in WRONG if type(w) is not type(old)]))
        put(answers, parts, copy.deepcopy(new))
        return Case(kind, _where(parts), answers, _text(answers), base)
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
        return Case(kind, _where(parts), answers, _text(answers), base)
    raise ValueError(kind)


def _where(parts: tuple) -> str:
    return ascii("/" + "/".join(str(p) for p in parts))[:120]


# --- Many cases in one PDF ---------------------------------------------------------------
# A PDF costs seconds (WeasyPrint lays out every page); the rest of the pipeline a fraction of
# one. So ``make fuzz`` checks the PDF of many cases at once: every case that loads is reduced to
# its differences from the sample it was made from, and cases made from the same sample, in the
# same language, whose differences lie in distinct parts of the charter (distinct items of a
# section: /mechanisms/0 and /mechanisms/1, /preamble/vision and /preamble/history: no path
# inside another, unless it is the very same change) are applied together to that sample: one
# render checks them all. What the schema rejects is dropped from a draft's render value by
# value (charter.validate.renderable: an unknown /level drops the level, 99% of the document
# stays), so one case's change does not hide another's.

GONE = object()  # a key the case removed


def differences(before: Any, after: Any, parts: tuple = ()) -> list[tuple[tuple, Any]]:
    """The smallest subtrees where ``after`` differs from ``before``, types compared strictly
    (``True`` is not ``1``): ``[(path, new value or GONE)]``."""
    if isinstance(before, dict) and isinstance(after, dict):
        out: list[tuple[tuple, Any]] = []
        for key in sorted(before.keys() | after.keys(), key=str):
            if key not in after:
                out.append(((*parts, key), GONE))
            elif key not in before:
                out.append(((*parts, key), after[key]))
            else:
                out += differences(before[key], after[key], (*parts, key))
        return out
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        out = []
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            out += differences(b, a, (*parts, i))
        return out
    if type(before) is type(after) and before == after:
        return []
    return [(parts, after)]


def _same(a: Any, b: Any) -> bool:
    return a is b or (a is not GONE and b is not GONE and json.dumps(a) == json.dumps(b))


class Composite:
    """Cases of one sample and one language, their differences applied together."""

    LIMIT = 40  # cases in one document

    def __init__(self, base: dict, lang: str) -> None:
        self.base, self.lang = base, lang
        self.members: list[tuple[Case, list]] = []
        self.taken: dict[tuple, Any] = {}  # path -> value

    def takes(self, diffs: list) -> bool:
        if len(self.members) >= self.LIMIT:
            return False
        for parts, value in diffs:
            for path, held in self.taken.items():
                overlap = path[: len(parts)] == parts[: len(path)]
                if overlap and not (path == parts and _same(held, value)):
                    return False
        return True

    def add(self, case: Case, diffs: list) -> None:
        self.members.append((case, diffs))
        for parts, value in diffs:
            self.taken[parts] = value

    def answers(self, only: list | None = None) -> dict:
        doc = copy.deepcopy(self.base)
        for _case, diffs in [m for m in self.members if only is None or m in only]:
            for parts, value in diffs:
                if not parts:
                    return copy.deepcopy(value)
                if value is GONE:
                    node = doc
                    for p in parts[:-1]:
                        node = node[p]
                    node.pop(parts[-1], None)
                else:
                    put(doc, parts, copy.deepcopy(value))
        return doc


class Packer:
    """Collects the loaded cases of one kind into composites."""

    def __init__(self, clean_examples: list[dict]) -> None:
        self.clean = clean_examples
        self.composites: list[Composite] = []

    def add(self, case: Case, loaded: dict, lang: str) -> None:
        diffs = differences(self.clean[case.base], loaded)
        for composite in self.composites:
            mine = composite.base is self.clean[case.base] and composite.lang == lang
            if mine and composite.takes(diffs):
                composite.add(case, diffs)
                return
        composite = Composite(self.clean[case.base], lang)
        composite.add(case, diffs)
        self.composites.append(composite)

    @property
    def cases(self) -> int:
        return sum(len(c.members) for c in self.composites)
