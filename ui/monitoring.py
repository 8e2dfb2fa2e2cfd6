"""The annual monitoring of the charter: the values observed each year for each indicator
(typed in the step "Monitoring and evaluation", or read from a CSV or XLSX file), a chart per
indicator, and the report to download (DOCX, PDF)."""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from ui import backend, links, state
from ui.i18n import N_, isolate

STATUS = {
    "kept": N_("reached"),
    "on_track": N_("on track"),
    "late": N_("late"),
    "missed": N_("missed"),
    "no_data": N_("no value yet"),
}


def _import(key: str) -> None:
    file = state.widget_value(key)
    if file is None:
        return
    api = backend.monitoring_api()
    try:
        values = api.read_values(file.getvalue(), file.name)
        new = api.merge_values(state.answers(), values)
    except backend.CharterError as exc:
        state.flash_detail("error", N_("This file cannot be read: {reason}"), reason=str(exc))
        return
    if state.save(new, step="monitoring", note=f"values:{file.name}"[:120]):
        state.flash_detail("success", N_("{count} values imported."), count=str(len(values)))


@st.cache_data(max_entries=64, show_spinner=False)
def _chart(text: str, year: int, lang: str, code: str) -> bytes:
    api = backend.monitoring_api()
    rep = api.report(json.loads(text), year, lang)
    row = next(r for r in rep.rows if r.code == code)
    return api.chart(row, rep, api.words(lang), "png")


def page() -> None:
    if not state.has_draft():
        links.goto("start")
    _ = state._()
    st.title(_("Monitoring the charter"))
    answers = state.answers()
    indicators = (answers.get("monitoring") or {}).get("indicators") or []
    if not indicators:
        st.info(_("The charter has no indicator yet: add them in the step “Monitoring and "
                  "evaluation”."))  # fmt: skip
        return
    st.write(
        _(
            "Each year, record the value observed for each indicator, with its source. Type "
            "them in the step “Monitoring and evaluation”, or import a CSV or XLSX file with a "
            "“year” column and one column per indicator code ({codes})."
        ).format(codes=", ".join(i.get("code", "") for i in indicators))
    )
    st.file_uploader(
        _("Values file (CSV or XLSX, 1 MB at most)"), type=["csv", "xlsx"],
        key="monitoring.upload", max_upload_size=1,  # the box refuses above what it states
    )  # fmt: skip
    st.button(_("Import these values"), on_click=_import, args=("monitoring.upload",),
              key="monitoring.import", icon=":material/upload:")  # fmt: skip
    this_year = dt.date.today().year
    years = sorted({o["year"] for o in (answers["monitoring"].get("observations") or [])}
                   | {this_year})  # fmt: skip
    year = st.selectbox(_("Report for the year"), years, index=len(years) - 1,
                        key="monitoring.year")  # fmt: skip
    lang = state.out_lang()
    api = backend.monitoring_api()
    rep = api.report(answers, year, lang)
    # an HTML table, as on the Versions page: it follows the page's direction and wraps its
    # text, where the data grid drew Arabic columns left to right and showed only the
    # indicator on a phone
    st.table(
        [
            {_("Indicator"): f"{isolate(r.code)} — {r.name}",
             _("Baseline"): api.number(r.baseline, lang),
             _("Target"): api.number(r.target, lang),
             _("Latest value"): api.number(r.values[max(r.values)] if r.values else None, lang),
             _("Status"): _(STATUS[r.status])}
            for r in rep.rows
        ],
        hide_index=True,
    )  # fmt: skip
    cols = st.columns(2)
    for col, fmt in zip(cols, ("docx", "pdf"), strict=True):
        render = api.render_docx if fmt == "docx" else api.render_pdf
        col.download_button(
            _("Download the {year} report ({format})").format(year=year, format=fmt.upper()),
            data=lambda render=render: render(answers, year, lang),
            file_name=f"monitoring-report-{year}-{lang}.{fmt}",
            key=f"monitoring.dl.{fmt}", on_click="ignore", icon=":material/download:",
        )  # fmt: skip
    text = backend.canonical(answers)
    # two charts a row on a desktop (one a row would make the page metres long); a phone stacks
    # the columns, so it shows one a row at its full width
    cols = st.columns(2)
    for i, row in enumerate(rep.rows):
        cols[i % 2].image(_chart(text, year, lang, row.code), width="stretch")
