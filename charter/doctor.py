"""The template doctor: what is wrong in the clause library and the layouts, and exactly where.

``iter_problems(path)`` yields ``Problem(where, message, kind)``: data, one per mistake, located at
the clause id and language (and line) or at the Word paragraph (its index and text). It checks,
before anyone renders:

- Jinja syntax (clause texts, titles and conditions; Word paragraphs; HTML layouts);
- tags split across Word runs, block tags (``{%p``, ``{%tr``, ``{%tc``) sharing their paragraph;
- every variable exists in the render context (clauses: the answers by section, ``derived``,
  ``number``, ``lang``; layouts: ``charter`` and its attributes) — checked down to the schema's
  fields, so ``petitions.treshold`` is caught, not only ``petitons``;
- every provision cited exists in the catalogue; every article and title exists in ar and fr;
- Arabic Word layouts are right-to-left (``w:bidi``) with a complex-script font (``w:rFonts w:cs``)
  and a complex-script language (``w:lang w:bidi``);
- nothing reaches Python internals, files or the network (``__class__``, ``cycler``, ``self``,
  ``{% include %}`` in a clause…), statically and by test-rendering every clause on every example
  under THE sandboxed environment.

Kinds (``Problem.kind``, stable, tested): ``file``, ``syntax``, ``variable``, ``provision``,
``language``, ``split-run``, ``block-tag``, ``rtl``, ``unsafe``, ``render``, ``structure``, ``law``
(a clause prints a commune's commitment where the law's value is expected: fields marked
``x-bounded-by`` in the answers schema).
Pure: no streamlit, no printing. ``docs/templates.md`` explains each message.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
import yaml
from jinja2 import meta, nodes

from charter.errors import CharterError
from charter.legal import catalogue
from charter.model import build_charter
from charter.render.clauses import load_library
from charter.render.sandbox import deadline, refusal
from charter.resources import EXAMPLES, ROOT, TEMPLATES
from charter.schema import LEVELS, level_of, resolve
from charter.schema import schema as answers_schema

LANGS = ("ar", "fr")
LANG_NAMES = {"ar": "Arabic", "fr": "French"}
MAX_DOCX_BYTES = 5 * 1024 * 1024  # an upload larger than this is refused
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024  # a zip bomb is refused before any XML is parsed
MAX_DOCX_MEMBERS = 1_000  # parts in a layout (Word writes a few dozen)
_DOCTYPES = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"

# Names a template has no business reading: the classic server-side template injection roots.
FORBIDDEN_NAMES = frozenset(
    {"self", "lipsum", "cycler", "joiner", "config", "request", "session", "g", "url_for"}
)
KINDS = (
    "file",
    "syntax",
    "variable",
    "provision",
    "language",
    "structure",
    "split-run",
    "block-tag",
    "rtl",
    "unsafe",
    "render",
    "law",
    "level",
)
# HTML layouts rendered with the charter model (``charter``): checked name by name and rendered.
CHARTER_LAYOUTS = frozenset({"charter.html.j2"})
_CURLY = re.compile("[\u2018\u2019\u201c\u201d]")
_FILE_TAG = re.compile(r"{%-?[ \t]*(?:[pr]|tr|tc)?[ \t]*(include|import|from|extends)\b")
_TAG = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.S)
_DOCX_BLOCK = re.compile(r"^{%\s*(p|tr|tc|r)\s")
_DOCX_VAR = re.compile(r"^{{\s*(p|tr|tc|r)\s")
_LITERAL_MARKUP = re.compile(r"[<>&]")


@dataclass(frozen=True)
class Problem:
    """One mistake in a template: where it is, what is wrong, and its kind (see module doc)."""

    where: str
    message: str
    kind: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def load_yaml(text: str):
    """Safe YAML (the C loader when PyYAML has it: the library is read often)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


# --- paths and examples ---------------------------------------------------------------------------


def display(path: Path) -> str:
    """``templates/clauses/10-petitions.yaml``: relative to the working folder or the repository."""
    path = Path(path)
    for base in (Path.cwd(), ROOT):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return path.name


