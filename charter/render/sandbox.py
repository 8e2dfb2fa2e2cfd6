"""The sandbox every template runs in: Jinja's ``SandboxedEnvironment``, tightened so that a
template (a clause an advisor typed, an uploaded Word layout) can only print escaped text.

- No way around autoescape: the ``safe`` filter, ``{% autoescape false %}`` and every filter or
  global that makes markup (``xmlattr``, ``urlize``, ``tojson``, ``lipsum``) or prints Python
  objects (``pprint``) is gone; a template naming one is refused when it is compiled
  (``TemplateSyntaxError``), whoever compiles it (clauses, HTML layouts, docxtpl); the doctor
  lists them first (``refusal``), with their place.
- Only data is printed: ``{{ x }}`` and ``'%s'|format(x)`` accept text, numbers, dates and
  already-escaped Markup, never a function, a list or an object (no ``<function number at …>``).
  ``'{}'.format(…)`` too; ``translate`` (it remaps characters) is refused.
- Bounded: ``range`` gives at most ``MAX_RANGE`` items, ``*`` and ``**`` at most ``MAX_ITEMS``
  long results, a width or precision in a format (``'%0100000000d'``, ``'{:>100000000}'``) and
  the width of ``center`` and ``indent`` at most ``MAX_WIDTH`` (they built 100 MB strings
  before the output's limit could see them), a render at most ``MAX_OUTPUT`` characters; a
  recursion too deep is a ``SecurityError``, not a ``RecursionError`` escaping the renderer.
  ``deadline(seconds)`` bounds a render in time (the doctor's test render of an advisor's
  clause).
"""

from __future__ import annotations

import datetime as dt
import re
import string
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

MAX_RANGE = 1_000
MAX_ITEMS = 10_000
MAX_OUTPUT = 2_000_000
MAX_WIDTH = 1_000
TEST_RENDER_SECONDS = 2.0

# filters and globals that make markup or print Python objects: not in the environment at all
REMOVED_FILTERS = frozenset({"safe", "xmlattr", "urlize", "tojson", "pprint"})
REMOVED_GLOBALS = frozenset({"lipsum"})
# str/Markup methods a template may not call (they format objects, or remap characters)
REFUSED_METHODS = frozenset({"translate", "maketrans"})
FORMATTING = frozenset({"format", "format_map"})  # allowed on text and numbers only
PRINTABLE = (Markup, str, int, float, dt.date, type(None))


def refusal(node: nodes.Node) -> str | None:
    """Why a template node is refused by the sandbox itself (the doctor says it too), or None."""
    if isinstance(node, nodes.Filter | nodes.Test) and node.name in REMOVED_FILTERS:
        return f"not allowed: the '{node.name}' filter (a template prints escaped text only)"
    if isinstance(node, nodes.EvalContextModifier | nodes.ScopedEvalContextModifier):
        return "not allowed: {% autoescape %} (a template prints escaped text only)"
    if isinstance(node, nodes.Name) and node.name in REMOVED_GLOBALS | {"Markup"}:
        return f"not allowed: '{node.name}' makes markup (a template prints escaped text only)"
    if isinstance(node, nodes.Getattr) and node.attr in REFUSED_METHODS:
        return f"not allowed: the '{node.attr}' method (it remaps characters)"
    return None


def printable(value: Any) -> Any:
    """``finalize`` guard: what ``{{ … }}`` may print (an undefined value goes on, and
    ``StrictUndefined`` says which name is missing)."""
    if isinstance(value, (*PRINTABLE, jinja2.Undefined)):
        return value
    raise SecurityError(
        f"a template prints text, numbers and dates only, not a {type(value).__name__}"
    )


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\d*)(?:\.(\d*))?")
_BRACE_SPEC = re.compile(r"(\d+)")


def _bounded_widths(widths: Iterator[str]) -> None:
    for width in widths:
        if width and int(width) > MAX_WIDTH:
            raise SecurityError(f"a width or precision over {MAX_WIDTH} is not allowed")


def _brace_specs(text: str) -> Iterator[str]:
    try:
        for _literal, _field, spec, _conv in string.Formatter().parse(text):
            yield from _BRACE_SPEC.findall(spec or "")
    except ValueError:
        return  # a malformed format fails on its own when it runs


def bounded_width(name: str, filter_: Any) -> Any:
    """``center``/``indent`` with a width of at most ``MAX_WIDTH``."""

    def bounded(value: Any, width: Any = 80, *args: Any, **kwargs: Any) -> Any:
        if isinstance(width, int) and width > MAX_WIDTH:
            raise SecurityError(f"{name}: a width over {MAX_WIDTH} is not allowed")
        return filter_(value, width, *args, **kwargs)

    return bounded


