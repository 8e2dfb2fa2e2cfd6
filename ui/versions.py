"""The charter's adopted versions: adopt the current revision, list the versions with their
deliberations, download each as it was adopted, and compare two of them (a redline in Word's
tracked changes, a PDF with the changes marked, the "what changed" table)."""

from __future__ import annotations

import streamlit as st

from ui import backend, dates, links, state, training
from ui.i18n import N_, isolate
from ui.times import local_text

CHANGES = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}


def _adopt() -> None:
    api = backend.versions_api()
    try:
        done = api.adopt(state.store(), state.draft_id(), state.revision(),
                         backend.snapshot_in_force())  # fmt: skip
    except api.AdoptionError:
        state.flash(
            "error",
            N_(
                "This revision cannot be recorded as adopted: the step “Drafting and adoption” "
                "must say the charter is adopted and give the deliberation's number and date."
            ),
        )
        return
    except backend.CharterError:
        state.flash("error", N_("This revision still has errors: correct them before adopting."))
        return
    state.flash_detail(
        "success", N_("Version {version} is recorded as adopted."),
        version=str(done.adoption.version),
    )  # fmt: skip


@st.cache_data(max_entries=8, show_spinner=False)  # its own words: Streamlit's are English
def _redline(draft: str, old: int, new: int, lang: str):
    """Adopted versions never change: their comparison is made once."""
    return backend.versions_api().redline(state.store(), draft, old, new, lang)


@st.fragment(run_every=3)
def _wait_for_the_sample(draft: str) -> None:
    """A training sample's adopted versions are being recorded beside the page: say so, and
    draw the page again when they are."""
    if training.seeding(draft) is None:
        st.rerun()
    _ = state._()
    st.info(
        _("The sample's two adopted versions are being recorded (about a minute)…"),
        icon=":material/hourglass_top:",
    )


def page() -> None:
    if not state.has_draft():
        links.goto("start")
    _ = state._()
    st.title(_("Adopted versions"))
    st.write(
        _(
            "When the council has adopted the charter, record the revision it adopted: its "
            "documents can then be made again exactly as adopted, and compared with a later "
            "version."
        )
    )
    store, draft = state.store(), state.draft_id()
    seeding = training.seeding(draft) is not None
    done = next((v for v in store.adoptions(draft) if v.revision == state.revision()), None)
    st.button(
        _("Record revision {revision} as adopted").format(revision=state.revision()),
        on_click=_adopt, key="versions.adopt", type="primary", icon=":material/verified:",
        disabled=seeding or done is not None,
    )  # fmt: skip
    if done is not None:
        st.caption(
            _("This revision is version {version}: change the draft to adopt a new version.")
            .format(version=done.version)
        )  # fmt: skip
    if seeding:
        _wait_for_the_sample(draft)
    adopted = store.adoptions(draft)
    if not adopted:
        st.info(_("No version of this charter is recorded as adopted yet."))
        return
    lang = state.out_lang()
    api = backend.versions_api()
    for v in reversed(adopted):
        with st.container(border=True):
            st.markdown(
                "**"
                + _("Version {version}").format(version=v.version)
                + "** — "
                + _("deliberation {number} of {date}").format(
                    number=isolate(v.deliberation_number),
                    date=isolate(dates.text(v.deliberation_date)),
                )
            )
            st.caption(
                _("Revision {revision}, recorded on {when}").format(
                    revision=v.revision, when=isolate(local_text(v.recorded))
                )
            )
            cols = st.columns(2)
            for col, fmt in zip(cols, ("docx", "pdf"), strict=True):
                col.download_button(
                    _("Download the adopted {format}").format(format=fmt.upper()),
                    data=lambda v=v, fmt=fmt: api.rerender(store, draft, v.version, lang, fmt),
                    file_name=f"charter-v{v.version}-{lang}.{fmt}",
                    key=f"versions.dl.{v.version}.{fmt}",
                    on_click="ignore",
                    icon=":material/download:",
                )
    if len(adopted) < 2:
        return
    st.subheader(_("Compare two versions"))
    numbers = [v.version for v in adopted]
    old_col, new_col = st.columns(2)
    old = old_col.selectbox(_("From version"), numbers[:-1], key="versions.old")
    new = new_col.selectbox(
        _("To version"), [n for n in numbers if n > old], key="versions.new",
        index=len([n for n in numbers if n > old]) - 1,
    )  # fmt: skip
    with st.spinner(_("Comparing the two versions…")):
        red = _redline(draft, old, new, lang)
    rows = [
        {_("Article"): f"{a.new_label or a.old_label} — {a.title}",
         _("Change"): _(CHANGES[a.change]), _("Why"): a.reason,
         _("Provisions"): ("؛ " if lang == "ar" else " ; ").join(a.citations)}
        for a in red.comparison.changed
    ]  # fmt: skip
    if rows:
        # an HTML table: it follows the page's direction and wraps its text (the data grid
        # drew Arabic columns left to right and cut the last one off, and hid the reasons on
        # a phone)
        st.table(rows, hide_index=True)
    else:
        st.info(_("The two versions have the same text."))
    cols = st.columns(2)
    cols[0].download_button(
        _("Redline (Word, tracked changes)"), data=red.docx,
        file_name=f"redline-v{old}-v{new}-{lang}.docx", key="versions.red.docx",
        on_click="ignore", icon=":material/difference:",
    )  # fmt: skip
    cols[1].download_button(
        _("Redline (PDF)"), data=red.pdf, file_name=f"redline-v{old}-v{new}-{lang}.pdf",
        key="versions.red.pdf", on_click="ignore", icon=":material/difference:",
    )  # fmt: skip
