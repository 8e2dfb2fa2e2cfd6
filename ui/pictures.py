"""The trainer's pictures, drawn as HTML and CSS: bars for the bodies' composition, the PAC cycle
on the mandate, the compliance matrix as a coloured table.

The data comes from ``charter.pictures``; here it is only drawn and said in the interface's words.
No SVG and no chart library: the labels are HTML text, so Arabic is shaped and ordered by the
browser (SVG text is not bidi-reordered), and nothing is fetched (the app works offline).
Each ``*_html`` function returns the HTML (tests read it); ``draw_*`` puts it on the page.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import streamlit as st

from charter import pictures
from ui import backend, i18n, state

GREEN, AMBER, RED, GREY, BLUE = "#2e7d32", "#e0a100", "#c62828", "#9e9e9e", "#1d4e89"
STATUS_COLOUR = {
    "ok": GREEN,
    "below_target": AMBER,
    "below_aim": AMBER,
    "depends": AMBER,
    "below_floor": RED,
    "unknown": GREY,
}
COMPLIANCE_COLOUR = {"met": "#e3f2e5", "warning": "#fff3cd", "missing": "#fbe0e0"}
COMPLIANCE_MARK = {"met": GREEN, "warning": AMBER, "missing": RED}

_CSS = """
<style>
.mq-pic { font-size: 0.95em; line-height: 1.45; }
.mq-body { margin: 0 0 1.1em; }
.mq-body h4 { margin: 0 0 0.3em; font-size: 1.05em; }
.mq-row { display: grid; grid-template-columns: minmax(8em, 13em) 1fr; gap: 0.6em;
  align-items: center; margin: 0.25em 0; }
