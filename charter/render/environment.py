"""THE Jinja environment: every template (clauses, HTML layout, Word layouts) runs in it.

Sandboxed (a template cannot reach Python internals: ``SecurityError``), ``StrictUndefined`` (a
misspelt variable is an error, not an empty string) and autoescape on (a value holding ``& < >``
comes out as text, valid in HTML and in OOXML alike). Values are never evaluated as templates.
Every interpolated plain value (``{{ commune.name }}``, a number, a date) is wrapped in bidi
isolates by ``finalize``, so a Latin name or a date keeps its order inside Arabic text; Markup (text
the model already rendered and escaped) passes through untouched. The isolates mark inserted values
in the model; HTML keeps them, the DOCX adapter turns them into runs of their own direction
(``charter.render.ooxml.isolates_to_runs``).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from charter.render.grammar import agree, count, format_number, ordinal, prefix, sentence
from charter.render.sandbox import CharterSandbox

FSI, PDI = "\u2068", "\u2069"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

# C0 controls except TAB and LF, DEL, the C1 block, lone surrogates (JSON allows "\ud800") and
# the non-characters U+FFFE/U+FFFF: not allowed in XML 1.0, or not encodable, or invisible.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Drop the control characters that would break a DOCX (pasted from Word, e.g. \\x0b)."""
    return _CONTROL.sub("", value)


def bidi(value: object) -> Markup:
    """Wrap a value in First Strong Isolate … Pop Directional Isolate (U+2068 … U+2069).

    A Latin name, a date or a number inside Arabic text (or the reverse) then keeps its own order.
    The value is escaped here, once; the result is Markup so it is not escaped again.
    """
    if value is None or value == "":
        return Markup("")
    text = escape(value)
    if "\n" in text:  # a multi-line answer: isolate each line, paragraphs stay balanced
        return Markup("\n").join(bidi(line) for line in text.split("\n"))
    return Markup(FSI) + text + Markup(PDI)


def join_list(values, lang: str = "fr") -> Markup:
    """Join values as prose: "a, b et c" / "a، b و c"; each value escaped and isolated."""
    items = [bidi(v) for v in values if v not in (None, "")]
    if not items:
        return Markup("")
    if len(items) == 1:
        return items[0]
    sep, last = (Markup("، "), Markup(" و")) if lang == "ar" else (Markup(", "), Markup(" et "))
    return sep.join(items[:-1]) + last + items[-1]


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


@jinja2.pass_context
def isolate(context, value: object) -> object:
    """``finalize`` hook: every interpolated plain value is isolated; Markup passes as it is.

    Numbers print in the charter's language (``grammar.format_number``: «96 300», «4,2» in French).

    Identifiers (``rtl``, ``ar``, ``ieecag.creation``: a lone Latin word needs no isolate) are left
    bare, so layouts may put them in attributes, and so is bare punctuation (``": "``), which an
    isolate would lay out left to right; ``None`` prints nothing.
    """
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return bidi(format_number(value, context.get("lang") or ""))
    if isinstance(value, str) and (
        _IDENTIFIER.fullmatch(value) or not any(c.isalnum() for c in value)
    ):
        return value  # an isolate around bare punctuation (": ") would turn it left-to-right
    return bidi(value)


MONTHS = {
    "ar": "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر".split(),
    "fr": (
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    ).split(),
}


def month(number: object, lang: str = "fr") -> str:
    """A month's name from its number: 12 → "دجنبر" / "décembre" (Moroccan month names)."""
    try:
        return MONTHS[lang][int(number) - 1]
    except (ValueError, TypeError, IndexError, KeyError):
        return str(number)


_ELIDES = "aeiouyàâäéèêëîïôöùûüœAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ"


def de(value: object) -> Markup:
    """French "de" before a name, elided before a vowel: "d'Oued Zitoun", "de Tiznit"."""
    text = str(value.__html__() if hasattr(value, "__html__") else value)
    return Markup("d’" if text[:1] in _ELIDES else "de ") + bidi(value)


def several(value) -> bool:
    """Jinja test: does a reference name several articles ("58-71", "72, 73")?"""
    return bool(re.search(r"[-,/]", str(value)))


@jinja2.pass_context
def _count(context, n, noun: str, definite: bool = False) -> Markup:
    """``{{ n|count("month") }}``: «شهرين» / «2 mois» (see ``charter.render.grammar``)."""
    return count(n, noun, context.get("lang") or "fr", definite=definite)


@jinja2.pass_context
def _number(context, value) -> Markup:
    """``{{ x|number }}``: a number in the charter's language, isolated («96 300», «4,2»)."""
    return bidi(format_number(value, context.get("lang") or ""))


@jinja2.pass_context
def _ordinal(context, n) -> Markup:
    """``السنة {{ n|ordinal }}``: «السنة الثالثة» / «3e» (see ``charter.render.grammar``)."""
    return ordinal(n, context.get("lang") or "fr")


@jinja2.pass_context
def _agree(context, feminine, masculine) -> Markup:
    """``{{ "تلتزم"|agree("يلتزم") }}``: the form agreeing with the collectivity's gender
    (``term.gender``: الإقليم is masculine, الجماعة، الجهة، العمالة feminine)."""
    term = context.get("term") or {}
    return agree(feminine, masculine, term.get("gender") or "f")


@cache
def environment() -> CharterSandbox:
    """Return the one environment (built once; templates are cached by Jinja): the tightened
    sandbox of ``charter.render.sandbox`` (no markup, bounded loops, output and time)."""
    env = CharterSandbox(
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=isolate,
        loader=jinja2.FileSystemLoader(TEMPLATES / "html"),
    )
    env.filters["bidi"] = bidi
    env.tests["several"] = several
    env.filters["join_list"] = join_list
    env.filters["de"] = de
    env.filters["month"] = month
    env.filters["count"] = _count
    env.filters["prefix"] = prefix
    env.filters["sentence"] = sentence
    env.filters["number"] = _number
    env.filters["agree"] = _agree
    env.filters["ordinal"] = _ordinal
    return env
