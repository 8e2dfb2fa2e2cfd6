"""Trainer mode: sample communes one click away as training drafts, a presenter view, reset.

A training draft is a draft of the store flagged ``training``: it is saved like any other (the
wizard works unchanged on it), but it is kept apart from real drafts, and resetting deletes it
and opens the same sample afresh. Its first revision's note names the sample
(``training:<file>``), so a reset knows what to reopen even after a refresh. Nothing here needs
the network: the samples are ``examples/``, the pictures are HTML, the fonts are served by the app.
"""

from __future__ import annotations

import copy
import logging
import threading
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import streamlit as st

from charter.store import DraftNotFoundError
from ui import backend, i18n, pictures, start, state
from ui.i18n import N_, isolate

NOTE = "training:"
# A training draft left open when a workshop ended (browser closed without "End the training")
# is deleted when a sample is next opened, once it is this old; a running workshop is untouched.
STALE_AFTER = timedelta(days=1)

# Samples opened with a history after adoption: the sample as it is is version 1, and these
# changes to it make version 2 (a revision of the charter adopted a year later). The sample's
# own ``monitoring.observations`` give it its years of values.
REVISED: dict[str, dict[str, dict[str, Any]]] = {
    "arrondissements-madinat-assahil.json": {
        "petitions": {"rejection_notice_months": 2},
        "adoption": {
            "version": "1.2",
            "deliberation_number": "31/2026",
            "deliberation_date": "2026-02-03",
        },
    },
}
# Training drafts whose adopted versions are being recorded (draft id → the thread doing it):
# an adoption renders every document of the charter, about half a minute each on a loaded
# server, so it runs beside the page, not in its way.
_SEEDING: dict[str, threading.Thread] = {}
_log = logging.getLogger(__name__)

_PRESENTER_CSS = """
<style>
.stApp { font-size: 1.3rem; }
.stApp p, .stApp li, .stApp label, .stApp input, .stApp textarea, .stApp button,
.stApp [data-testid="stWidgetLabel"] p, .stApp [data-testid="stCaptionContainer"],
.stApp td, .stApp th { font-size: 1.35rem !important; line-height: 1.5; }
.stApp h1 { font-size: 3rem !important; }
.stApp h2 { font-size: 2.4rem !important; }
.stApp h3, .stApp h4 { font-size: 1.9rem !important; }
.mq-pic { font-size: 1.3rem; }
</style>
"""


# In a right-to-left page the switch's knob slides out of its track when on (Streamlit moves it
# by a left-to-right offset): the track is laid out left to right, then mirrored, so "on" is
# the start side of an Arabic line and the knob stays inside.
_SWITCH_RTL_CSS = """
<style>
.st-key-training-presenter [data-testid="stCheckbox"] label > div:first-of-type {
  direction: ltr; transform: scaleX(-1); }
</style>
"""


def _(text: str) -> str:
    return state._()(text)


def _level_title(titles: dict[str, dict[str, str]], lang: str, level: str) -> str:
    return titles[level][lang]  # a module function: the session state pickles it


# --- the training draft ----------------------------------------------------------------------


def active() -> bool:
    """Whether the open draft is a training draft (read once per draft and session: a draft
    never changes kind, and a data folder that cannot be read any more must not take the page
    down with it, the typed answers on it)."""
    draft = state.draft_id()
    if not draft:
        return False
    known = state.cache().setdefault("training.flags", {})
    if draft not in known:
        try:
            known[draft] = state.store().is_training(draft)
        except DraftNotFoundError:
            return False
    return known[draft]


def sample_of(draft: str) -> str | None:
    """The sample file a training draft was opened from (its first revision's note)."""
    try:
        note = state.store().revision(draft, 1).note or ""
    except DraftNotFoundError:
        return None
    return note.removeprefix(NOTE) if note.startswith(NOTE) else None


def sample_title(name: str | None, lang: str) -> str:
    """The sample's collectivity as a person names it, in ``lang`` ("مدينة الساحل"), never its
    file's name: the installed sample's, else the training draft's own answers' ("" if none)."""
    samples = start.examples()
    answers = samples[name] if name in samples else state.answers()
    return start.example_title("", answers, lang) if isinstance(answers, dict) else ""


