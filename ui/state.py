"""The only module that touches ``st.session_state`` and ``st.query_params``.

The answers live under one permanent key (``ANSWERS``), never only in widget keys: Streamlit
deletes the state of widgets that are not drawn, and a refresh starts a new session. The URL
carries the interface language, the draft id, the step and the output language, so a refresh
or a link reopens the same place, and the draft is read back from the store.

Widget keys are ``w<generation><json pointer>``. Bumping the generation (after loading,
restoring, adding or removing an item) makes every widget start afresh from the answers.
"""

from __future__ import annotations

import copy
from typing import Any

import streamlit as st

from ui import i18n

ANSWERS = "mithaq.answers"
DRAFT = "mithaq.draft"
LANG = "mithaq.lang"
OUT = "mithaq.out"
STEP = "mithaq.step"
GEN = "mithaq.gen"
GOTO = "mithaq.goto"
REVISION = "mithaq.revision"
CONFLICT = "mithaq.conflict"
FLASH = "mithaq.flash"
CACHE = "mithaq.cache"
READY = "mithaq.ready"
PRESENTER = "mithaq.presenter"
WORKING = "mithaq.working"
CHECKED = "mithaq.checked"

OUTPUT_LANGUAGES = ("ar", "fr")


@st.cache_resource(show_spinner=False)
def _store(where: str) -> Any:
    from charter.store import DraftStore

    return DraftStore(where)


def store() -> Any:
    """One ``charter.store.DraftStore`` per database (``MITHAQ_DATABASE_URL``, else the data
    folder ``MITHAQ_DATA``) and process. ``charter`` is imported on first use, after the start
    page has drawn."""
    from charter.store import default_location

    return _store(default_location())


def init() -> None:
    """First run of a session: seed the state from the URL (and the draft from the store)."""
    ss = st.session_state
    if ss.get(READY):
        return
    qp = st.query_params
    lang = qp.get("lang")
    ss.setdefault(LANG, lang if lang in i18n.LANGUAGES else None)
    out = qp.get("out")
    ss.setdefault(OUT, out if out in OUTPUT_LANGUAGES else None)
    ss.setdefault(STEP, qp.get("step"))
    ss.setdefault(GEN, 0)
    ss.setdefault(CACHE, {})
    draft = qp.get("draft")
    if draft and DRAFT not in ss and not open_draft(draft):
        flash(
            "error", i18n.N_("This draft does not exist (check the link). Start a new one below.")
        )
    ss.setdefault(DRAFT, None)
    ss.setdefault(ANSWERS, None)
    ss[READY] = True


def url_params(*, step: bool = False) -> dict[str, str]:
    """The state's place, as the URL keeps it."""
    want = {"lang": lang_chosen(), "draft": draft_id(), "out": st.session_state.get(OUT)}
    want["step"] = current_step() if step else None
    return {k: v for k, v in want.items() if v is not None}


def sync_url(*, step: bool = False) -> None:
    """Write the state's place into the URL (only what changed)."""
    want: dict[str, str | None] = {"lang": None, "draft": None, "out": None, "step": None}
    want.update(url_params(step=step))
    qp = st.query_params
    for name, value in want.items():
        if value is None:
            if name in qp:
                del qp[name]
        elif qp.get(name) != value:
            qp[name] = value


# --- language ---------------------------------------------------------------------------


def lang_chosen() -> str | None:
    return st.session_state.get(LANG)


def lang() -> str:
    return st.session_state.get(LANG) or i18n.DEFAULT_LANGUAGE


def set_lang(value: str) -> None:
    if value in i18n.LANGUAGES:
        st.session_state[LANG] = value


def charter_languages() -> tuple[str, ...]:
    """The languages the charter is printed in (``output.languages``, asked first), both
    while that is not answered."""
    output = answers().get("output")
    found = output.get("languages") if isinstance(output, dict) else None
    langs = [x for x in found if x in OUTPUT_LANGUAGES] if isinstance(found, list) else []
    return tuple(dict.fromkeys(langs)) or OUTPUT_LANGUAGES


def out_lang() -> str:
    """The language the charter is shown in: chosen, else the interface's, among the
    charter's languages."""
    langs = charter_languages()
    chosen = st.session_state.get(OUT)
    if chosen in langs:
        return chosen
    return lang() if lang() in langs else langs[0]


def set_out_lang(value: str) -> None:
    if value in OUTPUT_LANGUAGES:
        st.session_state[OUT] = value


