"""Pick the collectivity from the census instead of typing it: region → province → commune,
down to the charter's level, then the identification step is filled from the HCP reference
(names, legal population and census year; a commune's category and arrondissement regime, a
region's prefectures and provinces). The user may correct any of it afterwards."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from ui import backend, state


def _name(lang: str, item: Any) -> str:
    if item is None:
        return ""
    return item.name_ar if lang == "ar" else item.name_fr


# The census' chain, from the top: a level's picker asks down to the level itself.
CHAIN = ("region", "province", "commune")
LABELS = {
    "region": state.i18n.N_("Region"),
    "province": state.i18n.N_("Province or prefecture"),
    "commune": state.i18n.N_("Commune"),
}
TITLES = {
    "region": state.i18n.N_("Find the region in the census (HCP, RGPH 2024)"),
    "province": state.i18n.N_("Find the prefecture or province in the census (HCP, RGPH 2024)"),
    "commune": state.i18n.N_("Find the commune in the census (HCP, RGPH 2024)"),
}


def _choices(api: Any, step: str, parent: Any) -> Any:
    """The census entries to choose from at ``step`` of the chain, under ``parent``."""
    if step == "region":
        return api.regions()
    if parent is None:
        return ()
    return api.provinces(parent.code) if step == "province" else api.communes(parent.code)


def _fill(level: str, code: str) -> None:
    """Merge the census' answers into the level's identification step (the council and the
    mandate stay): names, HCP code, 2024 legal population and census year; a commune's category
    and arrondissement regime, a region's prefectures and provinces with their populations."""
    api = backend.communes_api()
    found = {
        "commune": api.answers_for,
        "province": api.province_answers_for,
        "region": api.region_answers_for,
    }[level](code)
    section = dict(state.answers().get(level) or {})
    section.update(found)
    state.set_section(level, section, step=level)
    state.reseed()
    state.flash(
        "success", state.i18n.N_("Filled in from the census. Check and correct it if needed.")
    )


def picker(level: str = "commune") -> None:
    """The census picker of a ``level``'s identification step: region, then (for a province or
    a commune) one of its prefectures and provinces, then (for a commune) one of its communes."""
    _ = state._()
    lang = state.lang()
    api = backend.communes_api()
    show = partial(_name, lang)
    steps = CHAIN[: CHAIN.index(level) + 1]
    with st.expander(_(TITLES[level]), icon=":material/search:"):
        cols = st.columns(len(steps))
        chosen = None
        for col, step in zip(cols, steps, strict=True):
            above_missing = step != CHAIN[0] and chosen is None  # the choice above it, not made
            chosen = col.selectbox(
                _(LABELS[step]), _choices(api, step, chosen), index=None, format_func=show,
                key=f"census.{step}", placeholder=_("Choose…"), disabled=above_missing,
            )  # fmt: skip
        if chosen is not None:
            st.caption(
                _("Legal population {population} ({source}).").format(
                    population=state.i18n.isolate(chosen.population),
                    source=api.SOURCE["ar" if lang == "ar" else "fr"],
                )
            )
        st.button(
            _("Fill in the identification from the census"),
            key="census.fill",
            icon=":material/download_done:",
            disabled=chosen is None,
            on_click=_fill,
            args=(level, chosen.code if chosen else ""),
        )