def open_sample(name: str, *, page: str = "wizard") -> None:
    """Open sample ``name`` of ``examples/`` as a new training draft (a callback)."""
    samples = start.examples()
    if name not in samples:
        state.flash("error", N_("This sample is not installed."))
        return
    discard()
    purge_stale()
    state.start_draft(samples[name], note=NOTE + name, training=True)
    _seed_versions(name)
    state.set_step(backend.sections(samples[name])[0])
    state.request_goto(page)


def revised(name: str, answers: dict[str, Any]) -> dict[str, Any] | None:
    """Sample ``name``'s answers as its council revised them (version 2), or None."""
    changes = REVISED.get(name)
    if not changes:
        return None
    out = copy.deepcopy(answers)
    for section, values in changes.items():
        out.setdefault(section, {}).update(values)
    return out


def _seed_versions(name: str) -> None:
    """For a sample of ``REVISED``, just opened as the session's training draft: save its
    revision as revision 2, open it, and record revisions 1 and 2 as adopted versions 1 and 2
    (with the shipped templates) in a thread beside the page (``seeding`` tells whether it
    still runs)."""
    draft = state.draft_id()
    store = state.store()
    second = revised(name, store.revision(draft, 1).answers)
    if second is None:
        return
    store.save(draft, second, base=1, step="adoption")
    state.open_draft(draft)
    worker = threading.Thread(
        target=_adopt_both, args=(store, draft), name=f"mithaq-seed-{draft[:8]}", daemon=True
    )
    _SEEDING[draft] = worker
    worker.start()


def _adopt_both(store: Any, draft: str) -> None:
    api = backend.versions_api()
    try:
        snapshot = api.shipped_snapshot()
        for revision in (1, 2):
            api.adopt(store, draft, revision, snapshot)
    except (backend.CharterError, DraftNotFoundError) as exc:
        # the training draft was reset or ended meanwhile: nothing to keep
        _log.info("training draft %s: versions not recorded (%s)", draft[:8], exc)
    finally:
        _SEEDING.pop(draft, None)


def seeding(draft: str | None) -> threading.Thread | None:
    """The thread recording a training draft's adopted versions, while it runs."""
    return _SEEDING.get(draft or "")


def discard() -> None:
    """Delete the open draft if it is a training draft (real drafts are never deleted)."""
    draft = state.draft_id()
    if draft and active():
        state.store().delete_training(draft)


def purge_stale(now: datetime | None = None) -> int:
    """Delete the training drafts last saved more than ``STALE_AFTER`` ago."""
    store = state.store()
    limit = (now or datetime.now(UTC)) - STALE_AFTER
    gone = 0
    for draft in store.training_drafts():
        try:
            last = datetime.fromisoformat(store.latest(draft).created)
        except (DraftNotFoundError, ValueError):
            continue
        if last < limit:
            gone += store.delete_training(draft)
    return gone


def reset() -> None:
    """One click: the open training draft is deleted and its sample opened afresh, at the same
    step (a callback)."""
    draft = state.draft_id()
    if not draft or not active():
        return
    first = state.store().revision(draft, 1)
    step = state.current_step()
    state.store().delete_training(draft)
    state.start_draft(first.answers, note=first.note, training=True)
    _seed_versions(first.note.removeprefix(NOTE))
    state.set_step(step)
    state.flash("success", N_("The training draft is back to the sample as it was."))


def leave() -> None:
    """End the training: the training draft is deleted, back to the start (a callback)."""
    discard()
    state.close_draft()
    state.request_goto("start")


def _presenter_changed(key: str) -> None:
    state.set_presenter(bool(state.widget_value(key)))


# --- on every page -------------------------------------------------------------------------------


def frame() -> None:
    """Called on every page: the presenter view's larger type, and the training banner."""
    if state.presenter():
        st.html(_PRESENTER_CSS)
    if not active():
        return
    with st.container(border=True, key="training.banner"):
        text, button = st.columns([4, 1], vertical_alignment="center")
        with text:
            title = sample_title(sample_of(state.draft_id()), state.lang())
            st.markdown(
                ":material/school: "
                + (
                    _("Training draft ({sample}): nothing you do here touches real drafts.").format(
                        sample=isolate(title)
                    )
                    if title
                    else _("Training draft: nothing you do here touches real drafts.")
                )
            )
        with button:
            st.button(
                _("Reset"),
                icon=":material/restart_alt:",
                key="training.reset.banner",
                on_click=reset,
                width="stretch",
            )


