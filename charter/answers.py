"""The one boundary every answers document crosses: read (a file, an upload, a PDF's
attachment), checked (the validator), stored (the drafts), rendered (the documents).

Answers are JSON, but not every JSON value is something the rest of Mithaq may hold. This
module says what may, in one place:

- at most ``MAX_BYTES`` of UTF-8 JSON, a JSON object at the top;
- nested at most ``MAX_DEPTH`` levels (a deeper value is cut, never walked recursively);
- numbers finite (no ``NaN``/``Infinity``) and within ``±MAX_NUMBER`` (no 401-digit integer
  reaches ``float()`` or a date; an integer literal of more than ``MAX_DIGITS`` digits is never
  even converted by ``int()``);
- text valid Unicode: no lone surrogate (``"\\ud800"`` is valid JSON, not text);
- only JSON types (dict with string keys, list, str, int, float, bool, None);
- a file of an older format is brought to the current one (``upgrade``: 1.0, when Mithaq
  knew only communes, becomes 1.1 with ``"level": "commune"``);
- line and paragraph separators (``U+2028``, ``U+2029``, ``U+0085``, ``\\r``, ``\\v``,
  ``\\f``, ``\\x1c``-``\\x1e``) become ``\\n``: one kind of line break for every renderer;
  bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) are dropped.

``inspect(value)`` returns a ``Checked``: the clean copy (separators normalised, each defect
replaced by ``None``) and the located ``Defect``s. ``load_answers`` refuses any defect with one
``AnswersFileError`` line naming where; ``require_sound`` does the same for answers already in
memory (the store calls it before writing); ``charter.validate.iter_findings`` turns defects
into findings.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charter.errors import AnswersFileError
from charter.findings import pointer

MAX_BYTES = 1_000_000
MAX_DEPTH = 24
MAX_NUMBER = 10**15  # exact as a float; larger than any count, year or amount of a commune
MAX_DIGITS = 40

# every character that breaks a line or a paragraph, other than "\n" itself
SEPARATORS = {
    "\r\n": "\n",
    "\r": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
    "\u0085": "\n",
    "\x0b": "\n",
    "\x0c": "\n",
    "\x1c": "\n",
    "\x1d": "\n",
    "\x1e": "\n",
}
# explicit embeddings, overrides and isolates (LRE…RLO, LRI…PDI): the renderers isolate every
# value themselves, and an unbalanced override (a name ending in U+202E) would reverse what
# follows it; LRM/RLM (U+200E/U+200F) stay
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SEPARATOR_TABLE = str.maketrans(
    {
        **{k: v for k, v in SEPARATORS.items() if len(k) == 1},
        **dict.fromkeys(BIDI_CONTROLS),
    }
)

# Defect kinds (each a rule id ``ANS-<kind>`` and a message in rules.json ``answers``)
SURROGATE = "surrogate"
NOT_FINITE = "not-finite"
NUMBER_RANGE = "number-range"
TOO_DEEP = "too-deep"
VALUE_TYPE = "value-type"
KINDS = (SURROGATE, NOT_FINITE, NUMBER_RANGE, TOO_DEEP, VALUE_TYPE)

_WORDS = {
    SURROGATE: "holds a lone surrogate (\\ud800-\\udfff), which is not text",
    NOT_FINITE: "holds NaN or Infinity, which is not a number",
    NUMBER_RANGE: f"holds a number beyond ±{MAX_NUMBER:.0e}",
    TOO_DEEP: f"is nested more than {MAX_DEPTH} levels deep",
    VALUE_TYPE: "holds a value that is not JSON",
}


@dataclass(frozen=True)
class Defect:
    """One value the answers may not hold: where (keys and indexes) and what kind."""

    parts: tuple[str | int, ...]
    kind: str

    @property
    def path(self) -> str:
        return pointer(self.parts)

    def sentence(self) -> str:
        return f"{self.path or '/'} {_WORDS[self.kind]}"


@dataclass(frozen=True)
class Checked:
    value: Any
    defects: tuple[Defect, ...] = field(default=())


class _Huge(str):
    """An integer literal too long to convert (parsed as its digits, reported by ``inspect``)."""


def _parse_int(text: str) -> int | _Huge:
    return _Huge(text) if len(text.lstrip("-")) > MAX_DIGITS else int(text)


def _parse_float(text: str) -> float | _Huge:
    return _Huge(text) if len(text) > 2 * MAX_DIGITS else float(text)


def _clean_text(text: str) -> tuple[str, bool]:
    """The text with separators normalised, and whether it held a lone surrogate (then
    replaced by U+FFFD in the copy, so that what follows only ever sees real text)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    text = text.translate(_SEPARATOR_TABLE)
    if _has_surrogate(text):
        return _surrogate_free(text), True
    return text, False


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _surrogate_free(text: str) -> str:
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