def _() -> Any:
    return i18n.gettext_for(lang())


# --- answers and draft ------------------------------------------------------------------


def answers() -> dict[str, Any]:
    """The answers (the permanent copy). Treat as read-only; change with ``set_section``."""
    return st.session_state.get(ANSWERS) or {}


def has_draft() -> bool:
    return st.session_state.get(DRAFT) is not None


def draft_id() -> str | None:
    return st.session_state.get(DRAFT)


def revision() -> int | None:
    return st.session_state.get(REVISION)


def start_draft(answers: dict[str, Any], *, note: str, training: bool = False) -> str:
    """A new draft in the store, opened in this session."""
    draft = store().create(answers, training=training, note=note)
    ss = st.session_state
    ss[DRAFT] = draft
    ss[ANSWERS] = copy.deepcopy(answers)
    ss[REVISION] = 1
    ss[STEP] = None
    forget_edits()
    reseed()
    return draft


def open_draft(draft: str) -> bool:
    """Open an existing draft (its newest revision) in this session; False if unknown."""
    from charter.store import DraftNotFoundError

    try:
        rev = store().latest(draft)
    except DraftNotFoundError:
        return False
    ss = st.session_state
    ss[DRAFT] = draft
    ss[ANSWERS] = rev.answers
    ss[REVISION] = rev.number
    ss.pop(CONFLICT, None)
    forget_edits()
    if pending := store().pending(draft):  # items added before a reload, not yet submitted
        ss[WORKING] = pending
    reseed()
    return True


# --- a step's unsubmitted edits, and which steps were checked ---------------------------


def step_value(section: str) -> Any:
    """The step's value as the form shows it: its unsubmitted edits (items added or removed
    since it was last submitted), else its saved answer."""
    edits = st.session_state.get(WORKING) or {}
    return copy.deepcopy(edits[section]) if section in edits else answers().get(section)


def has_edits(section: str) -> bool:
    return section in (st.session_state.get(WORKING) or {})


def keep_edits(section: str, value: Any) -> None:
    """Hold the step's value without saving it as an answer (an item added: an empty item is
    not an answer, and nothing is flagged until the step is submitted). The store keeps it
    beside the draft (``DraftStore.keep_pending``), so a reload of the page finds it."""
    from charter.errors import CharterError

    st.session_state.setdefault(WORKING, {})[section] = copy.deepcopy(value)
    draft = draft_id()
    if draft:
        try:
            store().keep_pending(draft, section, value, base=revision() or 1)
        except CharterError as exc:  # kept in this session only: the user is told
            flash_detail("warning", i18n.N_("Not saved: {reason}"), reason=str(exc))


def drop_edits(section: str) -> None:
    (st.session_state.get(WORKING) or {}).pop(section, None)
    draft = draft_id()
    if draft:
        store().drop_pending(draft, section)


def forget_edits() -> None:
    """The answers were replaced (a draft opened, restored, closed): no edit or check holds."""
    st.session_state.pop(WORKING, None)
    st.session_state.pop(CHECKED, None)


def checked(section: str) -> bool:
    """Next was pressed on the step: what it still misses is shown, not only what is wrong."""
    return section in (st.session_state.get(CHECKED) or ())


def mark_checked(section: str) -> None:
    st.session_state.setdefault(CHECKED, set()).add(section)


def set_section(section: str, value: Any, *, step: str | None = None) -> bool:
    """Replace one section of the answers and save the draft at once (see ``save``)."""
    new = dict(answers())
    if value is None:
        new.pop(section, None)
    else:
        new[section] = value
    return save(new, step=step)


def save(new: dict[str, Any], *, step: str | None = None, note: str | None = None) -> bool:
    """Keep ``new`` as the session's answers and save it on the revision it was edited from.

    False when the draft was saved elsewhere in between (another tab, another person): nothing
    is saved, the typed answers stay in the session, and ``conflict()`` says what changed
    there until the user reloads or keeps their own (``resolve_conflict``)."""
    from charter.errors import CharterError
    from charter.store import StaleDraftError

    ss = st.session_state
    ss[ANSWERS] = new
    if not ss.get(DRAFT):
        return True
    try:
        ss[REVISION] = store().save(ss[DRAFT], new, base=ss[REVISION], step=step, note=note)
    except StaleDraftError as exc:
        ss[CONFLICT] = {"latest": exc.latest, "steps": list(exc.steps), "step": step}
        return False
    except CharterError as exc:  # a full or read-only data folder, answers no file may hold
        flash_detail("error", i18n.N_("Not saved: {reason}"), reason=str(exc))
        flash("warning", NOT_SAVED_HINT)
        return False
    ss.pop(CONFLICT, None)
    return True


