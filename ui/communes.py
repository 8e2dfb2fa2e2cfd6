"""Pick the commune from the census instead of typing it: region → province → commune, then
the identification step is filled from the HCP reference (names, category, legal population
and census year, arrondissement regime). The user may correct any of it afterwards."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from ui import backend, state


def _name(lang: str, item: Any) -> str:
    if item is None:
        return ""
    return item.name_ar if lang == "ar" else item.name_fr


def _fill(code: str) -> None:
    """Merge the census' answers into the identification step (council and mandate stay)."""
    section = dict(state.answers().get("commune") or {})
    section.update(backend.communes_api().answers_for(code))
    state.set_section("commune", section, step="commune")
    state.reseed()
    state.flash(
        "success", state.i18n.N_("Filled in from the census. Check and correct it if needed.")
    )


def picker() -> None:
    _ = state._()
    lang = state.lang()
    api = backend.communes_api()
    show = partial(_name, lang)
    with st.expander(
        _("Find the commune in the census (HCP, RGPH 2024)"), icon=":material/search:"
    ):
        cols = st.columns(3)
        region = cols[0].selectbox(
            _("Region"), api.regions(), index=None, format_func=show, key="census.region",
            placeholder=_("Choose…"),
        )  # fmt: skip
        province = cols[1].selectbox(
            _("Province or prefecture"),
            api.provinces(region.code) if region else (),
            index=None, format_func=show, key="census.province", placeholder=_("Choose…"),
            disabled=region is None,
        )  # fmt: skip
        commune = cols[2].selectbox(
            _("Commune"),
            api.communes(province.code) if province else (),
            index=None, format_func=show, key="census.commune", placeholder=_("Choose…"),
            disabled=province is None,
        )  # fmt: skip
        if commune is not None:
            st.caption(
                _("Legal population {population} ({source}).").format(
                    population=state.i18n.isolate(commune.population),
                    source=api.SOURCE["ar" if lang == "ar" else "fr"],
                )
            )
        st.button(
            _("Fill in the identification from the census"),
            key="census.fill",
            icon=":material/download_done:",
            disabled=commune is None,
            on_click=_fill,
            args=(commune.code if commune else "",),
        )


def _fill_level(level: str, code: str) -> None:
    """Merge the census' answers into a province's or region's identification step (names,
    HCP code, 2024 legal population and, for a region, its prefectures and provinces with their
    populations); the council and the mandate stay."""
    api = backend.communes_api()
    found = api.region_answers_for(code) if level == "region" else api.province_answers_for(code)
    section = dict(state.answers().get(level) or {})
    section.update(found)
    state.set_section(level, section, step=level)
    state.reseed()
    state.flash(
        "success", state.i18n.N_("Filled in from the census. Check and correct it if needed.")
    )


def region_picker() -> None:
    """A region's identification from the census: one choice among the 12 regions."""
    _ = state._()
    lang = state.lang()
    api = backend.communes_api()
    show = partial(_name, lang)
    with st.expander(_("Find the region in the census (HCP, RGPH 2024)"), icon=":material/search:"):
        region = st.selectbox(
            _("Region"), api.regions(), index=None, format_func=show, key="census.region",
            placeholder=_("Choose…"),
        )  # fmt: skip
        if region is not None:
            st.caption(
                _("Legal population {population} ({source}).").format(
                    population=state.i18n.isolate(region.population),
                    source=api.SOURCE["ar" if lang == "ar" else "fr"],
                )
            )
        st.button(
            _("Fill in the identification from the census"),
            key="census.fill",
            icon=":material/download_done:",
            disabled=region is None,
            on_click=_fill_level,
            args=("region", region.code if region else ""),
        )


def province_picker() -> None:
    """A prefecture's or province's identification from the census: region, then one of its
    prefectures and provinces."""
    _ = state._()
    lang = state.lang()
    api = backend.communes_api()
    show = partial(_name, lang)
    with st.expander(
        _("Find the prefecture or province in the census (HCP, RGPH 2024)"),
        icon=":material/search:",
    ):
        cols = st.columns(2)
        region = cols[0].selectbox(
            _("Region"), api.regions(), index=None, format_func=show, key="census.region",
            placeholder=_("Choose…"),
        )  # fmt: skip
        province = cols[1].selectbox(
            _("Province or prefecture"),
            api.provinces(region.code) if region else (),
            index=None, format_func=show, key="census.province", placeholder=_("Choose…"),
            disabled=region is None,
        )  # fmt: skip
        if province is not None:
            st.caption(
                _("Legal population {population} ({source}).").format(
                    population=state.i18n.isolate(province.population),
                    source=api.SOURCE["ar" if lang == "ar" else "fr"],
                )
            )
        st.button(
            _("Fill in the identification from the census"),
            key="census.fill",
            icon=":material/download_done:",
            disabled=province is None,
            on_click=_fill_level,
            args=("province", province.code if province else ""),
        )
