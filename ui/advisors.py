"""The Advisors page: the charter's wording and Word layouts, for legal advisors.

Shown only when an advisors' password is configured (``MITHAQ_ADVISORS_PASSWORD`` or the
``advisors_password`` Streamlit secret) and typed. Browse the clauses by section with their legal
basis; edit a clause (text and title per language, condition, provisions) with a live preview on
any example commune; save (the template doctor checks first, a broken clause is refused with the
located reason); versions with their diff and revert; upload or restore a Word layout; export the
edited library. Everything the page does is done by ``charter.library`` and ``charter.doctor``.
"""

from __future__ import annotations

import hmac
import json
import os
from functools import partial
from typing import Any

import streamlit as st

from charter import catalogue
from charter.errors import CharterError
from charter.library import LANGS, AdvisorsLibrary, default_location, preview_html
from charter.resources import examples
from ui import diffview, frames, i18n, state
from ui.findings import join
from ui.i18n import isolate
from ui.start import example_title
from ui.times import local_text

UNLOCKED = "advisors.unlocked"
GEN = "advisors.gen"
RESULT = "advisors.result"
LANG_NAMES = i18n.NATIVE_NAMES


def password() -> str | None:
    """The advisors' password, from the environment or the app's secrets (None: no page)."""
    value = os.environ.get("MITHAQ_ADVISORS_PASSWORD")
    if not value:
        try:
            value = st.secrets.get("advisors_password")
        except Exception:  # no secrets file at all: Streamlit raises its own error types
            value = None
    return str(value) if value else None


@st.cache_resource(show_spinner=False)
def _store(where: str) -> AdvisorsLibrary:
    return AdvisorsLibrary(where)


def store() -> AdvisorsLibrary:
    """One library per database (``MITHAQ_DATABASE_URL``, else ``MITHAQ_DATA``) and process."""
    return _store(default_location())


@st.cache_data(show_spinner=False)
def _examples() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in examples()}


def _memo() -> dict[str, Any]:
    return state.cache()


def _gen() -> int:
    return _memo().get(GEN, 0)


def _reseed() -> None:
    _memo()[GEN] = _gen() + 1


def _result(kind: str, lines: list[str]) -> None:
    _memo()[RESULT] = (kind, lines)


# --- the gate ------------------------------------------------------------------------------------


def _try_password(key: str) -> None:
    _ = state._()
    throttle = store().logins  # in the advisors' database: every instance counts the same
    wait = throttle.wait()
    if wait > 0:
        _memo()[UNLOCKED] = False
        _result(
            "error",
            [_("Too many wrong passwords: try again in {n} seconds.").format(n=int(wait) + 1)],
        )
        return
    typed = state.widget_value(key) or ""
    expected = password() or ""
    ok = bool(expected) and hmac.compare_digest(typed.encode(), expected.encode())
    throttle.record(ok)
    _memo()[UNLOCKED] = ok
    if not ok:
        _result("error", [_("Wrong password.")])


def gate() -> bool:
    """Whether the advisor is in; otherwise draw the password form."""
    _ = state._()
    if _memo().get(UNLOCKED):
        return True
    with st.form("advisors.login"):
        st.text_input(_("Advisors' password"), type="password", key="advisors.password")
        st.form_submit_button(
            _("Enter"), on_click=_try_password, args=("advisors.password",), type="primary"
        )
    return False


# --- the page ------------------------------------------------------------------------------------


def page() -> None:
    _ = state._()
    st.title(_("Advisors: wording and layouts of the charter"))
    if not password():
        st.error(_("The Advisors page is not available: no advisors' password is configured."))
        return
    result = _memo().pop(RESULT, None)
    if not gate():
        if result:
            st.error("\n\n".join(result[1]))
        return
    if result:
        kind, lines = result
        (st.error if kind == "error" else st.success)("\n\n".join(lines))
    st.text_input(_("Your name (recorded with each version)"), key="advisors.author", max_chars=80)
    clauses, layouts, export = st.tabs([_("Clauses"), _("Word layouts"), _("Export")])
    with clauses:
        clause_editor()
    with layouts:
        layout_manager()
    with export:
        export_panel()


def _author() -> str:
    return state.widget_value("advisors.author") or ""


def _lang() -> str:
    """The language of the interface's labels for clause and section titles (ar or fr)."""
    return "ar" if state.lang() == "ar" else "fr"


def _provision_label(pid: str, lang: str) -> str:
    cat = catalogue()
    if pid not in cat:
        return pid
    return f"{cat.cite(pid, lang)} — {cat[pid].title.get(lang, '')}"


