"""A date entry in the user's language: day, month and year chosen in three lists, in that
order (the order a Moroccan reads a date), months by their names (Arabic as written in Morocco:
يناير … ماي … غشت … دجنبر; French), Streamlit's calendar being English only.

The three lists live in the step's form; ``value(key)`` gives the ISO date they make (``None``
while one is missing or the day does not exist in that month, which ``problem`` names)."""

from __future__ import annotations

import calendar
from datetime import date
from functools import cache, partial

import streamlit as st
from babel.dates import get_month_names

from ui import state

FIRST_YEAR, LAST_YEAR = 1956, 2100
LOCALES = {"ar": "ar_MA", "fr": "fr", "en": "en"}
PARTS = ("day", "month", "year")


@cache
def month_names(lang: str) -> dict[int, str]:
    return dict(get_month_names("wide", locale=LOCALES.get(lang, "en")))


def _month_label(lang: str, month: int) -> str:
    return f"{month_names(lang)[month]} ({month})"


def keys(key: str) -> dict[str, str]:
    return {part: f"{key}.{part}" for part in PARTS}


def draw(label: str, key: str, value: str | None, lang: str, help_: str | None = None) -> None:
    """The field: its label, then day, month, year (each ``None`` until chosen)."""
    _ = state._()
    try:
        current = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        current = None
    k = keys(key)
    with st.container(key=key):
        st.markdown(label, help=help_)
        # a row that stays a row on a phone (columns would stack there)
        with st.container(horizontal=True, gap="small"):
            st.selectbox(
                _("Day"),
                list(range(1, 32)),
                index=current.day - 1 if current else None,
                placeholder="—",
                key=k["day"],
            )
            st.selectbox(
                _("Month"),
                list(range(1, 13)),
                index=current.month - 1 if current else None,
                format_func=partial(_month_label, lang),
                placeholder="—",
                key=k["month"],
            )
            years = list(range(FIRST_YEAR, LAST_YEAR + 1))
            st.selectbox(
                _("Year"),
                years,
                index=years.index(current.year) if current and current.year in years else None,
                placeholder="—",
                key=k["year"],
            )
        if problem(key):
            st.caption(":orange[" + _("This day does not exist in that month.") + "]")


def _parts(key: str) -> tuple[int | None, int | None, int | None]:
    k = keys(key)
    return tuple(state.widget_value(k[p]) for p in PARTS)  # type: ignore[return-value]


def drawn(key: str) -> bool:
    return all(state.has_widget(k) for k in keys(key).values())


def problem(key: str) -> bool:
    """All three chosen, but no such day (31 April, 29 February of a common year)."""
    d, m, y = _parts(key)
    return None not in (d, m, y) and d > calendar.monthrange(y, m)[1]


def value(key: str) -> str | None:
    d, m, y = _parts(key)
    if None in (d, m, y) or problem(key):
        return None
    return date(y, m, d).isoformat()


def text(value: object) -> str:
    """A date as Moroccan texts write it, ``03/02/2026`` in every language (never ISO's
    2026-02-03); anything that is not an ISO date is shown as it is."""
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)
