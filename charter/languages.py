"""The charter's languages: a free text is required in the languages the charter is printed in.

The answers schema's ``$defs/text`` (``{"ar": …, "fr": …}``) requires no language itself; it
carries ``"x-languages": "/output/languages"``, the answer that lists the languages every such
text must be written in. JSON Schema cannot point at another answer, so this module reads the
annotation: ``missing_texts`` walks the answers along the schema and yields each text that
lacks one of those languages. A charter in Arabic only never needs French, and switching French
on lists every text still to translate. While the languages are not answered, one language is
enough (``minProperties: 1``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from charter.schema import resolve, schema

LANGS = ("ar", "fr")


def _lookup(data: Any, pointer: str) -> Any:
    for part in pointer.strip("/").split("/"):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def output_languages(answers: Any) -> tuple[str, ...] | None:
    """The languages the charter is printed in (``output.languages``, known ones only, in the
    answers' order), or ``None`` while they are not answered."""
    found = _lookup(answers, "/output/languages") if isinstance(answers, dict) else None
    if not isinstance(found, list):
        return None
    langs = tuple(dict.fromkeys(x for x in found if isinstance(x, str) and x in LANGS))
    return langs or None


def required_languages(node: dict[str, Any], answers: Any) -> tuple[str, ...]:
    """The languages a text node (one with ``x-languages``) must be written in; none while the
    answer it points at is not given."""
    pointer = node.get("x-languages")
    if not pointer:
        return ()
    found = _lookup(answers, pointer) if isinstance(answers, dict) else None
    if not isinstance(found, list):
        return ()
    # a language that is not text (a list, found by make fuzz) is no language: unhashable
    known = node.get("properties", {})
    return tuple(dict.fromkeys(x for x in found if isinstance(x, str) and x in known))


def missing_texts(answers: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Yield ``(path, lang)`` for every text of ``answers`` that lacks a language the charter
    is printed in (``path`` is the text's, as keys and indexes)."""
    root = schema()

    def walk(node: dict[str, Any], value: Any, parts: tuple[str | int, ...]):
        node = resolve(node, root)
        if "x-languages" in node:
            if isinstance(value, dict):
                for lang in required_languages(node, answers):
                    if lang not in value:  # an empty or blank text is the schema's to report
                        yield parts, lang
            return
        if isinstance(value, dict):
            for key, sub in (node.get("properties") or {}).items():
                if key in value:
                    yield from walk(sub, value[key], (*parts, key))
        elif isinstance(value, list) and isinstance(node.get("items"), dict):
            for i, item in enumerate(value):
                yield from walk(node["items"], item, (*parts, i))

    yield from walk(root, answers, ())
