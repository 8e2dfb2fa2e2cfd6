"""The clause library: the charter's wording, per language, apart from layout.

``templates/clauses/*.yaml`` (see docs/templates.md). One file per section of the charter, in file
name order; each holds the section's title and its articles. Every article has an ``id``, an
optional ``when`` condition (a Jinja expression over the answers), a ``title`` and a ``text`` per
language (``ar``, ``fr``) with ``{{ placeholders }}``, and the ``provisions`` it rests on (ids of
``schemas/provisions.json``). ``_labels.yaml`` holds the words of the layout (page, article, …) and
``_annexes.yaml`` the fixed content of the annexes.

Everything is compiled once in THE environment, so a broken clause is reported before any render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2
import yaml

from charter.errors import TemplateError
from charter.render.environment import environment

LANGS = ("ar", "fr")
ROOT = Path(__file__).resolve().parents[2] / "templates" / "clauses"

# Literal clause text goes into HTML and OOXML as it is: markup characters there would break them.
_LITERAL_MARKUP = re.compile(r"[<>&]")
_TAG = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.S)


@dataclass(frozen=True)
class Clause:
    """One article of the library, compiled."""

    id: str
    section: str
    provisions: tuple[str, ...]
    when: str | None
    title: dict[str, jinja2.Template]
    text: dict[str, jinja2.Template]
    table: str | None = None
    source: str = ""

    def applies(self, context: dict) -> bool:
        if self.when is None:
            return True
        return bool(_condition(self.when)(**context))


@dataclass(frozen=True)
class SectionSpec:
    id: str
    title: dict[str, str]
    when: str | None
    clauses: tuple[Clause, ...]
    source: str = ""

    def applies(self, context: dict) -> bool:
        return self.when is None or bool(_condition(self.when)(**context))


@dataclass(frozen=True)
class Library:
    sections: tuple[SectionSpec, ...]
    labels: dict[str, dict[str, str]]
    annexes: dict = field(default_factory=dict)

    def clause_ids(self) -> list[str]:
        return [c.id for s in self.sections for c in s.clauses]

    def label(self, key: str, lang: str) -> str:
        return self.labels[key][lang]


@cache
def _condition(expression: str):
    return environment().compile_expression(expression)


def _compile(text: str, where: str) -> jinja2.Template:
    literal = _TAG.sub("", text)
    if _LITERAL_MARKUP.search(literal):
        raise TemplateError(f"{where}: the characters < > & are not allowed in clause text")
    try:
        return environment().from_string(text)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{where}, line {exc.lineno}: {exc.message}") from exc


def _i18n(node: object, where: str) -> dict[str, str]:
    if not isinstance(node, dict) or any(not isinstance(node.get(lang), str) for lang in LANGS):
        raise TemplateError(f"{where}: needs a text for each language ({', '.join(LANGS)})")
    return {lang: node[lang] for lang in LANGS}


def _read(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateError(f"{path.name}: {exc}") from exc


def _section(path: Path, seen: set[str], known_provisions: set[str] | None) -> SectionSpec:
    data = _read(path)
    if not isinstance(data, dict) or "section" not in data or "articles" not in data:
        raise TemplateError(f"{path.name}: expected the keys 'section', 'title' and 'articles'")
    sid = str(data["section"])
    clauses = []
    for i, art in enumerate(data["articles"] or []):
        where = f"{path.name}, article {i + 1}"
        if not isinstance(art, dict) or not art.get("id"):
            raise TemplateError(f"{where}: every article needs an 'id'")
        cid = str(art["id"])
        where = f"{path.name}, {cid}"
        if cid in seen:
            raise TemplateError(f"{where}: the id is used twice")
        seen.add(cid)
        provisions = tuple(art.get("provisions") or ())
        if known_provisions is not None:
            unknown = [p for p in provisions if p not in known_provisions]
            if unknown:
                raise TemplateError(f"{where}: unknown provisions {', '.join(unknown)}")
        when = art.get("when")
        if when is not None:
            try:
                _condition(str(when))
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(f"{where}: condition 'when': {exc.message}") from exc
        title = _i18n(art.get("title", {"ar": "", "fr": ""}), f"{where}: title")
        text = _i18n(art.get("text"), f"{where}: text")
        clauses.append(
            Clause(
                id=cid,
                section=sid,
                provisions=provisions,
                when=None if when is None else str(when),
                title={lang: _compile(title[lang], f"{where}: title.{lang}") for lang in LANGS},
                text={lang: _compile(text[lang], f"{where}: text.{lang}") for lang in LANGS},
                table=art.get("table"),
                source=path.name,
            )
        )
    when = data.get("when")
    return SectionSpec(
        id=sid,
        title=_i18n(data.get("title"), f"{path.name}: title"),
        when=None if when is None else str(when),
        clauses=tuple(clauses),
        source=path.name,
    )


def load_library(root: Path | None = None, known_provisions: set[str] | None = None) -> Library:
    """Read and compile every clause file under ``root`` (``templates/clauses`` by default)."""
    root = root or ROOT
    seen: set[str] = set()
    sections = tuple(
        _section(p, seen, known_provisions)
        for p in sorted(root.glob("*.yaml"))
        if not p.name.startswith("_")
    )
    labels = _read(root / "_labels.yaml")
    if not isinstance(labels, dict):
        raise TemplateError("_labels.yaml: expected a mapping of label: {ar, fr}")
    labels = {k: _i18n(v, f"_labels.yaml: {k}") for k, v in labels.items()}
    annexes = _read(root / "_annexes.yaml") if (root / "_annexes.yaml").exists() else {}
    return Library(sections=sections, labels=labels, annexes=annexes or {})


@cache
def shipped_library() -> Library:
    """The library under templates/clauses, compiled once per process."""
    return load_library()