@cache
def example_answers() -> tuple[tuple[str, dict], ...]:
    """The sample communes of examples/ (name, answers): every clause is test-rendered on each."""
    return tuple(
        (p.name, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(EXAMPLES.glob("*.json"))
    )


# --- what the context provides --------------------------------------------------------------------


@cache
def _context_shape() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Top-level names of the clause context, the keys of ``derived`` and those of ``term`` (the
    collectivity's words), asked of the context module itself on every example (so a name it
    adds or drops is seen here at once)."""
    from charter.render.context import clause_context

    names: set[str] = set()
    derived: set[str] = set()
    terms: set[str] = set()
    for _name, answers in example_answers():
        for lang in LANGS:
            ctx = clause_context(answers, lang)
            names |= set(ctx)
            derived |= set(ctx.get("derived") or {})
            terms |= set(ctx.get("term") or {})
    return frozenset(names), frozenset(derived), frozenset(terms)


def context_names() -> frozenset[str]:
    """Every top-level name a clause may use."""
    return _context_shape()[0]


def derived_names() -> frozenset[str]:
    return _context_shape()[1]


def unknown_in_clause(chain: list[str]) -> str | None:
    """The dotted prefix of ``chain`` the clause context does not have, or None if it exists.

    Walks the answers schema: objects must have the property; an ``{ar, fr}`` text, an enum, a
    date or a list ends the walk (their own attributes are the template's business).
    """
    root_name = chain[0]
    if root_name not in context_names():
        return root_name
    if root_name in ("derived", "term"):
        known = derived_names() if root_name == "derived" else _context_shape()[2]
        if len(chain) > 1 and chain[1] not in known:
            return ".".join(chain[:2])
        return None
    schema = answers_schema()
    node = schema.get("properties", {}).get(root_name)
    if node is None:
        return None
    for i, attr in enumerate(chain[1:], start=1):
        node = resolve(node, schema)
        props = node.get("properties") or {}
        if node.get("type") != "object" or set(props) == {"ar", "fr"}:
            return None
        if attr not in props:
            return ".".join(chain[: i + 1])
        node = props[attr]
    return None


@cache
def _charter_attributes() -> frozenset[str]:
    from charter.model import Charter

    names = {f.name for f in dataclasses.fields(Charter)}
    names |= {n for n, v in vars(Charter).items() if isinstance(v, property)}
    return frozenset(names)


@cache
def _label_keys() -> frozenset[str]:
    data = yaml.safe_load((TEMPLATES / "clauses" / "_labels.yaml").read_text(encoding="utf-8"))
    return frozenset(str(k) for k in data or {})


def unknown_in_layout(chain: list[str]) -> str | None:
    """As ``unknown_in_clause``, for layouts: ``charter`` and its fields, ``charter.labels.*``;
    the HTML layout also gets ``stylesheet`` (the CSS inline, for the wizard's preview)."""
    if chain[0] == "stylesheet":
        return None
    if chain[0] != "charter":
        return chain[0]
    if len(chain) > 1 and chain[1] not in _charter_attributes():
        return ".".join(chain[:2])
    if len(chain) > 2 and chain[1] == "labels" and chain[2] not in _label_keys():
        return ".".join(chain[:3])
    return None


# --- one parsed template: variables and unsafe constructs -----------------------------------------


def _chain(node: nodes.Node) -> list[str] | None:
    """``a.b.c`` / ``a['b']`` as ["a", "b", "c"], if rooted at a loaded name."""
    parts: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
            node = node.node
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            if not isinstance(node.arg.value, str):
                return None
            parts.append(node.arg.value)
            node = node.node
        elif isinstance(node, nodes.Name) and node.ctx == "load":
            return [node.name, *reversed(parts)]
        else:
            return None


def _walk(node: nodes.Node, parent: nodes.Node | None = None) -> Iterator[tuple[nodes.Node, bool]]:
    """Every node, with whether it is the outermost link of an attribute chain."""
    outer = not isinstance(parent, nodes.Getattr | nodes.Getitem) or (
        isinstance(parent, nodes.Getitem) and parent.arg is node
    )
    yield node, outer
    for child in node.iter_child_nodes():
        yield from _walk(child, node)


def _unsafe(node: nodes.Node, *, includes: bool) -> str | None:
    """Why this node is refused, or None."""
    reason = refusal(node)  # what the sandbox itself refuses to compile: markup, autoescape
    if reason:
        return reason
    if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
        return f"not allowed: the attribute '{node.attr}' reaches Python internals"
    if (
        isinstance(node, nodes.Getitem)
        and isinstance(node.arg, nodes.Const)
        and isinstance(node.arg.value, str)
        and node.arg.value.startswith("_")
    ):
        return f"not allowed: the item '{node.arg.value}' reaches Python internals"
    if isinstance(node, nodes.Name) and node.name in FORBIDDEN_NAMES:
        return (
            f"not allowed: '{node.name}' is not charter data "
            "(a template may only read the answers, the derived values and the labels)"
        )
    if isinstance(node, nodes.Const) and isinstance(node.value, str) and "__" in node.value:
        return "not allowed: a string holding '__' (a way to reach Python internals)"
    if isinstance(node, nodes.Filter) and node.name == "attr":
        return "not allowed: the 'attr' filter (write the attribute's name with a dot)"
    if isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
        kind = type(node).__name__.lower().replace("fromimport", "import")
        if not includes:
            return f"not allowed here: {{% {kind} %}} (a template cannot read other files)"
        target = node.template
        if not (isinstance(target, nodes.Const) and isinstance(target.value, str)):
            return f"not allowed: {{% {kind} %}} of a computed name"
        name = target.value
        if (
            name.startswith(("/", "\\"))
            or ".." in name
            or not (TEMPLATES / "html" / name).is_file()
        ):
            return f"not allowed: {{% {kind} '{name}' %}} (only templates/html files can be used)"
    return None


def _template_problems(
    ast: nodes.Template,
    where,
    unknown,
    *,
    includes: bool = False,
    check_names: bool = True,
) -> Iterator[Problem]:
    """Unsafe constructs and unknown variables of one parsed template.

    ``where(lineno)`` gives the location of a line; ``unknown(chain)`` the unknown prefix or None.
    A chain that is unsafe is reported once, as unsafe, never also as an unknown variable.
    """
    unsafe_lines: set[int] = set()
    seen: set[tuple[str, str]] = set()
    unsafe_at: set[str] = set()
    for node, _outer in _walk(ast):
        reason = _unsafe(node, includes=includes)
        if reason:
            unsafe_lines.add(node.lineno)
            if where(node.lineno) not in unsafe_at:  # one refusal per place is clear enough
                unsafe_at.add(where(node.lineno))
                yield Problem(where(node.lineno), reason, "unsafe")
    if not check_names:
        return
    try:
        free = meta.find_undeclared_variables(ast)
    except jinja2.TemplateAssertionError:  # a refused filter (already said) is not even known
        return  # after the walk: its optimiser folds constants
    for node, outer in _walk(ast):
        if not outer or node.lineno in unsafe_lines:
            continue
        chain = _chain(node)
        if not chain or chain[0] not in free or chain[0] in FORBIDDEN_NAMES:
            continue
        bad = unknown(chain)
        if bad:
            key = (where(node.lineno), f"unknown variable '{bad}'")
            if key not in seen:
                seen.add(key)
                yield Problem(key[0], key[1], "variable")


# --- the clause library ---------------------------------------------------------------------------


def _env():
    from charter.render.environment import environment

    return environment()


def _syntax(text: str, where: str, first_line: int = 1) -> tuple[nodes.Template | None, list]:
    try:
        return _env().parse(text), []
    except jinja2.TemplateSyntaxError as exc:
        line = (exc.lineno or 1) + first_line - 1
        return None, [Problem(f"{where}, line {line}", exc.message or str(exc), "syntax")]


def _condition_ast(expression: str) -> nodes.Template:
    return _env().parse("{{ (" + expression + ") }}")


def check_text(text: str, where: str) -> Iterator[Problem]:
    """Problems of one clause text (or title) in one language."""
    literal = _TAG.sub("", text)
    if _LITERAL_MARKUP.search(literal):
        yield Problem(
            where,
            "the characters < > & are not allowed in clause text (write them in words, "
            "or take them from an answer)",
            "syntax",
        )
    tag = _FILE_TAG.search(text)
    if tag:
        line = text[: tag.start()].count("\n") + 1
        yield Problem(
            where if line <= 1 else f"{where}, line {line}",
            f"not allowed here: {{% {tag.group(1)} %}} (a clause cannot read other files)",
            "unsafe",
        )
        return
    ast, problems = _syntax(text, where)
    yield from problems
    if ast is not None:
        at = lambda n: where if n <= 1 else f"{where}, line {n}"  # noqa: E731
        yield from _template_problems(ast, at, unknown_in_clause)
        yield from law_problems(ast, at)


@cache
def bounded_fields() -> dict[str, str]:
    """Answers that hold a commune's commitment bounded by a value the law fixes: the clause name
    (``petitions.rejection_notice_months``) → the name of the derived legal value
    (``rejection_notice_months``), read from the schema's ``x-bounded-by``."""
    root = answers_schema()
    out: dict[str, str] = {}

    def walk(node: dict, prefix: str) -> None:
        node = resolve(node, root)
        for key, sub in (node.get("properties") or {}).items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(sub, dict) and sub.get("x-bounded-by"):
                out[name] = sub["x-bounded-by"]
            if isinstance(sub, dict):
                walk(sub, name)

    walk(root, "")
    return out


def _reads(node: nodes.Node) -> tuple[set[str], bool]:
    """The dotted names an expression reads, and whether it calls ``number(…)``."""
    names: set[str] = set()
    calls_number = False
    for sub, outer in _walk(node):
        if isinstance(sub, nodes.Call) and isinstance(sub.node, nodes.Name):
            calls_number |= sub.node.name == "number"
        if outer:
            chain = _chain(sub)
            if chain:
                names.add(".".join(chain))
    return names, calls_number


def law_problems(ast: nodes.Template, where) -> Iterator[Problem]:
    """A commitment printed as if it were the law (kind ``law``).

    - one printed value mixes a commitment and a legal value (``{{ petitions.rejection_notice_months
      or derived.rejection_notice_months }}``): the reader cannot tell whose number it is;
    - a text prints a commitment and never prints the legal value that bounds it.
    """
    bounded = bounded_fields()
    printed: set[str] = set()
    commitments: dict[str, int] = {}
    for output in ast.find_all(nodes.Output):
        for expr in output.nodes:
            if isinstance(expr, nodes.TemplateData):
                continue
            names, calls_number = _reads(expr)
            printed |= names
            mine = sorted(n for n in names if n in bounded)
            legal = calls_number or any(n.startswith("derived.") for n in names)
            for field in mine:
                commitments.setdefault(field, expr.lineno)
                if legal:
                    yield Problem(
                        where(expr.lineno),
                        f"prints the commune's commitment '{field}' where the law's value is "
                        f"expected: print the law's value {{{{ derived.{bounded[field]} }}}} and "
                        "the commitment in sentences of their own",
                        "law",
                    )
    for field, line in commitments.items():
        if f"derived.{bounded[field]}" not in printed:
            yield Problem(
                where(line),
                f"prints the commune's commitment '{field}' without the law's limit: state "
                f"{{{{ derived.{bounded[field]} }}}} (what the law fixes) in the same text",
                "law",
            )


def check_condition(expression: str, where: str) -> Iterator[Problem]:
    where = f"{where} condition 'when'"
    try:
        ast = _condition_ast(expression)
    except jinja2.TemplateSyntaxError as exc:
        yield Problem(where, exc.message or str(exc), "syntax")
        return
    yield from _template_problems(ast, lambda n: where, unknown_in_clause)


def _i18n_problems(node, where: str, what: str) -> Iterator[Problem]:
    if not isinstance(node, dict):
        yield Problem(where, f"'{what}' needs a text for each language (ar, fr)", "language")
        return
    extra = [str(k) for k in node if k not in (*LANGS, "en")]
    if extra:
        yield Problem(
            where,
            f"YAML cut the {what} at a comma (it reads {extra[0]!r} as a key of its own): "
            "put the text in quotes",
            "structure",
        )
    for lang in LANGS:
        if not isinstance(node.get(lang), str) or (what == "text" and not node[lang].strip()):
            yield Problem(
                f"{where} [{lang}]",
                f"missing the {LANG_NAMES[lang]} {what} ({what}.{lang})",
                "language",
            )


def check_article(
    article: dict, where: str, *, render: bool = True, section_when: str | None = None
) -> Iterator[Problem]:
    """Every problem of one article (``where`` names its file): structure, languages, syntax,
    variables, provisions, and a test render on every example in both languages (where the
    section's condition ``section_when`` and the article's own hold)."""
    if not isinstance(article, dict) or not article.get("id"):
        yield Problem(where, "every article needs an 'id'", "structure")
        return
    cid = str(article["id"])
    base = f"{where}: {cid}"
    known = catalogue()
    for p in article.get("provisions") or ():
        if p not in known:
            yield Problem(
                base, f"unknown provision '{p}' (not in schemas/provisions.json)", "provision"
            )
    table = article.get("table")
    if table is not None:
        from charter.render.tables import BUILDERS

        if table not in BUILDERS:
            yield Problem(
                base,
                f"unknown table '{table}' (expected one of {', '.join(BUILDERS)})",
                "structure",
            )
    static_bad: set[str] = set()
    when = article.get("when")
    if when is not None:
        found = list(check_condition(str(when), base))
        static_bad |= {"when"} if found else set()
        yield from found
    parts = {"title": article.get("title", {"ar": "", "fr": ""}), "text": article.get("text")}
    for what, node in parts.items():
        found = list(_i18n_problems(node, base, what))
        yield from found
        if not isinstance(node, dict):
            static_bad |= {f"{what}.{lang}" for lang in LANGS}
            continue
        for lang in LANGS:
            text = node.get(lang)
            if not isinstance(text, str):
                static_bad.add(f"{what}.{lang}")
                continue
            label = f"{base} [{lang}]" if what == "text" else f"{base} [{lang}] title"
            found = list(check_text(text, label))
            if found:
                static_bad.add(f"{what}.{lang}")
            yield from found
    if render and not static_bad:
        yield from _test_render(article, base, section_when)


@cache
def _contexts() -> tuple[tuple[str, str, dict], ...]:
    """The clause context of every example in every language: (example, lang, context)."""
    from charter.render.context import clause_context

    return tuple(
        (name, lang, clause_context(answers, lang))
        for name, answers in example_answers()
        for lang in LANGS
    )


def _test_render(article: dict, base: str, section_when: str | None) -> Iterator[Problem]:
    """Render the article on every example in both languages, under THE sandbox."""
    env = _env()
    seen: set[tuple[str, str]] = set()
    try:
        conditions = [
            env.compile_expression(str(c)) for c in (section_when, article.get("when")) if c
        ]
        compiled = {
            lang: [
                env.from_string((article.get(w) or {}).get(lang) or "") for w in ("title", "text")
            ]
            for lang in LANGS
        }
    except jinja2.TemplateError:
        return  # reported by the static checks
    for name, lang, ctx in _contexts():
        where = f"{base} [{lang}]"
        try:
            with deadline():  # an advisor's loop cannot hold the save (or the CLI) for long
                if not all(c(**ctx) for c in conditions):
                    continue
                for template in compiled[lang]:
                    template.render(ctx)
        except jinja2.exceptions.SecurityError as exc:
            problem = Problem(where, f"not allowed (sandbox): {exc}", "unsafe")
        except jinja2.UndefinedError as exc:
            problem = Problem(where, f"on {name}: {exc.message}", "variable")
        except jinja2.TemplateError as exc:
            problem = Problem(where, f"on {name}: {exc}", "render")
        except (TypeError, ValueError, LookupError, AttributeError, ArithmeticError) as exc:
            problem = Problem(where, f"on {name}: {type(exc).__name__}: {exc}", "render")
        except CharterError as exc:
            problem = Problem(where, f"on {name}: {exc}", "render")
        else:
            continue
        if (where, problem.kind) not in seen:
            seen.add((where, problem.kind))
            yield problem


def check_clause_file(path: Path, seen_ids: dict[str, str] | None = None) -> Iterator[Problem]:
    """Every problem of one section file of templates/clauses/."""
    where = display(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        yield Problem(where, f"cannot be read: {exc}", "file")
        return
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f", line {mark.line + 1}" if mark else ""
        yield Problem(f"{where}{at}", f"not valid YAML: {getattr(exc, 'problem', exc)}", "syntax")
        return
    if path.name == "_labels.yaml":
        for key, node in (data or {}).items():
            if not isinstance(key, str):
                yield Problem(
                    f"{where}: {str(key).lower()}",
                    f"YAML reads this key (yes, no, on, off…) as {key!r}, not as a word: put it in "
                    'quotes ("yes": …)',
                    "structure",
                )
                continue
            yield from _i18n_problems(node, f"{where}: {key}", "label")
        return
    if path.name.startswith("_"):
        return
    if not isinstance(data, dict) or "section" not in data or "articles" not in data:
        yield Problem(where, "expected the keys 'section', 'title' and 'articles'", "structure")
        return
    yield from _i18n_problems(data.get("title"), f"{where}: section {data['section']}", "title")
    if data.get("when") is not None:
        yield from check_condition(str(data["when"]), f"{where}: section {data['section']}")
    seen_ids = {} if seen_ids is None else seen_ids
    for i, article in enumerate(data.get("articles") or [], start=1):
        if isinstance(article, dict) and article.get("id"):
            cid = str(article["id"])
            if cid in seen_ids:
                yield Problem(
                    f"{where}: {cid}", f"the id is already used in {seen_ids[cid]}", "structure"
                )
            seen_ids[cid] = path.name
        yield from check_article(
            article,
            where if article else f"{where}: article {i}",
            section_when=None if data.get("when") is None else str(data["when"]),
        )


def check_library(folder: Path) -> Iterator[Problem]:
    """Every problem of a clause library folder (templates/clauses/ or an export)."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        yield Problem(display(folder), "no clause files (*.yaml) here", "file")
        return
    if not (folder / "_labels.yaml").exists():
        yield Problem(display(folder), "missing _labels.yaml (the words of the layout)", "file")
    seen: dict[str, str] = {}
    for path in files:
        yield from check_clause_file(path, seen)


def check_levels(folder: Path) -> Iterator[Problem]:
    """Every level's whole charter (commune, province, region) builds from the clause library in
    ``folder``, in both languages, on the first example of that level; a level without an
    example is a problem (its charter would go unchecked)."""
    try:
        lib = load_library(folder, set(catalogue().provisions))
    except CharterError:
        return  # reported clause by clause
    examples = {}
    for name, answers in example_answers():
        examples.setdefault(level_of(answers), (name, answers))
    for level in LEVELS:
        if level not in examples:
            yield Problem(
                display(folder), f"no example of a {level}'s charter in examples/", "level"
            )
            continue
        name, answers = examples[level]
        for lang in LANGS:
            try:
                build_charter(answers, lang, lib=lib)
            except CharterError as exc:
                yield Problem(f"{display(folder)} [{lang}]", f"{level}, on {name}: {exc}", "level")


# --- HTML layouts ---------------------------------------------------------------------------------


def check_html(path: Path) -> Iterator[Problem]:
    """Syntax, variables and unsafe constructs of one HTML layout (templates/html/*.j2)."""
    where = display(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        yield Problem(where, f"cannot be read: {exc}", "file")
        return
    ast, problems = _syntax(source, where)
    yield from problems
    if ast is None:
        return
    # Partials take their names from the layout including them; other pages (the trainers'
    # questionnaire) have their own context: only the charter's layout is checked name by name.
    partial = path.name.startswith("_")
    yield from _template_problems(
        ast,
        lambda n: f"{where}, line {n}",
        unknown_in_layout,
        includes=True,
        check_names=path.name in CHARTER_LAYOUTS,
    )
    if not partial and re.search(r"<html\b", source):
        tag = re.search(r"<html\b[^>]*>", source)
        if tag and not ("dir=" in tag.group(0) and "lang=" in tag.group(0)):
            yield Problem(
                f"{where}, line {source[: tag.start()].count(chr(10)) + 1}",
                'the <html> element needs lang="{{ charter.lang }}" and '
                'dir="{{ charter.dir }}" (Arabic is laid out right-to-left only then)',
                "rtl",
            )


def _render_html_on_examples(path: Path) -> Iterator[Problem]:
    from charter.errors import TemplateError
    from charter.model import build_charter
    from charter.render.html import render_html

    if path.name not in CHARTER_LAYOUTS:
        return
    try:
        template = _env().get_template(path.name) if path.parent == TEMPLATES / "html" else None
        if template is None:
            template = _env().from_string(path.read_text(encoding="utf-8"))
    except jinja2.TemplateError:
        return  # already reported by check_html
    for name, answers in example_answers()[:1]:
        for lang in LANGS:
            try:
                render_html(build_charter(answers, lang), template)
            except TemplateError as exc:
                kind = "unsafe" if "not allowed" in str(exc) else "render"
                yield Problem(f"{display(path)} [{lang}]", f"on {name}: {exc}", kind)
                return


# --- Word layouts ---------------------------------------------------------------------------------


def lang_of(path: Path) -> str | None:
    """The language a Word layout is for, from its name (``charter-ar.docx`` → ``ar``)."""
    for lang in LANGS:
        if re.search(rf"(^|[-_.]){lang}([-_.]|$)", Path(path).stem):
            return lang
    return None


def _parse_xml(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def _paragraph_runs(p) -> list[str]:
    """The text of each run of a paragraph (runs inside hyperlinks, insertions… included)."""
    runs = []
    for r in p.iter(f"{_W}r"):
        text = "".join(t.text or "" for t in r.iter(f"{_W}t"))
        if text:
            runs.append(text)
    return runs


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass
class _Para:
    part: str
    index: int
    text: str
    runs: list[str]
    style: str | None
    bidi: bool | None  # explicit w:bidi on the paragraph (None: inherited)

    def where(self, file: str) -> str:
        part = "" if self.part == "document.xml" else f" {self.part}"
        return f"{file}:{part} paragraph {self.index} “{_short(self.text)}”"


def _on(el) -> bool:
    val = el.get(f"{_W}val")
    return val not in ("0", "false", "off")


def _paragraphs(part: str, root) -> Iterator[_Para]:
    for i, p in enumerate(root.iter(f"{_W}p"), start=1):
        ppr = p.find(f"{_W}pPr")
        style = bidi = None
        if ppr is not None:
            ps = ppr.find(f"{_W}pStyle")
            style = ps.get(f"{_W}val") if ps is not None else None
            b = ppr.find(f"{_W}bidi")
            bidi = _on(b) if b is not None else None
        runs = _paragraph_runs(p)
        yield _Para(part, i, "".join(runs), runs, style, bidi)


def _tag_spans(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _TAG.finditer(text):
        yield m.start(), m.end(), m.group(0)


def _split_runs(para: _Para) -> Iterator[tuple[str, int]]:
    """Tags whose characters are spread over more than one run: (tag, number of runs)."""
    bounds = []
    pos = 0
    for run in para.runs:
        bounds.append((pos, pos + len(run)))
        pos += len(run)
    for start, end, tag in _tag_spans(para.text):
        n = sum(1 for a, b in bounds if a < end and b > start)
        if n > 1:
            yield tag, n


def _normalise_tag(tag: str) -> str:
    """A docxtpl tag as plain Jinja: ``{%p if x %}`` → ``{% if x %}``, ``{{r x}}`` → ``{{ x}}``."""
    tag = _DOCX_BLOCK.sub("{% ", tag)
    return _DOCX_VAR.sub("{{ ", tag)


class _Styles:
    """Paragraph direction, complex-script font and language as Word resolves them."""

    def __init__(self, root) -> None:
        self.styles = {}
        self.default_id = None
        for st in (root.iter(f"{_W}style")) if root is not None else ():
            sid = st.get(f"{_W}styleId")
            self.styles[sid] = st
            if st.get(f"{_W}type") == "paragraph" and st.get(f"{_W}default") in ("1", "true"):
                self.default_id = sid
        self.defaults = root.find(f"{_W}docDefaults") if root is not None else None

    def _chain(self, sid: str | None) -> list:
        out, seen = [], set()
        sid = sid or self.default_id
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            out.append(self.styles[sid])
            based = self.styles[sid].find(f"{_W}basedOn")
            sid = based.get(f"{_W}val") if based is not None else None
        return out

    def _find(self, sid, path: str):
        for st in self._chain(sid):
            el = st.find(path)
            if el is not None:
                return el
        return None

    def bidi(self, sid) -> bool:
        el = self._find(sid, f"{_W}pPr/{_W}bidi")
        if el is None and self.defaults is not None:
            el = self.defaults.find(f"{_W}pPrDefault/{_W}pPr/{_W}bidi")
        return el is not None and _on(el)

    def cs_font(self, sid) -> bool:
        for st in self._chain(sid):
            rf = st.find(f"{_W}rPr/{_W}rFonts")
            if rf is not None and rf.get(f"{_W}cs"):
                return True
        rf = (
            self.defaults.find(f"{_W}rPrDefault/{_W}rPr/{_W}rFonts")
            if self.defaults is not None
            else None
        )
        return rf is not None and bool(rf.get(f"{_W}cs"))

    def cs_lang(self, sid) -> bool:
        for st in self._chain(sid):
            lang = st.find(f"{_W}rPr/{_W}lang")
            if lang is not None and lang.get(f"{_W}bidi"):
                return True
        lang = (
            self.defaults.find(f"{_W}rPrDefault/{_W}rPr/{_W}lang")
            if self.defaults is not None
            else None
        )
        return lang is not None and bool(lang.get(f"{_W}bidi"))

    def name(self, sid) -> str:
        sid = sid or self.default_id or "Normal"
        st = self.styles.get(sid)
        el = st.find(f"{_W}name") if st is not None else None
        return el.get(f"{_W}val") if el is not None else sid


def read_docx(data: bytes, where: str) -> tuple[dict[str, bytes], list[Problem]]:
    """The XML parts of a DOCX worth checking, or the reason it is no real Word file."""
    if len(data) > MAX_DOCX_BYTES:
        return {}, [
            Problem(where, f"too large ({len(data) // 1024} KB; the limit is 5 MB)", "file")
        ]
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError):
        return {}, [
            Problem(where, "not a Word document (.docx is a zip file; this is not)", "file")
        ]
    names = {i.filename for i in infos}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        return {}, [Problem(where, "not a Word document (no word/document.xml)", "file")]
    if len(infos) > MAX_DOCX_MEMBERS:
        return {}, [Problem(where, f"more than {MAX_DOCX_MEMBERS} parts: not a layout", "file")]
    outside = sorted(n for n in names if n.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", n))
    if outside:
        return {}, [Problem(where, f"a part outside the document: {outside[0]!r}", "unsafe")]
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return {}, [Problem(where, "contains macros: save it as .docx, not .docm", "unsafe")]
    if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        return {}, [Problem(where, "too large once unzipped (60 MB at most)", "file")]
    wanted = re.compile(r"word/(document|styles|header\d*|footer\d*|footnotes|endnotes)\.xml$")
    parts = {}
    try:
        for info in infos:  # every member, so python-docx later reads only what was measured
            data = _read_member(zf, info)
            if info.filename.endswith((".xml", ".rels")) and any(d in data for d in _DOCTYPES):
                # entities (XXE, billion laughs): OOXML has no DTD; nothing resolves them here,
                # but a Word or LibreOffice opening the charter should not meet them either
                return {}, [Problem(where, f"{info.filename}: a DOCTYPE is not allowed", "unsafe")]
            if wanted.match(info.filename):
                parts[info.filename] = data
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
        # a member larger than declared ends at its declared size with a wrong CRC
        return {}, [Problem(where, f"damaged zip (a zip bomb?): {exc}", "file")]
    return dict(sorted(parts.items())), []


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, chunk: int = 1 << 16) -> bytes:
    """A member's bytes, inflated a chunk at a time (``ZipFile.read`` may inflate up to 2 GB in
    one call before cutting at the declared size): memory stays bounded by the declared sizes,
    and a member that inflates to more than it declares fails its CRC at that size."""
    out = bytearray()
    with zf.open(info) as member:
        while block := member.read(chunk):
            out += block
            if len(out) > info.file_size:  # zipfile stops there; kept if that ever changes
                raise zipfile.BadZipFile(f"{info.filename} is larger than declared")
    return bytes(out)


def check_docx_bytes(data: bytes, where: str, lang: str | None, *, render: bool = True):
    """Every problem of a Word layout given as bytes (an upload, or a file under templates/docx)."""
    from lxml import etree

    parts, problems = read_docx(data, where)
    yield from problems
    if problems:
        return
    roots = {}
    for name, blob in parts.items():
        try:
            roots[name] = _parse_xml(blob)
        except etree.XMLSyntaxError as exc:
            yield Problem(f"{where}: {name}", f"damaged XML: {exc}", "file")
            return
    paras: list[_Para] = []
    order = ["word/document.xml"] + sorted(n for n in roots if n != "word/document.xml")
    for name in order:
        if name == "word/styles.xml" or name not in roots:
            continue
        paras.extend(_paragraphs(name.removeprefix("word/"), roots[name]))
    # tags: split runs, block tags alone, unclosed tags; then syntax over the whole layout
    tags: list[tuple[_Para, str]] = []
    for para in paras:
        for tag, n in _split_runs(para):
            yield Problem(
                para.where(where),
                f"the tag {tag} is split over {n} Word runs (formatting, spelling marks or "
                "revisions changed inside it): select it, clear its formatting and type it again",
                "split-run",
            )
        rest = _TAG.sub("", para.text)
        for opener in ("{{", "{%", "{#"):
            if opener in rest:
                yield Problem(
                    para.where(where), f"a tag opened with {opener} is never closed", "syntax"
                )
        for closer in ("}}", "%}", "#}"):
            if closer in rest:
                yield Problem(para.where(where), f"{closer} closes no tag", "syntax")
        for _s, _e, tag in _tag_spans(para.text):
            if (
                _DOCX_BLOCK.match(tag)
                and tag[2:4].strip() in ("p", "tr", "tc")
                and (para.text.strip() != tag.strip())
            ):
                yield Problem(
                    para.where(where),
                    f"{tag} must be alone in its paragraph (the text around it would be lost)",
                    "block-tag",
                )
            tags.append((para, _normalise_tag(tag)))
    curly = [(para, tag) for para, tag in tags if _CURLY.search(tag)]
    for para, tag in curly:
        yield Problem(
            para.where(where),
            f"Word turned the straight quotes of {tag} into curly ones (“ ” ‘ ’): retype them "
            "as \" or ' with AutoCorrect's smart quotes turned off",
            "syntax",
        )
    if curly:
        return
    for para, tag in tags:
        file_tag = _FILE_TAG.search(tag)
        if file_tag:
            yield Problem(
                para.where(where),
                f"not allowed here: {{% {file_tag.group(1)} %}} (a layout cannot read other files)",
                "unsafe",
            )
            return
    source = "\n".join(tag.replace("\n", " ") for _p, tag in tags)

    def at(lineno: int) -> str:
        return tags[lineno - 1][0].where(where) if 0 < lineno <= len(tags) else where

    try:
        ast = _env().parse(source)
    except jinja2.TemplateSyntaxError as exc:
        yield Problem(at(exc.lineno), exc.message or str(exc), "syntax")
        return
    found = list(_template_problems(ast, at, unknown_in_layout))
    if not found:
        found = list(_docxtpl_problems(data, where))
    yield from found
    if lang == "ar":
        yield from _rtl_problems(roots, paras, where)
    if render and not found:
        yield from _render_docx_on_example(data, where, lang)


def _docxtpl_problems(data: bytes, where: str) -> Iterator[Problem]:
    """docxtpl's own reading of the layout (its tag patching, then THE environment): a cross-check
    of the paragraph-by-paragraph one, for what only the patched XML shows."""
    from docxtpl import DocxTemplate

    try:
        names = DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables(jinja_env=_env())
    except jinja2.TemplateSyntaxError as exc:
        yield Problem(where, f"as docxtpl reads it: {exc.message}", "syntax")
        return
    for name in sorted(names - {"charter"}):
        yield Problem(where, f"unknown variable '{name}' (as docxtpl reads the layout)", "variable")


def _rtl_problems(roots: dict, paras: list[_Para], where: str) -> Iterator[Problem]:
    styles = _Styles(roots.get("word/styles.xml"))
    by_style: dict[str | None, list[_Para]] = {}
    for para in paras:
        if para.bidi is False:
            yield Problem(
                para.where(where),
                'right-to-left is turned off on this paragraph (w:bidi w:val="0"): '
                "set the paragraph's direction to right-to-left",
                "rtl",
            )
        elif para.bidi is None:
            by_style.setdefault(para.style, []).append(para)
    for sid, group in by_style.items():
        name = styles.name(sid)
        example = group[0].where(where).split(": ", 1)[-1]
        if not styles.bidi(sid):
            yield Problem(
                f"{where}: style '{name}'",
                f"is left-to-right (no w:bidi) yet used by {len(group)} paragraph(s), e.g. "
                f"{example}: set the style's paragraph direction to right-to-left",
                "rtl",
            )
        if not styles.cs_font(sid):
            yield Problem(
                f"{where}: style '{name}'",
                "has no complex-script font (w:rFonts w:cs): Arabic would fall back to "
                "another font; choose Amiri for 'Complex scripts'",
                "rtl",
            )
        if not styles.cs_lang(sid):
            yield Problem(
                f"{where}: style '{name}'",
                "has no complex-script language (w:lang w:bidi): set the language of "
                "complex scripts to Arabic (Morocco)",
                "rtl",
            )
    body = roots["word/document.xml"].find(f"{_W}body")
    sect = body.find(f"{_W}sectPr") if body is not None else None
    if sect is not None and sect.find(f"{_W}bidi") is None:
        yield Problem(
            f"{where}: section",
            "the page section is left-to-right (no w:bidi): set the section's direction to "
            "right-to-left, so columns and page numbers run from the right",
            "rtl",
        )


def _render_docx_on_example(data: bytes, where: str, lang: str | None) -> Iterator[Problem]:
    """Render the first example with this layout: a layout that cannot render is not accepted."""
    import tempfile

    from charter.errors import TemplateError
    from charter.model import build_charter
    from charter.render.docx import render_docx

    name, answers = example_answers()[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "layout.docx"
        path.write_bytes(data)
        try:
            render_docx(build_charter(answers, lang or "fr"), path)
        except TemplateError as exc:
            kind = "unsafe" if "not allowed" in str(exc) else "render"
            yield Problem(where, f"on {name}: {str(exc).replace('layout.docx: ', '')}", kind)
            return
        except CharterError as exc:
            yield Problem(where, f"on {name}: {exc}", "render")
            return


def check_docx(path: Path, lang: str | None = None, *, render: bool = True) -> Iterator[Problem]:
    where = display(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(where, f"cannot be read: {exc}", "file")
        return
    yield from check_docx_bytes(data, where, lang or lang_of(path), render=render)


# --- everything ---------------------------------------------------------------------------------


def iter_problems(path: Path | str | None = None, *, render: bool = True) -> Iterator[Problem]:
    """Every problem under ``path``: the templates folder (default ``templates/``), a clause
    folder, one clause file (``.yaml``), one Word layout (``.docx``) or one HTML layout (``.j2``).
    ``render=False`` skips the test renders on the examples (static checks only)."""
    path = Path(path) if path is not None else TEMPLATES
    if not path.exists():
        yield Problem(display(path), "no such file or folder", "file")
        return
    if path.is_file():
        yield from _check_file(path, render=render)
        return
    if (path / "clauses").is_dir() or (path / "docx").is_dir() or (path / "html").is_dir():
        if (path / "clauses").is_dir():
            yield from check_library(path / "clauses")
            if render:
                yield from check_levels(path / "clauses")
        for docx in sorted((path / "docx").glob("*.docx")):
            yield from check_docx(docx, render=render)
        for html in sorted((path / "html").glob("*.j2")):
            yield from check_html(html)
            if render:
                yield from _render_html_on_examples(html)
        return
    if any(path.glob("*.yaml")):
        yield from check_library(path)
        return
    found = False
    for file in sorted(p for p in path.iterdir() if p.suffix in (".docx", ".j2")):
        found = True
        yield from _check_file(file, render=render)
    if not found:
        yield Problem(display(path), "no clause files, Word or HTML layouts here", "file")


def _check_file(path: Path, *, render: bool) -> Iterable[Problem]:
    if path.suffix == ".yaml":
        return check_clause_file(path)
    if path.suffix == ".docx":
        return check_docx(path, render=render)
    if path.suffix == ".j2" or path.name.endswith(".html"):
        problems = list(check_html(path))
        if render and not problems:
            problems += list(_render_html_on_examples(path))
        return problems
    return [Problem(display(path), "not a template (.yaml, .docx or .html.j2)", "file")]


# --- the variables reference of docs/templates.md -------------------------------------------------

_KINDS = {
    "integer": "number",
    "number": "number",
    "boolean": "yes/no",
    "string": "text",
}


def _kind(node: dict, root: dict) -> str:
    node = resolve(node, root)
    props = node.get("properties") or {}
    if node.get("type") == "object" and set(props) == {"ar", "fr"}:
        return "text in the charter's language"
    if "enum" in node:
        return 'code (prints as its title; compare with `== "code"`)'
    if node.get("format") == "date":
        return "date (prints in words; compares as ISO text)"
    if node.get("type") == "array":
        item = resolve(node.get("items") or {}, root)
        return (
            f"list of {_kind(item, root).split(' (')[0]}s"
            if "properties" not in item or set(item.get("properties") or {}) == {"ar", "fr"}
            else "list of items (fields below)"
        )
    if node.get("type") == "object":
        return "group"
    return _KINDS.get(str(node.get("type")), str(node.get("type") or "value"))


def _rows(node: dict, path: str, root: dict) -> Iterator[tuple[str, str, str]]:
    node = resolve(node, root)
    title = (node.get("x-title") or {}).get("en", "")
    kind = _kind(node, root)
    if node.get("x-bounded-by"):
        kind += f"; the commune's commitment, bounded by `derived.{node['x-bounded-by']}`"
    yield f"`{path}`", title.replace("|", "\\|"), kind
    props = node.get("properties") or {}
    if node.get("type") == "object" and props and set(props) != {"ar", "fr"}:
        for key, sub in props.items():
            yield from _rows(sub, f"{path}.{key}", root)
    if node.get("type") == "array":
        item = resolve(node.get("items") or {}, root)
        props = item.get("properties") or {}
        if props and set(props) != {"ar", "fr"}:
            for key, sub in props.items():
                yield from _rows(sub, f"{path}[].{key}", root)


def variables_reference() -> str:
    """The variables a clause and a layout may use, as Markdown: generated from the answers
    schema, ``derive`` and the charter model, pasted into docs/templates.md and kept true by
    tests/test_templates_doc.py."""
    from charter.derive import derive

    root = answers_schema()
    cat = catalogue()
    out = [
        "Top-level names of a clause: "
        + ", ".join(f"`{n}`" for n in sorted(context_names()))
        + ".",
        "",
        "| name | what it is |",
        "| --- | --- |",
        "| `lang` | the charter's language, `ar` or `fr` |",
        '| `number("LO113-14-123", "population_threshold")` | a number the law fixes, read '
        "from the catalogue of provisions |",
        "| `cite(\"LO113-14-125\")` | a provision's short citation in the charter's language: "
        "`LO 113-14, art. 125` / `القانون التنظيمي 113.14، المادة 125` |",
        "| `derived.…` | a value the law fixes for these answers (table below) |",
        "| every section of the answers | the answers, by section (tables below) |",
        "",
        "### `derived`: values the law fixes",
        "",
        "| variable | provisions |",
        "| --- | --- |",
    ]
    provisions: dict[str, tuple[str, ...]] = {}
    for _name, answers in example_answers():
        for name, d in derive(answers).items():
            provisions.setdefault(name, d.provisions)
    for name in sorted(derived_names()):
        cites = "; ".join(cat.cite(p, "fr") for p in provisions.get(name, ()) if p in cat)
        out.append(f"| `derived.{name}` | {cites or '—'} |")
    for key, node in root.get("properties", {}).items():
        if key == "schema_version":
            continue
        title = (resolve(node, root).get("x-title") or {}).get("en", key)
        out += ["", f"### `{key}`: {title}", "", "| variable | question | kind |"]
        out.append("| --- | --- | --- |")
        out += [f"| {a} | {b} | {c} |" for a, b, c in list(_rows(node, key, root))[1:]]
    out += [
        "",
        "### Layouts: `charter`",
        "",
        "Word and HTML layouts receive one name, `charter` (the model of `charter/model.py`): "
        + ", ".join(f"`charter.{n}`" for n in sorted(_charter_attributes()))
        + ".",
        "",
        "`charter.labels.…`: " + ", ".join(f"`{k}`" for k in sorted(_label_keys())) + ".",
    ]
    return "\n".join(out) + "\n"