def conflict() -> dict[str, Any] | None:
    """The refused save's conflict: ``latest`` (revision), ``steps`` changed elsewhere."""
    return st.session_state.get(CONFLICT)


def resolve_conflict(keep_mine: bool) -> None:
    """Reload the draft as saved elsewhere, or keep one's own answers knowingly.

    Keeping one's own saves, over the newest revision, the sections this session changed
    since the revision it was editing (so a step saved elsewhere that was not touched here
    is kept); a section changed on both sides takes this session's answers."""
    ss = st.session_state
    found = ss.pop(CONFLICT, None)
    draft = draft_id()
    if found is None or draft is None:
        return
    if not keep_mine:
        open_draft(draft)
        return
    mine = answers()
    base = store().revision(draft, ss[REVISION]).answers
    newest = store().latest(draft)
    merged = dict(newest.answers)
    for section in dict.fromkeys([*mine, *base]):
        if mine.get(section) != base.get(section):
            if section in mine:
                merged[section] = mine[section]
            else:
                merged.pop(section, None)
    ss[REVISION] = newest.number
    if save(merged, step=found.get("step"), note=f"kept-over:{newest.number}"):
        reseed()


def restore(number: int) -> bool:
    """Append a copy of revision ``number``; False (and the newest revision reopened) when
    the draft was saved elsewhere since this session last read it."""
    from charter.store import StaleDraftError

    draft = draft_id()
    if draft is None:
        return False
    try:
        new = store().restore(draft, number, base=st.session_state[REVISION])
    except StaleDraftError:
        open_draft(draft)
        return False
    st.session_state[ANSWERS] = store().latest(draft).answers
    st.session_state[REVISION] = new
    forget_edits()
    store().drop_pending(draft)  # the answers were replaced: earlier edits no longer apply
    reseed()
    return True


def revisions() -> list:
    draft = draft_id()
    return store().revisions(draft) if draft else []


def close_draft() -> None:
    ss = st.session_state
    ss.pop(CONFLICT, None)
    ss[DRAFT] = None
    ss[ANSWERS] = None
    ss[REVISION] = None
    ss[STEP] = None
    forget_edits()
    reseed()


# --- wizard position and widgets --------------------------------------------------------


def current_step() -> str | None:
    return st.session_state.get(STEP)


def set_step(step: str | None) -> None:
    st.session_state[STEP] = step


def generation() -> int:
    return st.session_state.get(GEN, 0)


def reseed() -> None:
    """Forget every widget's own value: the next run draws them from the answers."""
    st.session_state[GEN] = generation() + 1


def widget_key(pointer: str, suffix: str = "") -> str:
    return f"w{generation()}{pointer}{suffix}"


def widget_value(key: str, default: Any = None) -> Any:
    return st.session_state.get(key, default)


def has_widget(key: str) -> bool:
    return key in st.session_state


def request_goto(page: str) -> None:
    """Ask for another page (callbacks cannot switch pages themselves)."""
    st.session_state[GOTO] = page


def pop_goto() -> str | None:
    return st.session_state.pop(GOTO, None)


def presenter() -> bool:
    """Trainer mode's presenter view (larger type for a projector), for this session."""
    return bool(st.session_state.get(PRESENTER))


def set_presenter(on: bool) -> None:
    st.session_state[PRESENTER] = bool(on)


# --- messages that survive one rerun, and per-session caches ---------------------------


NOT_SAVED_HINT = i18n.N_(
    "Your answers are still in this page: keep it open, or download them (JSON) from the "
    "sidebar, and save again once the problem is solved."
)


def flash(kind: str, message: str) -> None:
    """A message (a gettext id, translated when shown) for the next run of the page."""
    st.session_state.setdefault(FLASH, []).append((kind, message, {}))


def flash_detail(kind: str, message: str, **values: str) -> None:
    """``flash`` with ``{placeholders}`` filled in after translation."""
    st.session_state.setdefault(FLASH, []).append((kind, message, values))


def pop_flashes() -> list[tuple[str, str, dict[str, str]]]:
    return st.session_state.pop(FLASH, [])


def cache() -> dict[str, Any]:
    """Per-session memo (rendered documents by answers hash)."""
    return st.session_state.setdefault(CACHE, {})
