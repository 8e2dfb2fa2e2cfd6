"""The app's pages and the frame around them: stylesheet, sidebar (language, steps, draft).

``app.py`` calls ``pages()`` and hands them to ``st.navigation``. Each page is a callable
wrapped by ``framed``, which seeds the state from the URL, injects the stylesheet for the
language, draws the sidebar, and writes the state back into the URL.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui import (
    advisors,
    backend,
    history,
    i18n,
    links,
    monitoring,
    progress,
    review,
    start,
    state,
    style,
    training,
    versions,
    wizard,
)


def pages() -> list[st.Page]:
    """The pages, titled in the interface language."""
    state.init()
    _ = state._()
    spec = [
        ("start", start.page, _("Start"), ":material/home:"),
        ("wizard", wizard.page, _("Charter"), ":material/edit_note:"),
        ("review", review.page, _("Review"), ":material/fact_check:"),
        ("history", history.page, _("Drafts and history"), ":material/history:"),
        ("versions", versions.page, _("Adopted versions"), ":material/verified:"),
        ("monitoring", monitoring.page, _("Monitoring"), ":material/monitoring:"),
        ("training", training.page, _("Trainer mode"), ":material/school:"),
    ]
    built = {
        name: st.Page(
            framed(fn, name), title=title, icon=icon, url_path=name, default=name == "start"
        )
        for name, fn, title, icon in spec
    }
    if advisors.password():  # the advisors' page exists only when a password is configured
        built["advisors"] = st.Page(
            framed(advisors.page, "advisors"), title=_("Advisors"), url_path="advisors"
        )
    links.register(built)
    return list(built.values())


def framed(body: Callable[[], None], name: str) -> Callable[[], None]:
    def page() -> None:
        state.init()
        target = state.pop_goto()
        if target and target != name:
            links.goto(target)
        style.inject(state.lang())
        try:
            training.frame()  # presenter view, training banner
            sidebar(name)
            for kind, message, values in state.pop_flashes():
                show = {"error": st.error, "warning": st.warning}.get(kind, st.success)
                text = state._()(message).format(**values) if values else state._()(message)
                show(text)
                if kind == "error":  # seen even when the page is scrolled down to its buttons
                    st.toast(text, icon=":material/error:")
            conflict_notice()
            body()
            if name == "training":  # the questionnaires printed ahead of "Prepare"
                backend.warm_questionnaires()
        except backend.StorageError as exc:  # the data folder: nothing can be saved now
            _ = state._()
            st.error(_("Not saved: {reason}").format(reason=exc))
            st.caption(_(state.NOT_SAVED_HINT))
        except backend.CharterError as exc:  # the library's own errors: said, not a traceback
            _ = state._()
            st.error(_("Mithaq cannot show this page: {reason}").format(reason=exc))
            st.caption(_("Your answers are saved. Reload the page in a moment."))
        state.sync_url(step=name in links.STEP_PAGES)

    page.__name__ = f"page_{name}"
    return page


def step_titles(sections: list[str]) -> str:
    """The steps' titles in the interface language, for a sentence."""
    lang = state.lang()
    props = backend.schema()["properties"]
    titles = [(props.get(s, {}).get("x-title") or {}).get(lang, s) for s in sections]
    return "، ".join(titles) if lang == "ar" else ", ".join(titles)


def conflict_notice() -> None:
    """A save refused because the draft was saved elsewhere: say which steps changed there,
    and let the user reload them or keep their own (their typed answers are still here)."""
    found = state.conflict()
    if not found:
        return
    _ = state._()
    steps = step_titles(found["steps"])
    text = _(
        "Not saved: this draft was changed elsewhere (another tab or another person) since "
        "you opened it. Changed there: {steps} (revision {revision}). Your answers are still "
        "here. Reload the saved draft, or keep yours for the steps you changed."
    ).format(steps=steps, revision=found["latest"])
    st.toast(
        _("Not saved: the draft was changed elsewhere. See the message at the top of the page."),
        icon=":material/sync_problem:",
    )
    with st.container(border=True, key="conflict"):
        st.warning(text, icon=":material/sync_problem:")
        left, right = st.columns(2)
        left.button(
            _("Reload the saved draft"),
            key="conflict.reload",
            icon=":material/refresh:",
            on_click=state.resolve_conflict,
            args=(False,),
            width="stretch",
        )
        right.button(
            _("Keep my answers"),
            key="conflict.keep",
            icon=":material/save:",
            on_click=state.resolve_conflict,
            args=(True,),
            type="primary",
            width="stretch",
        )