def clause_editor() -> None:
    _ = state._()
    lib = store()
    shipped = lib.shipped()
    lang = _lang()
    edited = lib.edited()
    sections: dict[str, str] = {}
    for c in shipped.values():
        sections.setdefault(c.section, c.section_title.get(lang, c.section))
    section = st.selectbox(
        _("Section"), list(sections), format_func=sections.get, key="advisors.section"
    )
    ids = [cid for cid, c in shipped.items() if c.section == section]

    labels = {
        cid: f"{(lib.article(cid).get('title') or {}).get(lang) or cid} ({cid})"
        + (" ✎" if cid in edited else "")
        for cid in ids
    }
    cid = st.selectbox(_("Article"), ids, format_func=labels.get, key="advisors.clause")
    if cid is None:
        return
    article = lib.article(cid)
    st.markdown("**" + _("Legal basis") + "**")
    for pid in article.get("provisions") or []:
        st.markdown("- " + _provision_label(pid, lang))
    edit_form(cid, article)
    candidate = typed(cid, article)
    left, right = st.columns(2)
    with left:
        preview(lib, cid, candidate)
    with right:
        save_panel(cid)
    versions_panel(lib, cid)


def _key(cid: str, name: str) -> str:
    return f"advisors.{_gen()}.{cid}.{name}"


def _suffix(lang: str) -> str:
    return "_rtl" if lang == "ar" else "_ltr"


def edit_form(cid: str, article: dict) -> None:
    """The editing widgets, seeded from the article in force."""
    _ = state._()
    cat = catalogue()
    cols = st.columns(2)
    for col, lang in zip(cols, LANGS, strict=True):
        with col:
            st.markdown(f"**{LANG_NAMES[lang]}**")
            st.text_input(
                _("Title"),
                value=article["title"][lang],
                key=_key(cid, f"title.{lang}{_suffix(lang)}"),
            )
            st.text_area(
                _("Text"),
                value=article["text"][lang],
                height=260,
                key=_key(cid, f"text.{lang}{_suffix(lang)}"),
            )
    st.text_input(
        _("Condition (the article appears only when it holds; empty: always)"),
        value=article.get("when") or "",
        key=_key(cid, "when_ltr"),
    )
    current = list(article.get("provisions") or [])
    options = list(cat.provisions) + [p for p in current if p not in cat]
    st.multiselect(
        _("Provisions the article rests on"),
        options,
        default=current,
        format_func={p: _provision_label(p, _lang()) for p in options}.get,
        key=_key(cid, "provisions"),
    )


def typed(cid: str, article: dict) -> dict:
    """The article as typed in the widgets (the article in force where a widget is absent).
    Read from the widgets' state, so a callback sees what was typed last."""
    value = state.widget_value
    return {
        "id": cid,
        "title": {
            lang: value(_key(cid, f"title.{lang}{_suffix(lang)}"), article["title"][lang])
            for lang in LANGS
        },
        "text": {
            lang: value(_key(cid, f"text.{lang}{_suffix(lang)}"), article["text"][lang])
            for lang in LANGS
        },
        "when": value(_key(cid, "when_ltr"), article.get("when") or ""),
        "provisions": value(_key(cid, "provisions"), list(article.get("provisions") or [])),
    }


def _problems(exc: CharterError) -> list[str]:
    problems = getattr(exc, "problems", None)
    return [str(p) for p in problems] if problems else [str(exc)]


def _example_title(lang: str, stem: str) -> str:
    """The example's collectivity as a person names it, never its file's name."""
    return example_title("", _examples()[stem], lang) or stem


def preview(lib: AdvisorsLibrary, cid: str, candidate: dict) -> None:
    _ = state._()
    st.markdown("**" + _("Preview") + "**")
    names = list(_examples())
    example = st.selectbox(
        _("Example commune"),
        names,
        key="advisors.example",
        format_func=partial(_example_title, state.lang()),
    )
    lang = st.segmented_control(
        _("Language of the charter"),
        LANGS,
        default=_lang(),
        required=True,
        format_func=LANG_NAMES.get,
        key="advisors.preview_lang",
    )
    try:
        html = preview_html(lib, cid, candidate, _examples()[example], lang or "fr")
    except CharterError as exc:
        st.error(_("This text cannot be used yet:") + "\n\n" + "\n\n".join(_problems(exc)))
        return
    if html is None:
        st.info(
            _("This article does not appear in this commune's charter (its condition is false).")
        )
        return
    st.iframe(frames.sandboxed(html), height=420)


def _save(cid: str) -> None:
    _ = state._()
    candidate = typed(cid, store().article(cid))
    try:
        version = store().save(cid, candidate, _author(), state.widget_value("advisors.note") or "")
    except CharterError as exc:
        _result("error", [_("Not saved:"), *_problems(exc)])
        return
    _result("success", [_("Saved as version {n}.").format(n=version.number)])
    _reseed()


def save_panel(cid: str) -> None:
    _ = state._()
    st.markdown("**" + _("Save") + "**")
    st.text_input(_("What you changed, and why (optional)"), key="advisors.note", max_chars=200)
    st.button(
        _("Check and save"),
        key="advisors.save",
        type="primary",
        on_click=_save,
        args=(cid,),
        icon=":material/save:",
    )


def _revert(cid: str, number: int) -> None:
    _ = state._()
    try:
        version = store().revert(cid, number, _author())
    except CharterError as exc:
        _result("error", [_("Not reverted:"), *_problems(exc)])
        return
    _result(
        "success",
        [_("Version {old} is back, as version {n}.").format(old=number, n=version.number)],
    )
    _reseed()


def _article_title(lib: AdvisorsLibrary, cid: str) -> str:
    return (lib.article(cid).get("title") or {}).get(_lang()) or cid


