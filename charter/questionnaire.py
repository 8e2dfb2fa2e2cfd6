"""The printable questionnaire: every question of the wizard, from the answers schema, with
spaces to answer on paper (trainer mode, workshops without screens).

``questionnaire(lang)`` walks ``schemas/commune.schema.json`` in the wizard's order: one section
per step, each field's ``x-title`` and ``x-description`` in ``lang``, ``enum`` choices as tick
boxes, ``{ar, fr}`` texts as two answer lines, repeatable groups as blank rows (a table when the
group is small and flat, otherwise numbered blocks), and the values the law fixes (``x-derived``)
shown as "fixed by law" with the provision's summary and article, never asked. ``render_pdf``
prints it through the one Jinja environment and the WeasyPrint adapter of ``charter.render``;
the wording of the page itself lives in ``templates/html/questionnaire.html.j2``.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from charter.database import data_folder
from charter.legal import catalogue
from charter.schema import resolve, schema, steps

LANGS = ("ar", "fr")
TABLE_ROWS = 3  # blank rows of a small repeatable group
BLOCK_COPIES = 2  # blank copies of a larger one
TABLE_MAX_COLUMNS = 6


@dataclass(frozen=True)
class Question:
    path: str  # JSON pointer; an item of a list is "*": /mechanisms/*/type
    number: str  # "3.2", "3.2.1"
    title: str
    description: str
    kind: str  # line | paragraph | bilingual | integer | number | date | boolean | choice
    #            | choices | fixed | group | repeat
    choices: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # a bilingual text's two parts ("in Arabic", "in French")
    minimum: float | None = None
    maximum: float | None = None
    citations: tuple[str, ...] = ()
    fixed: tuple[str, ...] = ()  # what the law says, for a value it fixes
    children: tuple[Question, ...] = ()
    layout: str = ""  # repeat: "table" | "blocks"
    copies: int = 0  # repeat: blank rows or blocks

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: str
    description: str
    citations: tuple[str, ...]
    questions: tuple[Question, ...]

    def walk(self):
        for q in self.questions:
            yield from q.walk()


def _text(node, key, lang):
    return (node.get(key) or {}).get(lang, "")


def _cites(node, lang):
    cat = catalogue()
    return tuple(cat.cite(p, lang) for p in node.get("x-provisions") or () if p in cat)


def _is_bilingual(node):
    props = node.get("properties") or {}
    return node.get("type") == "object" and set(props) == {"ar", "fr"}


def _choices(node, lang):
    titles = node.get("x-enum-titles") or {}
    return tuple((titles.get(v) or {}).get(lang, str(v)) for v in node["enum"])


def _is_flat(item):
    """A group whose fields are all one-cell answers (a table row)."""
    props = item.get("properties") or {}
    for child in props.values():
        child = resolve(child)
        if child.get("type") == "array" or child.get("x-widget") == "textarea":
            return False
        if child.get("type") == "object" and not _is_bilingual(child):
            return False
    return 0 < len(props) <= TABLE_MAX_COLUMNS


def _question(node, path, number, lang, name):
    node = resolve(node)
    title = _text(node, "x-title", lang) or name
    common = {
        "path": path,
        "number": number,
        "title": title,
        "description": _text(node, "x-description", lang),
        "citations": _cites(node, lang),
    }
    kind = node.get("type")
    if node.get("x-derived"):
        cat = catalogue()
        fixed = tuple(cat[p].summary[lang] for p in node.get("x-provisions") or () if p in cat)
        return Question(kind="fixed", fixed=fixed, **common)
    if _is_bilingual(node):
        props = node["properties"]
        widget = max(
            ("paragraph" if resolve(props[k]).get("maxLength", 0) > 200 else "line")
            for k in ("ar", "fr")
        )
        if node.get("x-widget") == "textarea":
            widget = "paragraph"
        parts = tuple(_text(resolve(props[k]), "x-title", lang) for k in ("ar", "fr"))
        return Question(kind="bilingual", parts=parts, layout=widget, **common)
    if "enum" in node:
        return Question(kind="choice", choices=_choices(node, lang), **common)
    if kind == "array":
        items = resolve(node.get("items") or {})
        if "enum" in items:
            return Question(kind="choices", choices=_choices(items, lang), **common)
        if items.get("type") == "object":
            children = _children(items, path + "/*", number, lang)
            flat = _is_flat(items)
            return Question(
                kind="repeat",
                children=children,
                layout="table" if flat else "blocks",
                copies=TABLE_ROWS if flat else BLOCK_COPIES,
                **common,
            )
        return Question(kind="paragraph", **common)
    if kind == "object":
        return Question(kind="group", children=_children(node, path, number, lang), **common)
    if kind == "boolean":
        return Question(kind="boolean", **common)
    if kind in ("integer", "number"):
        return Question(
            kind=kind, minimum=node.get("minimum"), maximum=node.get("maximum"), **common
        )
    if node.get("format") == "date":
        return Question(kind="date", **common)
    if node.get("x-widget") == "textarea":
        return Question(kind="paragraph", **common)
    return Question(kind="line", **common)


def _children(node, path, number, lang):
    return tuple(
        _question(child, f"{path}/{name}", f"{number}.{i}", lang, name)
        for i, (name, child) in enumerate((node.get("properties") or {}).items(), 1)
    )


def questionnaire(lang: str = "fr", level: str = "commune") -> list[Section]:
    """Every question of the wizard for a ``level`` (commune | province | region), section by
    section, in ``lang`` (ar | fr | en)."""
    root = schema()
    sections = []
    for n, step in enumerate(steps(level), 1):
        node = resolve(root["properties"][step])
        if node.get("type") == "object" and not _is_bilingual(node):
            questions = _children(node, "/" + step, str(n), lang)
        else:  # a step that is one question (a list of principles, of actors…)
            only = _question(node, "/" + step, str(n), lang, step)
            questions = only.children if only.kind == "group" else (only,)
        sections.append(
            Section(
                id=step,
                number=n,
                title=_text(node, "x-title", lang) or step,
                description=_text(node, "x-description", lang),
                citations=_cites(node, lang),
                questions=questions,
            )
        )
    return sections


def render_html(lang: str = "fr", level: str = "commune") -> str:
    """The questionnaire as HTML (the layout ``templates/html/questionnaire.html.j2``)."""
    from charter.errors import TemplateError
    from charter.render.html import layout, render_layout

    if lang not in LANGS:
        raise TemplateError(f"unknown language {lang!r}: expected ar or fr")
    return render_layout(
        layout("questionnaire.html.j2"),
        lang=lang,
        dir="rtl" if lang == "ar" else "ltr",
        sections=questionnaire(lang, level),
        version=schema().get("properties", {}).get("schema_version", {}).get("const", ""),
    )


def render_pdf(lang: str = "fr", level: str = "commune") -> bytes:
    """The questionnaire as a PDF/A-3a (WeasyPrint adapter of ``charter.render.pdf``).

    It carries an empty answers file, so the wizard opens it as a blank charter.
    """
    from charter.render.pdf import html_to_pdf

    version = schema().get("properties", {}).get("schema_version", {}).get("const")
    blank = {"schema_version": version, "level": level} if version is not None else {}
    return html_to_pdf(
        render_html(lang, level), blank, identifier=f"mithaq-questionnaire-{level}-{lang}"
    )


def _package_version() -> str:
    try:
        return version("mithaq")
    except PackageNotFoundError:
        return "unknown"


def cached_pdf(lang: str = "fr", level: str = "commune", folder: Path | None = None) -> bytes:
    """``render_pdf``, kept on disk (``$MITHAQ_DATA/cache/``) under a hash of the HTML it prints
    (schema, catalogue, layout and wording all show there) and of the package's version: the
    28 pages take WeasyPrint 10-20 s, the same questionnaire is then read back at once. A file
    is written whole (a temporary name, then renamed), so a reader never sees half of one."""
    html = render_html(lang, level)
    key = hashlib.sha256(f"{_package_version()}\n{html}".encode()).hexdigest()[:20]
    where = (folder or data_folder() / "cache") / f"questionnaire-{level}-{lang}-{key}.pdf"
    if where.exists():
        return where.read_bytes()
    pdf = render_pdf(lang, level)
    where.parent.mkdir(parents=True, exist_ok=True)
    partial = where.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(pdf)
    partial.replace(where)
    return pdf