def safe_format(value: Any, *args: Any, **kwargs: Any) -> str:
    """``'%s'|format(x)``: text and numbers only; the result is escaped like any text."""
    if isinstance(value, str):
        _bounded_widths(w for spec in _PERCENT_SPEC.findall(value) for w in spec)
    if args and kwargs:
        raise jinja2.FilterArgumentError("format takes positional or keyword arguments")
    for arg in (value, *args, *kwargs.values()):
        if not isinstance(arg, PRINTABLE):
            raise SecurityError(f"|format prints text and numbers only, not a {type(arg).__name__}")
    try:
        return str(value) % (kwargs or args)
    except (TypeError, ValueError, KeyError) as exc:
        raise jinja2.TemplateRuntimeError(f"|format: {exc}") from exc


def bounded_range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise SecurityError(f"range() gives at most {MAX_RANGE} items, not {len(rng)}")
    _tick()
    return rng


class BoundedTemplate(jinja2.Template):
    """A template whose output is capped (``MAX_OUTPUT``) and whose recursion is an error."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        ctx = self.new_context(dict(*args, **kwargs))
        try:
            out: list[str] = []
            size = 0
            for chunk in self.root_render_func(ctx):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise SecurityError(f"the output is longer than {MAX_OUTPUT} characters")
                out.append(chunk)
            return self.environment.concat(out)  # type: ignore[attr-defined]
        except RecursionError:
            raise SecurityError("recursion too deep (a macro that calls itself?)") from None
        except Exception:
            self.environment.handle_exception()
        raise AssertionError("unreachable")  # handle_exception always raises


class CharterSandbox(SandboxedEnvironment):
    """``SandboxedEnvironment`` without markup, with bounded loops and output."""

    template_class = BoundedTemplate
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        finalize = options.pop("finalize", None)
        if finalize is None:
            options["finalize"] = printable
        elif getattr(finalize, "jinja_pass_arg", None) is not None:
            inner = finalize

            @jinja2.pass_context
            def guarded(context, value):
                return inner(context, printable(value))

            options["finalize"] = guarded
        else:
            options["finalize"] = lambda value: finalize(printable(value))
        super().__init__(**options)
        for name in REMOVED_FILTERS:
            self.filters.pop(name, None)
        for name in REMOVED_GLOBALS:
            self.globals.pop(name, None)
        self.filters["format"] = safe_format
        for name in ("center", "indent"):
            self.filters[name] = bounded_width(name, self.filters[name])
        self.globals["range"] = bounded_range

    def _generate(self, source: nodes.Template, name: Any, filename: Any, *args: Any, **kw: Any):
        """Every compiled template (``from_string``, ``get_template``, docxtpl's, a condition)
        passes here: a refused construct never becomes code. (``parse`` alone does not refuse,
        so the doctor can list every refused construct with its place.)"""
        for node in source.find_all(nodes.Node):
            reason = refusal(node)
            if reason:
                raise jinja2.TemplateSyntaxError(reason, node.lineno or 1, name, filename)
        return super()._generate(source, name, filename, *args, **kw)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > 64:
                raise SecurityError("** with an exponent over 64 is not allowed")
            return left**right
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(n, int)
                    and len(seq) * n > MAX_ITEMS
                ):
                    raise SecurityError(f"a repeated text or list is limited to {MAX_ITEMS}")
        return super().call_binop(context, operator, left, right)

    def is_safe_callable(self, obj: Any) -> bool:
        if getattr(obj, "__name__", None) in REFUSED_METHODS and isinstance(
            getattr(obj, "__self__", None), str
        ):
            return False
        return super().is_safe_callable(obj)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _tick()
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        if getattr(method, "__name__", None) in FORMATTING and isinstance(
            getattr(method, "__self__", None), str
        ):
            # Jinja passes its own ``_loop_vars`` / ``_block_vars`` to every call: not values
            values = [*args, *(v for k, v in kwargs.items() if k not in _JINJA_KWARGS)]
            _bounded_widths(_brace_specs(method.__self__))
            if method.__name__ == "format_map" and args and isinstance(args[0], dict):
                values = list(args[0].values())
            for value in values:
                if not isinstance(value, PRINTABLE):
                    raise SecurityError(
                        f"format prints text and numbers only, not a {type(value).__name__}"
                    )
        return super().call(__context, __obj, *args, **kwargs)


_JINJA_KWARGS = ("_loop_vars", "_block_vars")


# --- a time limit for one render ---------------------------------------------------------

_local = threading.local()  # each Streamlit session renders in a thread of its own


def _tick() -> None:
    limits = getattr(_local, "deadlines", None)
    if limits and time.monotonic() > limits[-1][0]:
        raise SecurityError(f"the template took longer than {limits[-1][1]:g} s")


@contextmanager
def deadline(seconds: float = TEST_RENDER_SECONDS) -> Iterator[None]:
    """Bound the renders inside the block in time: every line a template runs checks the clock
    (a trace hook on template code only), so even a loop that calls nothing stops."""
    limits = _local.__dict__.setdefault("deadlines", [])
    limits.append((time.monotonic() + seconds, seconds))
    previous = sys.gettrace()

    def on_line(frame, event, arg):
        if event == "line":
            _tick()
        return on_line

    def on_call(frame, event, arg):
        if frame.f_code.co_filename == "<template>":
            return on_line
        return None

    sys.settrace(on_call)
    try:
        yield
    finally:
        sys.settrace(previous)
        limits.pop()