def _lang_changed(key: str) -> None:
    value = state.widget_value(key)
    if value:
        state.set_lang(value)


def _out_changed(key: str) -> None:
    value = state.widget_value(key)
    if value:
        state.set_out_lang(value)


def _open_step(step: str) -> None:
    state.set_step(step)
    state.request_goto("wizard")


def language_choice(label: str, options: tuple[str, ...], current: str, key: str, on_change):
    """A language picker; its key carries the current choice, so a change made elsewhere
    (the start page's buttons) draws it afresh instead of fighting its own state."""
    key = f"{key}.{current}"
    st.segmented_control(
        label,
        options,
        default=current,
        required=True,
        format_func=i18n.NATIVE_NAMES.get,
        key=key,
        on_change=on_change,
        args=(key,),
    )


def language_switch(where: str) -> None:
    _ = state._()
    language_choice(
        _("Interface language"), i18n.LANGUAGES, state.lang(), f"ui.lang.{where}", _lang_changed
    )


def sidebar(name: str) -> None:
    _ = state._()
    with st.sidebar:
        st.markdown("### " + _("Mithaq") + " — ميثاق")
        language_switch("sidebar")
        training.sidebar_button()
        if links.registered("advisors"):  # only when an advisors' password is configured
            st.button(
                _("Advisors"),
                icon=":material/gavel:",
                key="nav.advisors",
                on_click=state.request_goto,
                args=("advisors",),
                width="stretch",
            )
        if not state.has_draft():
            return
        language_choice(
            _("Language of the charter"),
            state.charter_languages(),
            state.out_lang(),
            "ui.out",
            _out_changed,
        )
        steps(name)
        st.divider()
        st.button(
            _("Review and download"),
            icon=":material/fact_check:",
            key="nav.review",
            on_click=state.request_goto,
            args=("review",),
            type="primary" if name == "review" else "secondary",
            width="stretch",
        )
        st.button(
            _("Drafts and history"),
            icon=":material/history:",
            key="nav.history",
            on_click=state.request_goto,
            args=("history",),
            width="stretch",
        )
        for target, label, icon in (
            ("versions", _("Adopted versions"), ":material/verified:"),
            ("monitoring", _("Monitoring"), ":material/monitoring:"),
        ):
            st.button(
                label, icon=icon, key=f"nav.{target}", on_click=state.request_goto,
                args=(target,), type="primary" if name == target else "secondary",
                width="stretch",
            )  # fmt: skip
        links.answers_download("sidebar")
        st.caption(
            _("Draft {draft}, revision {revision}. Every step is saved when you submit it.")
            .format(draft=i18n.isolate(state.draft_id()), revision=state.revision())
        )  # fmt: skip


def steps(name: str) -> None:
    """The step list: each step's status, and a jump to it."""
    _ = state._()
    lang = state.lang()
    answers = state.answers()
    sections = backend.sections(answers)
    schema = backend.schema()
    statuses = progress.statuses(sections, answers, backend.findings(answers, lang))
    current = state.current_step() if name == "wizard" else None
    st.markdown("**" + _("Steps") + "**")
    if current:
        st.caption(
            _(
                "A step is saved when you press Save, Back or Next, and when you move to "
                "another step from this list."
            )
        )
    for i, section in enumerate(sections, 1):
        node = schema["properties"][section]
        title = (node.get("x-title") or {}).get(lang, section)
        status = statuses[section]
        st.button(
            f"{i}. {title}",
            key=f"nav.step.{section}",
            icon=links.STATUS_ICONS[status],
            help=links.status_text(status),
            on_click=_open_step,
            args=(section,),
            type="primary" if section == current else "tertiary",
            width="stretch",
        )