def field_name(field: str, title: str) -> str:
    """A field of ``charter.library.FIELDS`` in words: "the text of «Article title», in
    Arabic" rather than ``text.ar``."""
    _ = state._()
    part, _dot, code = field.partition(".")
    language = {"ar": _("in Arabic"), "fr": _("in French")}.get(code, "")
    named = {
        "title": _("Title of «{article}»"),
        "text": _("Text of «{article}»"),
        "when": _("Condition of «{article}»"),
        "provisions": _("Provisions cited by «{article}»"),
    }.get(part, "{article}")
    text = named.format(article=title)
    return join([text, language], state.lang()) if language else text


def version_label(v: Any) -> str:
    """ "Version 3 — 01/12/2026 00:37, Amina": the date in Morocco's time, isolated so that an
    Arabic label keeps it whole."""
    _ = state._()
    return _("Version {n} — {when}, {who}").format(
        n=v.number, when=isolate(local_text(v.created)), who=isolate(v.author)
    )


def versions_panel(lib: AdvisorsLibrary, cid: str) -> None:
    _ = state._()
    versions = lib.versions(cid)
    title = _article_title(lib, cid)
    st.markdown("**" + _("Versions") + "**")
    st.html(diffview.CSS)
    for i, v in enumerate(versions):
        label = _("Version 0 — the shipped text") if v.number == 0 else version_label(v)
        with st.expander(label, expanded=i == 0 and v.number > 0):
            if v.note:
                st.caption(v.note)
            if v.number > 0:
                names = [field_name(f, title) for f in v.changed]
                st.caption(_("Changed: {fields}").format(fields=join(names, state.lang()) or "—"))
                for field, old, new in v.changes():
                    st.markdown("**" + field_name(field, title) + "**")
                    st.html(diffview.words_html(old, new, rtl=field.endswith(".ar")))
            if i > 0:
                st.button(
                    _("Revert to this version"),
                    key=f"advisors.revert.{cid}.{v.number}",
                    on_click=_revert,
                    args=(cid, v.number),
                    icon=":material/undo:",
                )


# --- Word layouts --------------------------------------------------------------------------------


def _upload(lang: str, key: str) -> None:
    _ = state._()
    uploaded = state.widget_value(key)
    if uploaded is None:
        _result("error", [_("Choose a .docx file first.")])
        return
    try:
        version = store().upload_layout(lang, uploaded.getvalue(), _author())
    except CharterError as exc:
        _result("error", [_("Layout refused:"), *_problems(exc)])
        return
    _result("success", [_("The layout is in use, as version {n}.").format(n=version.number)])
    _reseed()


def _restore(lang: str, number: int) -> None:
    _ = state._()
    try:
        version = store().restore_layout(lang, number, _author())
    except CharterError as exc:
        _result("error", [_("Not restored:"), *_problems(exc)])
        return
    _result(
        "success",
        [_("Version {old} is back, as version {n}.").format(old=number, n=version.number)],
    )


def layout_manager() -> None:
    _ = state._()
    lib = store()
    lang = (
        st.segmented_control(
            _("Layout of the charter in"),
            LANGS,
            default=_lang(),
            required=True,
            format_func=LANG_NAMES.get,
            key="advisors.layout_lang",
        )
        or "fr"
    )
    st.caption(
        _("Download the layout in use, restyle it in Word, and upload it: it is checked, an "
          "example is rendered with it, and it is used from then on. 5 MB at most.")
    )  # fmt: skip
    key = f"advisors.{_gen()}.upload.{lang}"
    # no per-widget limit: a 6 MB file reaches the doctor, which says "too large (… 5 MB)"
    st.file_uploader(_("Word layout (.docx)"), type=["docx"], key=key)
    st.button(
        _("Check and use this layout"),
        key=f"advisors.upload.{lang}",
        on_click=_upload,
        args=(lang, key),
        type="primary",
        icon=":material/upload_file:",
    )
    for i, v in enumerate(lib.layouts(lang)):
        if v.shipped:
            label = _("Version {n} — the shipped layout").format(n=v.number)
        else:
            label = version_label(v)
        cols = st.columns([3, 1, 1])
        cols[0].markdown(("**" + label + "** ✓") if i == 0 else label)
        cols[1].download_button(
            _("Download"),
            data=lib.layout_bytes(lang, v.number),
            file_name=f"charter-{lang}.docx",
            mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            key=f"advisors.dl.{lang}.{i}",
            on_click="ignore",
        )
        if i > 0:
            cols[2].button(
                _("Restore"),
                key=f"advisors.restore.{lang}.{i}",
                on_click=_restore,
                args=(lang, v.number),
            )


def export_panel() -> None:
    _ = state._()
    st.caption(
        _("The library in force (edited clauses and Word layouts in use), as files to commit "
          "to templates/ in the repository.")
    )  # fmt: skip
    st.download_button(
        _("Download the edited library (.zip)"),
        data=store().export_zip,
        file_name="mithaq-templates.zip",
        mime="application/zip",
        key="advisors.export",
        on_click="ignore",
        icon=":material/download:",
    )
