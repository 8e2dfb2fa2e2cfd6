"""The draft's revisions (every submitted step), with restore and the answers file."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from ui import backend, form, links, start, state
from ui.i18n import N_
from ui.times import local_text

SHOWN = 60


def _restore(number: int) -> None:
    if state.restore(number):
        state.flash("success", N_("The earlier revision is restored, as a new revision."))
    else:
        state.flash(
            "warning",
            N_(
                "The draft was saved elsewhere (another tab or person) in the meantime. "
                "Here is its newest state: choose the revision to restore again."
            ),
        )


def _new_charter() -> None:
    state.close_draft()
    state.request_goto("start")


# the pages' url_path
PAGES = ("start", "wizard", "review", "history", "versions", "monitoring", "training", "advisors")


def draft_link() -> str:
    """The full address that reopens this draft on the wizard, in the interface language."""
    return link_for(st.context.url or "", state.draft_id() or "", state.lang())


def link_for(url: str, draft: str, lang: str) -> str:
    """``…/wizard?draft=…&lang=…`` on the app's own address as the browser sees it (behind a
    proxy's prefix too): ``url`` is the page's, whose page name is dropped."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    head, _sep, last = path.rpartition("/")
    if last in PAGES:
        path = head
    query = urlencode({"draft": draft, "lang": lang})
    return urlunsplit((parts.scheme, parts.netloc, f"{path}/wizard", query, ""))


def page() -> None:
    if not state.has_draft():
        links.goto("start")
    _ = state._()
    lang = state.lang()
    st.title(_("Drafts and history"))
    st.write(
        _(
            "Keep this link (copy it with the button at its end): it is the only key to your "
            "draft. Every submitted step is saved as a revision; restoring an earlier one adds "
            "it as the newest revision, so nothing is ever lost."
        )
    )
    # the whole link, with its copy button; the id alone is no use in a browser
    st.code(draft_link(), language=None, wrap_lines=True)
    links.answers_download("history")
    st.button(_("Start another charter"), key="history.new", on_click=_new_charter)

    schema = backend.schema()
    st.header(_("Revisions"))
    st.caption(_("Times are Morocco's."))
    revisions = state.revisions()
    for rev in revisions[:SHOWN]:
        when = local_text(rev.created)
        step = rev.step
        what = (
            form.label(schema["properties"][step], step, lang)
            if step in schema.get("properties", {})
            else _describe(rev.note)
        )
        a, b, c = st.columns([1, 4, 2])
        a.markdown(f"**{rev.number}**")
        b.markdown(f"<bdi dir='ltr'>{when}</bdi> · {what}", unsafe_allow_html=True)
        if rev.number == state.revision():
            c.caption(_("current"))
        else:
            c.button(
                _("Restore"),
                key=f"history.restore.{rev.number}",
                icon=":material/restore:",
                on_click=_restore,
                args=(rev.number,),
            )
    if len(revisions) > SHOWN:
        st.caption(_("{n} older revisions are kept too.").format(n=len(revisions) - SHOWN))


def _describe(note: str | None) -> str:
    _ = state._()
    kind, _sep, detail = (note or "").partition(":")
    label = {
        "blank": _("blank charter"),
        "example": _("opened from an example"),
        "file": _("opened from an answers file"),
        "pdf": _("opened from a PDF"),
        "restored": _("restored from revision"),
        "kept-over": _("kept over revision"),
        "training": _("training draft opened from a sample"),
    }.get(kind, kind)
    if not detail:
        return escape(label)
    samples = start.examples() if kind in ("example", "training") else {}
    if detail in samples:  # a sample is named by its commune, not by its file
        name = start.example_title(detail, samples[detail], state.lang())
        return f"{escape(label)}: <bdi>{escape(name)}</bdi>"
    if samples or kind == "training":  # a sample no longer installed: its file name is no help
        return escape(label)
    return f'{escape(label)} <bdi dir="ltr">{escape(detail)}</bdi>'  # a file name, a number