def sidebar_button() -> None:
    st.button(
        _("Trainer mode"),
        icon=":material/school:",
        key="nav.training",
        on_click=state.request_goto,
        args=("training",),
        width="stretch",
    )


# --- the trainer's page ----------------------------------------------------------------------


def questionnaire_pdf(lang: str) -> bytes:
    return backend.questionnaire_pdf(lang)


def page() -> None:
    lang = state.lang()
    st.title(_("Trainer mode"))
    st.write(
        _(
            "Show a sample commune's charter, explain each step with the law's own articles and "
            "pictures, print a questionnaire for the room, and reset for the next group. Training "
            "drafts are kept apart from real drafts, and nothing needs the network."
        )
    )
    key = "training.presenter"
    if i18n.direction(state.lang()) == "rtl":
        st.html(_SWITCH_RTL_CSS)
    st.toggle(
        _("Presenter view (larger type for a projector)"),
        value=state.presenter(),
        key=key,
        on_change=_presenter_changed,
        args=(key,),
    )

    if active():
        draft = state.draft_id()
        st.subheader(_("The training draft"))
        samples = start.examples()
        name = sample_of(draft)
        answers = state.answers()
        if name in samples:
            st.write(start.example_title(name, samples[name], lang))
        go, again, stop = st.columns(3)
        with go:
            st.button(
                _("Open in the wizard"),
                icon=":material/edit_note:",
                key="training.wizard",
                type="primary",
                on_click=state.request_goto,
                args=("wizard",),
                width="stretch",
            )
        with again:
            st.button(
                _("Reset"),
                icon=":material/restart_alt:",
                key="training.reset",
                on_click=reset,
                width="stretch",
            )
        with stop:
            st.button(
                _("End the training"),
                icon=":material/logout:",
                key="training.leave",
                on_click=leave,
                width="stretch",
            )
        st.subheader(_("Pictures"))
        pictures.draw_all(answers, lang, state.out_lang())

    st.subheader(_("Samples"))
    samples = start.examples()
    if not samples:
        st.info(_("No example is installed."))
    # the level first (the schema's words, as on the start page), then that level's samples
    node = backend.schema()["properties"]["level"]
    levels = [lv for lv in node["enum"] if lv in {backend.level_of(a) for a in samples.values()}]
    level = st.radio(
        node["x-title"][lang],
        levels,
        format_func=partial(_level_title, node["x-enum-titles"], lang),
        key="training.level",
        horizontal=True,
    )
    for name, answers in samples.items():
        if backend.level_of(answers) != level:
            continue
        st.button(
            start.example_title(name, answers, lang),
            icon=":material/location_city:",
            key=f"training.open.{name}",
            on_click=partial(open_sample, name),
            width="stretch",
        )

    st.subheader(_("Printable questionnaire"))
    st.write(_("Every question of the wizard with room to answer, for work on paper."))
    cols = st.columns(2)
    for col, out in zip(cols, ("ar", "fr"), strict=True):
        with col:
            ready = state.cache().get(f"questionnaire.{out}")
            if ready is None and st.button(
                _("Prepare the questionnaire ({language})").format(language=out.upper()),
                icon=":material/print:",
                key=f"training.questionnaire.{out}",
                width="stretch",
            ):
                with st.spinner(_("Preparing…")):
                    try:
                        ready = questionnaire_pdf(out)
                    except backend.CharterError as exc:
                        st.error(str(exc))
                    else:
                        state.cache()[f"questionnaire.{out}"] = ready
            if ready is not None:
                st.download_button(
                    _("Download the questionnaire ({language})").format(language=out.upper()),
                    data=ready,
                    file_name=f"mithaq-questionnaire-{out}.pdf",
                    mime="application/pdf",
                    icon=":material/download:",
                    key=f"training.questionnaire.dl.{out}",
                    on_click="ignore",
                    width="stretch",
                )
