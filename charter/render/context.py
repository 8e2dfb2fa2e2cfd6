"""Answers → template context: the one conversion boundary of rendering.

- Every property of the schema is present (an absent optional answer is ``None``), so templates
  write ``{% if ieecag.term %}`` and ``StrictUndefined`` catches only real typos.
- ``{"ar": …, "fr": …}`` texts and names become the string of the charter's language.
- Enum values stay comparable to their code (``mechanism.type == "open_sessions"``) but print as
  their title in the charter's language (``x-enum-titles``).
- Dates stay ISO for comparison but print as "6 ماي 2025" / "6 mai 2025" (never ISO in Arabic).
- Strings lose the control characters that would break a DOCX (C0 except TAB and LF).
- The law's numbers come from the catalogue of provisions and from ``derive``: ``number(id, name)``
  and ``derived.*``; clause text never states them as literals. ``cite(id)`` prints a provision's
  short citation in the charter's language ("LO 113-14, art. 125" / "القانون التنظيمي 113.14،
  المادة 125").
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from markupsafe import escape

from charter.derive import derive
from charter.legal import catalogue, for_level
from charter.legal import number as _number
from charter.render.environment import _ELIDES, MONTHS, bidi, clean_text
from charter.render.grammar import collectivity_kind, reword, vocabulary
from charter.schema import resolve
from charter.schema import schema as answers_schema


class Printed(str):
    """An enum code or an ISO date: compares as the stored text, prints as its words (the enum's
    title, the date in the charter's language)."""

    words: str = ""

    def __new__(cls, stored: str, words: str):
        obj = super().__new__(cls, stored)
        obj.words = words
        return obj

    def __html__(self) -> str:
        return str(escape(self.words))


def format_date(iso: str, lang: str) -> str:
    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    day = "1er" if lang == "fr" and d.day == 1 else str(d.day)
    return f"{day} {MONTHS[lang][d.month - 1]} {d.year}"


def number(provision: str, name: str) -> int | float:
    """A number the law fixes, from the catalogue: ``number("LO113-14-125", "…months")``."""
    return _number(provision, name)


def _is_i18n(node: dict) -> bool:
    props = node.get("properties") or {}
    return node.get("type") == "object" and set(props) == {"ar", "fr"}


def fill(node: dict, value, lang: str, root: dict, collectivity: str = "commune"):
    """The answer ``value`` shaped by schema ``node`` for templates (see module docstring).

    ``collectivity`` is a key of ``grammar.COLLECTIVITIES``: an enum's title written for a
    commune («الموقع الإلكتروني للجماعة») prints in its words («… للجهة») (``grammar.reword``)."""
    node = resolve(node, root)
    if _is_i18n(node):
        if isinstance(value, dict):
            value = value.get(lang)
        return None if value is None else clean_text(unicodedata.normalize("NFC", str(value)))
    kind = node.get("type")
    if kind == "object" and "properties" in node:
        value = value if isinstance(value, dict) else None
        if value is None:
            return None
        return {
            key: fill(sub, value.get(key), lang, root, collectivity)
            for key, sub in node["properties"].items()
        }
    if kind == "array":
        if value is None:
            return None
        return [fill(node.get("items", {}), item, lang, root, collectivity) for item in value]
    if value is None:
        return None
    if "enum" in node and isinstance(value, str):
        titles = node.get("x-enum-titles", {}).get(value, {})
        return Printed(value, reword(titles.get(lang, value), collectivity, lang))
    if node.get("format") == "date" and isinstance(value, str):
        return Printed(value, format_date(value, lang))
    if isinstance(value, str):
        return clean_text(unicodedata.normalize("NFC", value))
    return value


def derived(answers: dict) -> dict:
    """Values the law fixes for these answers (``charter.derive``), by name."""
    values = {name: d.value for name, d in derive(answers).items()}
    values.setdefault("signature_threshold", None)
    values.setdefault("pac_end_year", None)
    for name in (  # the other levels' values, absent where the law does not fix them
        "province_minimums",
        "association_min_members",
        "pdr_end_year",
        "pdr_decision_deadline",
        "pdr_adoption_deadline",
        "pdp_adoption_deadline",
        "decisions_posting_days",
    ):
        values.setdefault(name, None)
    return values


def clause_context(answers: dict, lang: str) -> dict:
    """Everything a clause may use: the answers by section, ``lang``, ``derived``, ``number``."""
    root = answers_schema()
    level = str(answers.get("level") or "commune")
    kind = collectivity_kind(level, (answers.get("province") or {}).get("kind"))
    ctx = {
        key: fill(node, answers.get(key), lang, root, kind)
        for key, node in root.get("properties", {}).items()
        if key != "schema_version"
    }
    ctx["lang"] = lang
    ctx["level"] = level
    ctx["ct"] = ctx.get(ctx["level"])  # the collectivity: the level's identification section
    ctx["derived"] = {
        name: Printed(v.isoformat(), format_date(v.isoformat(), lang))
        if isinstance(v, dt.date)
        else v
        for name, v in derived(answers).items()
    }
    ctx["number"] = number
    ctx["cite"] = lambda provision: cite_for_level(provision, ctx["level"], lang)
    ctx["term"] = terms(answers, ctx["level"], lang)
    return ctx


def terms(answers: dict, level: str, lang: str) -> dict:
    """The collectivity's words (``grammar.COLLECTIVITIES``: «الجهة», «مجلس الإقليم», «la
    préfecture»…) and its organic law from the catalogue (``law``: «القانون التنظيمي 111.14»,
    ``law_title``: the law's full title): ``{{ term.ct }}``, ``{{ term.council }}``."""
    words = vocabulary(collectivity_kind(level, (answers.get("province") or {}).get("kind")), lang)
    cat = catalogue()
    laws = cat.counterparts.get("laws", {}).get(level) or ["113-14", "2.16.301", "2.16.403"]
    law, petition_decree = cat.laws[laws[0]], cat.laws[laws[-1]]
    words["law"] = escape(law["short"][lang])
    words["law_title"] = escape(law["title"][lang])
    words["petition_decree"] = escape(petition_decree["short"][lang])
    return words


def cite_for_level(provision: str, level: str, lang: str) -> str:
    """A citation in a ``level``'s charter: the commune's provision, or its counterpart in the
    level's own law (``charter.legal.for_level``); the level's organic law alone where the
    counterpart article is not in the catalogue (never a commune article in a region's text)."""
    cat = catalogue()
    mapped = for_level((provision,), level)
    if mapped:
        return "; ".join(cat.cite(p, lang) for p in mapped)
    law = cat.counterparts.get("laws", {}).get(level, ["113-14"])[0]
    return cat.laws[law]["short"][lang]


def _name(value) -> str:
    return str(value) if value else ""


def _de(name: str, lang: str) -> str:
    """French "de "/"d'" before ``name`` (see ``environment.de``); nothing in Arabic."""
    if lang != "fr":
        return ""
    return "d’" if name[:1] in _ELIDES else "de "


def _letterhead(ctx: dict, lib, lang: str) -> tuple[list[str], str]:
    """The letterhead's lines down to the collectivity, and the collectivity's name."""
    level = ctx.get("level") or "commune"
    ct = ctx.get(level) or {}
    name = _name(ct.get("name"))
    lines = [lib.label("kingdom", lang), lib.label("ministry", lang)]
    if level == "region":
        return [*lines, lib.label("region", lang).format(name=name)], name
    province = ct if level == "province" else ct.get("province") or {}
    kind = lib.label(f"province_kind_{province.get('kind') or 'province'}", lang)
    province_name = _name(province.get("name"))
    lines += [
        lib.label("region", lang).format(name=_name(ct.get("region"))),
        lib.label("province", lang).format(
            kind=kind, name=province_name, de=_de(province_name, lang)
        ),
    ]
    if level == "commune":
        lines.append(lib.label("commune", lang).format(name=name, de=_de(name, lang)))
    return lines, name


def document_head(ctx: dict, lib, lang: str) -> dict:
    """Letterhead, title, running header, signature block: the words around the articles."""
    letterhead, name = _letterhead(ctx, lib, lang)
    level = ctx.get("level") or "commune"
    suffix = "" if level == "commune" else f"_{level}"
    if level == "province":
        kind = (ctx.get("province") or {}).get("kind") or "province"
        kind = lib.label(f"province_kind_{kind}", lang)
        name = f"{kind} {_de(name, lang)}{name}" if lang == "fr" else f"{kind} {name}"
    # inside a French sentence the kind is a common noun: «de la province d'Azilal»
    within = name[:1].lower() + name[1:] if level == "province" and lang == "fr" else name
    adoption = ctx.get("adoption") or {}
    subtitle = []
    if adoption.get("version"):
        subtitle.append(lib.label("version", lang).format(n=adoption["version"]))
    final = ctx.get("final_provisions") or {}
    signatories = [
        {"function": escape(s["function"]), "name": escape(s["name"])}
        for s in final.get("signatories") or []
        if s
    ]
    place = lib.label("done_at" + suffix, lang).format(name=within, de=_de(name, lang))
    date = adoption.get("deliberation_date")
    done_at = escape(place) + (escape(lib.label("done_on", lang)) + escape(date) if date else "")
    return {
        "title": escape(lib.label("title" + suffix, lang).format(name=within, de=_de(name, lang))),
        # the name isolated (FSI…PDI): whatever direction marks it holds stay inside it
        "running_header": escape(lib.label("running_header" + suffix, lang)).format(
            name=bidi(name), de=_de(name, lang)
        ),
        "letterhead": [escape(line) for line in letterhead],
        "subtitle": [escape(line) for line in subtitle],
        "signatories": signatories,
        "done_at": done_at,
    }