def inspect(value: Any) -> Checked:
    """The clean copy of ``value`` and its defects, walked without recursion."""
    defects: list[Defect] = []
    root: list[Any] = [None]
    # (container to fill, key in it, value, path, depth)
    todo: list[tuple[Any, Any, Any, tuple, int]] = [(root, 0, value, (), 0)]
    while todo:
        into, key, node, parts, depth = todo.pop()
        if isinstance(node, bool) or node is None:
            into[key] = node
        elif isinstance(node, _Huge):
            defects.append(Defect(parts, NUMBER_RANGE))
            into[key] = None
        elif isinstance(node, str):
            text, broken = _clean_text(node)
            if broken:
                defects.append(Defect(parts, SURROGATE))
            into[key] = text
        elif isinstance(node, int):
            if abs(node) > MAX_NUMBER:
                defects.append(Defect(parts, NUMBER_RANGE))
                node = None
            into[key] = node
        elif isinstance(node, float):
            if not math.isfinite(node):
                defects.append(Defect(parts, NOT_FINITE))
                node = None
            elif abs(node) > MAX_NUMBER:
                defects.append(Defect(parts, NUMBER_RANGE))
                node = None
            into[key] = node
        elif isinstance(node, dict | list):
            if depth >= MAX_DEPTH:
                defects.append(Defect(parts, TOO_DEEP))
                into[key] = None
                continue
            if isinstance(node, list):
                copy: Any = [None] * len(node)
                items: Any = enumerate(node)
            else:
                copy = {}
                items = node.items()
            into[key] = copy
            pending = []
            for k, v in items:
                if isinstance(copy, dict):
                    if not isinstance(k, str):
                        defects.append(Defect(parts, VALUE_TYPE))
                        continue
                    clean_key = k  # keys are kept as they are (a path leads to them)
                    if _has_surrogate(k):
                        clean_key = _surrogate_free(k)
                        defects.append(Defect((*parts, clean_key), SURROGATE))
                    copy[clean_key] = None
                    k = clean_key
                pending.append((copy, k, v, (*parts, k), depth + 1))
            todo.extend(reversed(pending))
        else:
            defects.append(Defect(parts, VALUE_TYPE))
            into[key] = None
    return Checked(root[0], tuple(defects))


def _refuse(name: str, defects: tuple[Defect, ...]) -> AnswersFileError:
    more = len(defects) - 1
    tail = f" (and {more} more such value{'s' if more > 1 else ''})" if more else ""
    return AnswersFileError(f"{name}: {defects[0].sentence()}{tail}")


def require_sound(answers: Any, name: str = "answers") -> dict[str, Any]:
    """The clean copy of ``answers`` (a dict), or ``AnswersFileError`` naming the first defect.
    The store calls this before writing: nothing malformed is ever stored."""
    if not isinstance(answers, dict):
        raise AnswersFileError(f"{name}: an answers file is a JSON object {{…}}")
    checked = inspect(answers)
    if checked.defects:
        raise _refuse(name, checked.defects)
    text = json.dumps(checked.value, ensure_ascii=False, separators=(",", ":"))
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise AnswersFileError(f"{name}: larger than 1 MB, not an answers file")
    return checked.value


def load_answers(source: Any, name: str | None = None) -> dict[str, Any]:
    """Return the answers dict read from ``source`` (a path, bytes or str), cleaned.

    Raise ``AnswersFileError`` with one clear line when it cannot be read, is larger than
    1 MB, is not UTF-8 JSON, is not a JSON object, or holds a value no answers may hold (see
    the module's docstring). The answers are not validated here.
    """
    if isinstance(source, Path):
        name = name or str(source)
        try:
            if source.stat().st_size > MAX_BYTES:
                raise AnswersFileError(f"{name}: larger than 1 MB, not an answers file")
            data = source.read_bytes()
        except OSError as exc:
            raise AnswersFileError(f"{name}: cannot be read ({exc.strerror})") from exc
    else:
        name = name or "answers"
        if isinstance(source, str):
            try:
                data = source.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise AnswersFileError(f"{name}: not UTF-8 text") from exc
        else:
            data = bytes(source)
    if len(data) > MAX_BYTES:
        raise AnswersFileError(f"{name}: larger than 1 MB, not an answers file")
    try:
        answers = json.loads(
            data.decode("utf-8-sig"),
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=float,  # NaN, Infinity: located and refused by inspect()
        )
    except UnicodeDecodeError as exc:
        raise AnswersFileError(f"{name}: not UTF-8 text") from exc
    except RecursionError as exc:
        raise AnswersFileError(f"{name}: nested too deeply to be an answers file") from exc
    except json.JSONDecodeError as exc:
        raise AnswersFileError(
            f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    except ValueError as exc:  # int() limits, whatever the parser still refuses
        raise AnswersFileError(f"{name}: not valid JSON ({exc})") from exc
    return upgrade(require_sound(answers, name))


def upgrade(answers):
    """Return ``answers`` in the current format: a file of format 1.0 (written when Mithaq
    knew only communes) becomes 1.1 with ``"level": "commune"`` and nothing else changed.

    Any other version is returned as it is, for the validator to report. The dict given is not
    changed; a fresh one is returned when there was something to upgrade.
    """
    if not isinstance(answers, dict) or answers.get("schema_version") != "1.0":
        return answers
    upgraded = {"schema_version": "1.1", "level": "commune"}
    upgraded.update((k, v) for k, v in answers.items() if k not in upgraded)
    return upgraded
