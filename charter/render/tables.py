"""Tables and annexes of the charter model, built from the answers and the catalogue.

Column headings, obligations and checklists are wording: templates/clauses/_annexes.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from charter.blocks import Annex, Heading, ListBlock, Paragraph, Table
from charter.compliance import obligations, wording
from charter.errors import TemplateError
from charter.legal import catalogue, for_level, number
from charter.render.context import cite_for_level
from charter.render.environment import MONTHS, join_list
from charter.render.grammar import NBSP, format_number


def _cell(value, lang: str) -> Markup:
    if value is None or value == "":
        return Markup("—")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return escape(format_number(value, lang))
    return escape(value)


def _pct(part: int, whole: int, lang: str) -> Markup:
    """A share in percent: «48 %» in French (non-breaking space), «48%» in Arabic."""
    if not whole:
        return Markup("—")
    return escape(f"{round(100 * part / whole)}{NBSP if lang == 'fr' else ''}%")


def _table(lib, name: str, lang: str, rows, caption=None, compact=False, keep=False):
    header = tuple(escape(h) for h in lib.annexes["headers"][name][lang])
    rows = tuple(tuple(_cell(c, lang) if not isinstance(c, Markup) else c for c in r) for r in rows)
    cap = escape(caption) if caption else None
    return Table(header=header, rows=rows, caption=cap, compact=compact, keep=keep)


def _word(lib, key: str, lang: str) -> str:
    return lib.annexes["words"][key][lang]


def _composition_rows(members, lib, lang):
    rows, women, men = [], 0, 0
    for m in members or []:
        w, h = m.get("women") or 0, m.get("men") or 0
        women, men = women + w, men + h
        rows.append((m.get("category"), w, h, w + h, _pct(w, w + h, lang)))
    rows.append(
        (_word(lib, "total", lang), women, men, women + men, _pct(women, women + men, lang))
    )
    return rows


def drafting_process(ctx, lib, lang):
    rows = [
        (
            s["date"],
            s["format"],
            s["participants"],
            s["women"],
            _pct(s["women"], s["participants"], lang),
        )
        for s in ctx["adoption"]["drafting_process"] or []
    ]
    return [_table(lib, "drafting_process", lang, rows)]


def ieecag_composition(ctx, lib, lang):
    rows = _composition_rows(ctx["ieecag"]["composition"], lib, lang)
    return [_table(lib, "composition", lang, rows, keep=True)]


def monitoring_composition(ctx, lib, lang):
    monitoring = ctx.get("monitoring") or {}
    members = monitoring.get("composition")
    if not members or monitoring.get("body") == "ieecag":  # the IEECAG's is the RI's (ch. IEECAG)
        return []
    return [_table(lib, "composition", lang, _composition_rows(members, lib, lang), keep=True)]


def bodies_composition(ctx, lib, lang):
    return [
        _table(
            lib,
            "composition",
            lang,
            _composition_rows(b["composition"], lib, lang),
            b["name"],
            keep=True,
        )
        for b in ctx.get("consultative_bodies") or []
    ]


def mechanisms(ctx, lib, lang):
    rows = [
        (
            m["name"],
            m["participation_level"],
            join_list(m["public"] or [], lang),
            m["frequency"],
            join_list(m["channels"] or [], lang),
            m["feedback_days"],
            (m["publication"] or {}).get("within_days"),
        )
        for m in ctx["mechanisms"] or []
    ]
    return [_table(lib, "mechanisms", lang, rows, compact=True)]


def pac_cycle(ctx, lib, lang):
    rows = []
    for step in lib.annexes["pac_cycle"]:
        pid = step["provision"]
        n = number(pid, step["number"]) if step.get("number") else None
        deadline = step["deadline"][lang].format(n=n)
        rows.append((step["step"][lang], deadline, catalogue().cite(pid, lang)))
    return [_table(lib, "pac_cycle", lang, rows)]


def indicators(ctx, lib, lang):
    rows = [
        (i["code"], i["name"], i["unit"], i["baseline"], i["target"], i["frequency"], i["source"])
        for i in ctx["monitoring"]["indicators"] or []
    ]
    return [_table(lib, "indicators", lang, rows, compact=True)]


_SESSION_MONTHS = ("first_session_month", "second_session_month", "third_session_month")


def _session_months(level: str) -> list[int] | None:
    """The months of the council's ordinary sessions from the catalogue: LO 113-14 art. 33 for a
    commune, its counterpart for another level once the catalogue has it with its months."""
    cat = catalogue()
    for pid in for_level(("LO113-14-33",), level):
        numbers = cat[pid].numbers
        if all(key in numbers for key in _SESSION_MONTHS):
            return [numbers[key] for key in _SESSION_MONTHS]
    return None


def participation_calendar(ctx, lib, lang):
    """The year's participation steps, month by month, tied to the council's ordinary sessions
    (months from the catalogue: LO 113-14 art. 33). Where the catalogue has not the level's
    session months (111-14, 112-14: unconfirmed), the steps are tied to each ordinary session."""
    cal = lib.annexes["calendar"]
    level = ctx.get("level") or "commune"
    months = _session_months(level)
    per_session = [
        m["name"] for m in ctx.get("mechanisms") or [] if m.get("frequency") == "per_session"
    ]
    sep = "؛ " if lang == "ar" else "; "

    def cites(entry):
        # in a region's or a province's charter a commune article with no counterpart cites the
        # level's law alone: left out when one of its articles is cited beside it
        found = list(
            dict.fromkeys(str(cite_for_level(p, level, lang)) for p in entry["provisions"])
        )
        return sep.join(c for c in found if not any(o != c and o.startswith(c) for o in found))

    if months is None:
        words = _names(ctx, lib, lang)
        before, during = cal["before_each_session"], cal["each_session"]
        rows = [(before["when"][lang], before[lang].format(**words), cites(before))]
        if per_session:
            entry = cal["before_session_mechanisms"]
            names = str(join_list(per_session, lang))
            rows.append((before["when"][lang], entry[lang].format(names=names), cites(entry)))
        rows.append((during["when"][lang], during[lang], cites(during)))
        rows = [(w, Markup(escape(step)), c) for w, step, c in rows]
        return [_table(lib, "calendar_sessions", lang, rows, keep=True)]
    rows = []
    for m in months:
        before = 12 if m == 1 else m - 1
        name = MONTHS[lang][m - 1]
        entry = cal["before_session"]
        rows.append((before, entry[lang].format(month=name), cites(entry)))
        if per_session:
            entry = cal["before_session_mechanisms"]
            names = str(join_list(per_session, lang))
            rows.append((before, entry[lang].format(names=names), cites(entry)))
        rows.append((m, cal["session"][lang].format(month=name), cites(cal["session"])))
    report = (ctx.get("ieecag") or {}).get("annual_report") or {}
    if report.get("due_month"):
        entry = cal["ieecag_report"]
        rows.append((int(report["due_month"]), entry[lang], cites(entry)))
    rows.sort(key=lambda r: r[0])
    rows = [(MONTHS[lang][r[0] - 1], Markup(escape(r[1])), r[2]) for r in rows]
    return [_table(lib, "calendar", lang, rows)]


@dataclass
class Pending:
    """A block filled once every article is known (the references list)."""

    fill: Callable


def references(ctx, lib, lang):
    def fill(cited, articles, lang_=lang):
        cat = catalogue()
        order = list(cat.provisions)
        by_law: dict[str, list[str]] = {}
        for pid in sorted(cited, key=order.index):
            p = cat[pid]
            by_law.setdefault(p.law, []).append(cat.article(pid, lang_))
        items = []
        for law_id, law in cat.laws.items():
            if law_id not in by_law:
                continue
            arts = by_law[law_id]
            one = len(arts) == 1 and not re.search(r"[-,]", arts[0])
            key = "articles_word" if law_id == "CONST" else "articles_word_law"
            key = key.replace("articles", "article") if one else key
            sep = "، " if lang_ == "ar" else ", "
            text = (
                f"{law['title'][lang_]} ({law['reference']})"
                if lang_ == "fr"
                else law["title"][lang_]
                + (f" ({law['caveat'][lang_]})" if law.get("caveat") else "")
            )
            intro = _word(lib, "references_intro", lang_)
            items.append(
                escape(text)
                + escape(f"{sep}{intro} {_word(lib, key, lang_)} ")
                + escape(sep.join(arts))
            )
        items.append(escape(_word(lib, "hcp", lang_)))
        return [ListBlock(tuple(items))]

    return [Pending(fill)]


BUILDERS = {
    "drafting_process": drafting_process,
    "ieecag_composition": ieecag_composition,
    "bodies_composition": bodies_composition,
    "monitoring_composition": monitoring_composition,
    "participation_calendar": participation_calendar,
    "mechanisms": mechanisms,
    "pac_cycle": pac_cycle,
    "indicators": indicators,
    "references": references,
}


def build(name: str, ctx: dict, lib, lang: str) -> list:
    if name not in BUILDERS:
        raise TemplateError(f"unknown table {name!r}: expected one of {', '.join(BUILDERS)}")
    try:
        return BUILDERS[name](ctx, lib, lang)
    except (TypeError, KeyError, AttributeError) as exc:  # answers missing (drafts only)
        raise TemplateError(f"table {name}: incomplete answers ({exc})") from exc


# --- annexes -------------------------------------------------------------------------------------


# Annexes whose content is the commune's alone: none now. The compliance matrix is every level's,
# with its own obligations (``charter.compliance.wording``); the petition form and its checklist
# are the same under decrees 2.16.401, 2.16.402 and 2.16.403: every level has them, in its words.
COMMUNE_ONLY: tuple[str, ...] = ()


def annexes(ctx, lib, lang, articles, findings) -> list:
    makers = {
        "compliance_matrix": compliance_matrix,
        "petition_form": petition_form,
        "petition_checklist": petition_checklist,
        "code_of_conduct": code_of_conduct,
        "privacy_notice": privacy_notice,
        "indicator_sheets": indicator_sheets,
    }
    wanted = (ctx.get("output") or {}).get("annexes")
    if wanted is None:
        wanted = list(makers)
    out = []
    for key in makers:
        if key not in wanted:
            continue
        if key in COMMUNE_ONLY and (ctx.get("level") or "commune") != "commune":
            continue
        try:
            blocks = makers[key](ctx, lib, lang, articles, findings)
        except (TypeError, KeyError, AttributeError):  # a draft's incomplete answers
            blocks = []
        if blocks:
            n = len(out) + 1
            out.append(
                Annex(
                    id=f"annex.{key}",
                    label=lib.label("annex", lang).format(n=n),
                    title=lib.annexes["annexes"][key][lang].format(**_names(ctx, lib, lang)),
                    blocks=blocks,
                )
            )
    return out


def compliance_matrix(ctx, lib, lang, articles, findings):
    word = {"met": "met", "warning": "to_check", "missing": "not_met"}
    sep = "، " if lang == "ar" else ", "
    rows = [
        (o.obligation, o.citation, sep.join(o.articles) or None, _word(lib, word[o.status], lang))
        for o in obligations(
            wording(lib.annexes, ctx.get("level") or "commune"), lang, articles, findings
        )
    ]
    return [
        Paragraph(escape(lib.annexes["compliance_intro"][lang])),
        _table(lib, "compliance", lang, rows),
    ]


def petition_checklist(ctx, lib, lang, articles, findings):
    c = lib.annexes["petition_checklist"]
    names = _names(ctx, lib, lang)
    items = lambda key: ListBlock(  # noqa: E731
        tuple("☐ " + escape(t.format(**names)) for t in c[key][lang])
    )
    return [
        Paragraph(escape(c["intro"][lang].format(**names))),
        items("common"),
        Heading(escape(c["citizens_title"][lang])),
        items("citizens"),
        Heading(escape(c["associations_title"][lang])),
        items("associations"),
    ]


def _names(ctx, lib, lang):
    """What the petition form, its checklist and the privacy notice print of the collectivity:
    its name and the French "de "/"d'" before it (see ``environment.de``), its words
    (``ctx["term"]``: ``{ct}``, ``{indef}``, ``{council_president}``…), its petition decree and the
    article of its organic law on the petitioners' conditions (from the catalogue: 113-14 art. 123,
    111-14 art. 120, 112-14 art. 114), and the forms of ``agreement`` in ``_annexes.yaml`` that
    agree with its gender («تعالج» / «يعالج»). Plain text: the caller escapes."""
    name = str((ctx.get("ct") or {}).get("name") or "")
    de = "" if lang != "fr" else ("d’" if name[:1] in "AEIOUYÀÂÉÈÊÎÏÔÛaeiouy" else "de ")
    term = ctx.get("term") or {}
    values = {key: Markup(value).unescape() for key, value in term.items() if key != "gender"}
    level = ctx.get("level") or "commune"
    cat = catalogue()
    conditions = cat[(*for_level(("LO113-14-123",), level), "LO113-14-123")[0]]
    laws = cat.counterparts.get("laws", {}).get(level) or ["113-14", "2.16.301", "2.16.403"]
    law, decree = laws[0], laws[-1]
    dots = (lambda x: x) if lang == "ar" else (lambda x: x.replace(".", "-"))
    masculine = term.get("gender") == "m"
    agreeing = {f: (m if masculine else f) for f, m in (lib.annexes.get("agreement") or {}).items()}
    return {
        **values,
        **agreeing,
        "name": name,
        "de": de,
        "decree": dots(decree),
        "law": dots(law.replace("-", ".")),
        "conditions_article": conditions.article,
    }


def _blank(n: int = 1) -> tuple[Markup, ...]:
    return tuple(Markup("\u00a0") for _ in range(n))


def petition_form(ctx, lib, lang, articles, findings):
    """The petition form of decree 2.16.403 (arts 1-4 and annex), ready to print and fill in."""
    f = lib.annexes["petition_form"]
    names = _names(ctx, lib, lang)
    field = lambda labels: Table(  # noqa: E731
        header=tuple(escape(h) for h in f["field_header"][lang]),
        rows=tuple((escape(label.format(**names)), *_blank()) for label in labels),
        keep=True,
    )
    signatories = Table(
        header=tuple(escape(h.format(**names)) for h in f["signatories_header"][lang]),
        rows=tuple(
            (escape(str(i)), *_blank(len(f["signatories_header"][lang]) - 1))
            for i in range(1, int(f["signatory_rows"]) + 1)
        ),
    )
    return [
        Paragraph(escape(f["intro"][lang].format(**names))),
        Paragraph(escape(f["addressee"][lang].format(**names))),
        field(f["fields"][lang]),
        Heading(escape(f["citizens_title"][lang])),
        field(f["mandatary"][lang]),
        Paragraph(escape(f["signatories_title"][lang].format(**names))),
        signatories,
        Heading(escape(f["associations_title"][lang])),
        field(f["association"][lang]),
        Paragraph(escape(f["note"][lang])),
    ]


def code_of_conduct(ctx, lib, lang, articles, findings):
    c = lib.annexes["code_of_conduct"]
    return [
        Paragraph(escape(c["intro"][lang])),
        Heading(escape(c["participants_title"][lang])),
        ListBlock(tuple(escape(t) for t in c["participants"][lang])),
        Heading(escape(c["organisers_title"][lang])),
        ListBlock(tuple(escape(t) for t in c["organisers"][lang])),
        Heading(escape(c["breaches_title"][lang])),
        Paragraph(escape(c["breaches"][lang])),
    ]


def privacy_notice(ctx, lib, lang, articles, findings):
    n = lib.annexes["privacy_notice"]
    officer = ((ctx.get("transparency") or {}).get("information_officer") or {}).get("function")
    values = {**_names(ctx, lib, lang), "officer": officer or n["officer_default"][lang]}
    rows = tuple((escape(row[lang][0]), escape(row[lang][1].format(**values))) for row in n["rows"])
    return [
        Paragraph(escape(n["intro"][lang].format(**values))),
        Table(header=tuple(escape(h) for h in n["header"][lang]), rows=rows),
        Paragraph(escape(n["basis"][lang])),
    ]


def indicator_sheets(ctx, lib, lang, articles, findings):
    monitoring = ctx.get("monitoring") or {}
    blocks = []
    for i in monitoring.get("indicators") or []:
        w = lambda k: _word(lib, k, lang)  # noqa: E731
        rows = [
            (w("indicator_code"), i["code"]),
            (w("indicator_name"), i["name"]),
            (w("indicator_unit"), i["unit"]),
            (w("indicator_baseline"), i["baseline"]),
            (w("indicator_target"), i["target"]),
            (w("indicator_frequency"), i["frequency"]),
            (w("indicator_source"), i["source"]),
            (w("indicator_owner"), monitoring.get("body")),
        ]
        blocks.append(Heading(escape(f"{i['code']} — ") + escape(i["name"])))
        blocks.append(_table(lib, "indicator_sheet", lang, rows, keep=True))
    return blocks