.mq-track { position: relative; height: 1.35em; background: #eceff3; border-radius: 3px; }
.mq-fill { position: absolute; inset-block: 0; inset-inline-start: 0; border-radius: 3px; }
.mq-mark { position: absolute; inset-block: -0.25em; width: 0; }
.mq-mark.law { border-inline-start: 3px solid #111; }
.mq-mark.target { border-inline-start: 3px dashed #1d4e89; }
.mq-note { font-size: 0.85em; color: #444; grid-column: 2; margin-top: -0.1em; }
.mq-legend { font-size: 0.85em; color: #333; margin: 0.4em 0 0.8em; }
.mq-legend span { display: inline-block; margin-inline-end: 1.2em; }
.mq-key { display: inline-block; width: 1.2em; height: 0.7em; vertical-align: middle;
  margin-inline-end: 0.3em; }
.mq-tl { display: grid; gap: 0.25em 0.6em; align-items: center; }
.mq-years { display: grid; font-size: 0.8em; color: #555; }
.mq-years div { border-inline-start: 1px solid #c9d1db; padding-inline-start: 0.2em; }
.mq-tl .mq-track { height: 1.1em; background: repeating-linear-gradient(
  to right, #f3f5f8 0, #f3f5f8 calc(var(--year) - 1px), #d5dbe3 calc(var(--year) - 1px),
  #d5dbe3 var(--year)); }
[dir="rtl"] .mq-tl .mq-track { background: repeating-linear-gradient(
  to left, #f3f5f8 0, #f3f5f8 calc(var(--year) - 1px), #d5dbe3 calc(var(--year) - 1px),
  #d5dbe3 var(--year)); }
.mq-span { position: absolute; inset-block: 0.15em; border-radius: 2px; }
.mq-dot { position: absolute; inset-block: -0.1em; width: 0.5em; border-radius: 50%; }
.mq-when { font-size: 0.82em; color: #333; }
table.mq-matrix { border-collapse: collapse; width: 100%; }
table.mq-matrix th, table.mq-matrix td { border: 1px solid #cfd6df; padding: 0.35em 0.5em;
  vertical-align: top; text-align: start; }
table.mq-matrix th { background: #eef3f9; }
.mq-status { font-weight: bold; white-space: nowrap; }
</style>
"""


def _(text: str) -> str:
    return state._()(text)


def _wrap(lang: str, inner: str) -> str:
    return f'{_CSS}<div class="mq-pic" dir="{i18n.direction(lang)}" lang="{lang}">{inner}</div>'


def _cite(pids, lang) -> str:
    return ("، " if lang == "ar" else ", ").join(backend.cite(p, lang) for p in pids)


def _pct(value: float) -> str:
    return f"{round(value)}%"


def day(d: dt.date | None) -> str:
    """06/05/2025 in every language (Morocco writes Western digits; never ISO in Arabic)."""
    return d.strftime("%d/%m/%Y") if d else "—"


# --- composition ---------------------------------------------------------------------------------


def body_title(body: pictures.Body, lang: str) -> str:
    if body.key in ("consultative_body", "statutory_body"):
        name = body.name or {}
        return name.get(lang if lang in ("ar", "fr") else "fr") or name.get("fr") or ""
    return {
        "council": _("Council: seats held by women"),
        "vice_president_candidates": _("Lists of candidates for vice-president"),
        "ieecag": _("Equity, equal opportunity and gender approach body (IEECAG)"),
    }[body.key]


def measure_label(key: str) -> str:
    return {
        "women": _("Women"),
        "civil_society": _("Civil society (members not elected)"),
        "youth": _("Young people"),
        "pwd": _("Persons with disabilities"),
    }[key]


def status_text(status: str, m: pictures.Measure | None = None) -> str:
    if status == "ok" and m is not None and (not m.floors or m.target is None):
        return _("meets the law") if m.floors else _("meets the commune's own target")
    return {
        "ok": _("meets the law and the commune's target"),
        "below_target": _("below the commune's own target"),
        "below_aim": _("below what the law asks the commune to strive for"),
        "depends": _("below one of the law's floors: it depends on the voting mode"),
        "below_floor": _("below the law's floor"),
        "unknown": _("not stated"),
    }[status]


def _threshold_pct(t: pictures.Threshold, total: int) -> float | None:
    if t.pct is not None:
        return t.pct
    if t.count is not None and total:
        return min(100.0, 100 * t.count / total)
    return None


def threshold_text(t: pictures.Threshold, lang: str) -> str:
    value = f"{t.count}" if t.count is not None else _pct(t.pct or 0)
    if t.source == "commune":
        return _("the commune's own target: {value}").format(value=value)
    cite = _cite(t.provisions, lang)
    when = {
        "single_member_voting": _("where members are elected one by one"),
        "list_voting": _("where members are elected by lists"),
        None: "",
    }[t.when]
    text = (
        _("the law's floor: {value} ({cite})")
        if t.binding
        else _("the law asks to strive for: {value} ({cite})")
    ).format(value=value, cite=cite)
    return f"{text} {when}".strip()


def _bar(m: pictures.Measure, lang: str) -> str:
    share = m.share
    colour = STATUS_COLOUR[m.status]
    fill = f'<div class="mq-fill" style="width:{share or 0:.1f}%;background:{colour}"></div>'
    marks = []
    notes = []
    for t in (*m.floors, m.target):
        if t is None:
            continue
        at = _threshold_pct(t, m.total)
        if at is not None:
            kind = "law" if t.source == "law" else "target"
            marks.append(f'<div class="mq-mark {kind}" style="inset-inline-start:{at:.1f}%"></div>')
        notes.append(escape(threshold_text(t, lang)))
    count = "—" if m.count is None else f"{m.count} / {m.total}"
    shown = f" ({_pct(share)})" if share is not None else ""
    label = f"<strong>{escape(measure_label(m.key))}</strong> <bdi>{count}{shown}</bdi>"
    note = " · ".join([escape(status_text(m.status, m)), *notes])
    return (
        f'<div class="mq-row" data-measure="{m.key}" data-status="{m.status}">'
        f'<div>{label}</div><div class="mq-track">{fill}{"".join(marks)}</div>'
        f'<div class="mq-note">{note}</div></div>'
    )


def composition_html(bodies: list[pictures.Body], lang: str) -> str:
    law, own = escape(_("the law")), escape(_("the commune's own target"))
    legend = (
        '<div class="mq-legend">'
        f'<span><i class="mq-key" style="border-inline-start:3px solid #111"></i>{law}</span>'
        f'<span><i class="mq-key" style="border-inline-start:3px dashed {BLUE}"></i>{own}</span>'
        + "".join(
            f'<span><i class="mq-key" style="background:{c}"></i>{escape(status_text(s))}</span>'
            for s, c in (("ok", GREEN), ("below_target", AMBER), ("below_floor", RED))
        )
        + "</div>"
    )
    parts = [legend]
    for body in bodies:
        rows = "".join(_bar(m, lang) for m in body.measures if m.count is not None)
        head = f"<h4>{escape(body_title(body, lang))} <bdi>({body.total})</bdi></h4>"
        parts.append(f'<div class="mq-body" data-body="{escape(body.path)}">{head}{rows}</div>')
    if not bodies:
        none = escape(_("No body has members yet."))
        parts.append(f"<p>{none}</p>")
    return _wrap(lang, "".join(parts))


# --- the PAC cycle -------------------------------------------------------------------------------


def step_label(key: str) -> str:
    return {
        "information_meeting": _("Information and consultation meeting"),
        "preparation_decision_posted": _(
            "Decision to prepare the programme, posted with its timetable"
        ),
        "diagnosis_and_projects": _("Diagnosis, priorities, projects, three-year estimate"),
        "consultations": _("Consultation of citizens, associations and the IEECAG"),
        "preparation_decision": _("Decision to prepare the programme"),
        "consultations_bodies": _(
            "Consultation of citizens, associations and the three consultative bodies"
        ),
        "consultations_body": _("Consultation of citizens, associations and the consultative body"),
        "governor_coordination": _("Coordination with the governor, technical assistance"),
        "committees": _("Draft sent to the council's committees"),
        "adoption": _("Adoption by the council"),
        "governor_visa": _("Governor's visa"),
        "execution": _("Execution by the president"),
        "annual_evaluation": _("Annual evaluation report, posted and published"),
        "update": _("Update of the programme possible"),
    }[key]


def programme_label(programme: str) -> str:
    return {
        "pac": _("The commune's action programme (PAC)"),
        "pdr": _("The regional development programme (PDR)"),
        "pdp": _("The prefecture's or province's development programme (PDP)"),
    }[programme]


def step_when(s: pictures.Step) -> str:
    if s.key == "preparation_decision_posted":
        return _("within {days} days of the meeting").format(days=s.days)
    if s.key == "governor_coordination":
        return _("assistance within {days} days of the request").format(days=s.days)
    if s.key == "committees":
        text = _("at least {days} days before the session").format(days=s.days)
        return text + (" — " + _("by {date}").format(date=day(s.end)) if s.end else "")
    if s.key == "adoption":
        text = _("before the end of the mandate's first year: by {date}").format(date=day(s.end))
        if s.done:
            mark = _("late") if s.late else _("on time")
            adopted = _("adopted on {date}").format(date=day(s.done))
            text += f" — {adopted} ({mark})"
        return text
    if s.key == "preparation_decision" and s.end:
        text = _("by {date}").format(date=day(s.end))
        if s.done:
            text += " — " + _("taken on {date}").format(date=day(s.done))
        return text
    if s.key == "governor_visa":
        text = _("within {days} days of adoption").format(days=s.days)
        return text + (" — " + _("by {date}").format(date=day(s.end)) if s.end else "")
    if s.years:
        if s.key == "update":
            return _("from {year}").format(year=s.years[0])
        return _("every year, {first}–{last}").format(first=s.years[0], last=s.years[-1])
    if s.end:
        return _("by {date}").format(date=day(s.end))
    return ""


def _position(d: dt.date, first: int, n: int) -> float:
    start = dt.date(first, 1, 1)
    return max(0.0, min(100.0, 100 * (d - start).days / (365.25 * n)))


def timeline_html(t: pictures.Timeline, lang: str) -> str:
    years = t.years
    if not years:
        hint = _("Give the mandate start date and the PAC start year to see the cycle.")
        return _wrap(lang, f"<p>{escape(hint)}</p>")
    n, first = len(years), years[0]
    grid = f"display:grid;grid-template-columns:minmax(10em, 17em) 1fr;--year:calc(100% / {n})"
    head = (
        f'<div></div><div class="mq-years" style="grid-template-columns:repeat({n},1fr)">'
        + "".join(f"<div><bdi>{y}</bdi></div>" for y in years)
        + "</div>"
    )
    rows = []

    def span(a: float, b: float, colour: str) -> str:
        width = max(b - a, 0.8)
        return (
            f'<div class="mq-span" style="inset-inline-start:{a:.2f}%;width:{width:.2f}%;'
            f'background:{colour}"></div>'
        )

    def dot(at: float, colour: str) -> str:
        # centred on its date, and kept inside the track: the last year's dot is not cut off
        where = f"clamp(0em, calc({at:.2f}% - 0.25em), calc(100% - 0.5em))"
        return f'<div class="mq-dot" style="inset-inline-start:{where};background:{colour}"></div>'

    def yearspan(y0: int, y1: int, colour: str) -> str:
        return span(100 * (y0 - first) / n, 100 * (y1 - first + 1) / n, colour)

    band = []
    if t.mandate_start and t.mandate_end_year:
        band.append(
            span(
                _position(t.mandate_start, first, n),
                100 * (t.mandate_end_year - first + 1) / n,
                "#cfd8e3",
            )
        )
    mandate = escape(_("The council's mandate"))
    rows.append(f'<div><strong>{mandate}</strong></div><div class="mq-track">{"".join(band)}</div>')
    if t.pac_start_year and t.pac_end_year:
        pac = escape(programme_label(t.programme))
        rows.append(
            f"<div><strong>{pac}</strong> <bdi>{t.pac_start_year}–{t.pac_end_year}</bdi></div>"
            f'<div class="mq-track">{yearspan(t.pac_start_year, t.pac_end_year, "#b7cbe6")}</div>'
        )
    for s in t.steps:
        marks = []
        colour = RED if s.late else BLUE
        if s.years:
            if s.key == "annual_evaluation":  # one report a year: a mark at each year's end
                marks += [dot(100 * (y - first + 1) / n, BLUE) for y in s.years]
            else:
                marks.append(yearspan(s.years[0], s.years[-1], "#7fa3d1"))
        elif s.start and s.end:
            marks.append(span(_position(s.start, first, n), _position(s.end, first, n), "#7fa3d1"))
        elif s.end:
            marks.append(dot(_position(s.end, first, n), colour))
        elif s.start and t.first_year_end:  # a step of the first year with no date of its own
            a, b = _position(s.start, first, n), _position(t.first_year_end, first, n)
            marks.append(span(a, b, "#d3dff0"))
        if s.done:
            marks.append(dot(_position(s.done, first, n), colour))
        cite = _cite(s.provisions, lang)
        label = escape(step_label(s.key))
        when = escape(step_when(s))
        rows.append(
            f'<div data-step="{s.key}"><strong>{label}</strong><br>'
            f'<span class="mq-when">{when}{" · " + escape(cite) if cite else ""}</span></div>'
            f'<div class="mq-track">{"".join(marks)}</div>'
        )
    return _wrap(lang, f'<div class="mq-tl" style="{grid}">{head}{"".join(rows)}</div>')


# --- compliance ----------------------------------------------------------------------------------


def compliance_status(status: str) -> str:
    return {"met": _("Met"), "warning": _("To check"), "missing": _("Not met")}[status]


def compliance_html(rows: list[pictures.Obligation], lang: str) -> str:
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in (_("Obligation"), _("Basis in law"), _("Articles of the charter"), _("Status"))
    )
    body = []
    for r in rows:
        mark = COMPLIANCE_MARK[r.status]
        status = escape(compliance_status(r.status))
        if r.warnings:
            status += " · " + escape(_("{n} warning(s)").format(n=r.warnings))
        body.append(
            f'<tr data-provision="{escape(r.provision)}" data-status="{r.status}" '
            f'style="background:{COMPLIANCE_COLOUR[r.status]}">'
            f"<td>{escape(r.obligation)}</td><td><bdi>{escape(r.citation)}</bdi></td>"
            f"<td>{escape(('، ' if lang == 'ar' else ', ').join(r.articles)) or '—'}</td>"
            f'<td class="mq-status" style="color:{mark}">● {status}</td></tr>'
        )
    table = f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
    return _wrap(lang, f'<table class="mq-matrix">{table}</table>')


# --- on the page ---------------------------------------------------------------------------------


def draw_composition(answers: dict, lang: str) -> None:
    st.html(composition_html(pictures.composition(answers), lang))


def draw_timeline(answers: dict, lang: str) -> None:
    st.html(timeline_html(pictures.pac_timeline(answers), lang))


def draw_compliance(answers: dict, lang: str, out: str) -> None:
    """The matrix in the charter's language ``out`` (its wording comes from the charter's annex)."""
    try:
        rows = backend.compliance(answers, out)
    except backend.CharterError as exc:
        st.info(_("The compliance matrix is not available yet: {reason}").format(reason=exc))
        return
    st.html(compliance_html(rows, out))


def draw_all(answers: dict, lang: str, out: str) -> None:
    comp, cycle, matrix = st.tabs(
        [_("Composition of the bodies"), _("The PAC cycle on the mandate"), _("Compliance matrix")]
    )
    with comp:
        draw_composition(answers, lang)
    with cycle:
        draw_timeline(answers, lang)
    with matrix:
        draw_compliance(answers, lang, out)


def for_step(step: str, answers: dict, lang: str) -> None:
    """The picture that helps on a wizard step, if any."""
    if step in ("commune", "ieecag", "consultative_bodies", "parity"):
        draw_composition(answers, lang)
    elif step == "pac":
        draw_timeline(answers, lang)
