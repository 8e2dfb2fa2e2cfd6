"""What the pages share, below them: the page registry and ``goto``, the step statuses' words
and icons, and the answers' download button.

``ui/nav.py`` builds the pages and registers them here; a page moves to another through
``goto(name)`` and never imports ``ui/nav.py`` (no circle: nav → pages → links).
"""

from __future__ import annotations

import streamlit as st

from ui import backend, progress, state

_PAGES: dict[str, st.Page] = {}
STEP_PAGES = frozenset({"wizard"})
STATUS_ICONS = {
    progress.NOT_STARTED: ":material/radio_button_unchecked:",
    progress.INCOMPLETE: ":material/pending:",
    progress.ERRORS: ":material/error:",
    progress.COMPLETE: ":material/check_circle:",
}


def register(pages: dict[str, st.Page]) -> None:
    """The app's pages by name, reachable by ``goto`` (``ui.nav`` registers what it builds)."""
    _PAGES.clear()
    _PAGES.update(pages)


def registered(name: str) -> bool:
    return name in _PAGES


def goto(name: str) -> None:
    """Switch to a page of the app, keeping the session and the URL's place."""
    st.switch_page(_PAGES[name], query_params=state.url_params(step=name in STEP_PAGES))


def status_text(status: str) -> str:
    _ = state._()
    return {
        progress.NOT_STARTED: _("not started"),
        progress.INCOMPLETE: _("incomplete"),
        progress.ERRORS: _("has errors"),
        progress.COMPLETE: _("complete"),
    }[status]


def answers_download(where: str) -> None:
    _ = state._()
    st.download_button(
        _("Download the answers (JSON)"),
        data=backend.answers_file(state.answers()),
        file_name="mithaq-answers.json",
        mime="application/json",
        icon=":material/download:",
        key=f"dl.answers.{where}",
        on_click="ignore",
        width="stretch",
    )
