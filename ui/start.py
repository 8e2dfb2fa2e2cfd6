"""The first screen: the language, then a blank charter, an example, an answers file or a PDF."""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st

from ui import backend, i18n, links, state

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MAX_ANSWERS_BYTES = 1_000_000


def examples() -> dict[str, dict[str, Any]]:
    """The fictional communes of ``examples/`` (valid ones only), by file name."""
    out = {}
    for path in sorted(EXAMPLES.glob("*.json")):
        try:
            out[path.name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return out


def example_title(name: str, answers: dict[str, Any], lang: str) -> str:
    level = backend.level_of(answers)
    ct = answers.get(level) if isinstance(answers.get(level), dict) else {}
    names = ct.get("name") if isinstance(ct.get("name"), dict) else {}
    title = names.get("ar" if lang == "ar" else "fr") or names.get("fr") or names.get("ar")
    if title and level != "commune":  # say which level: a region, a prefecture or province
        kinds = backend.schema()["properties"]["level"]["x-enum-titles"][level]
        title = f"{title} ({kinds.get(lang) or kinds['fr']})"
    return title or name  # the collectivity's name; the file's only when it has none


def _level_title(titles: dict[str, dict[str, str]], lang: str, level: str) -> str:
    return titles[level][lang]


def _title_of(found: dict[str, dict[str, Any]], lang: str, name: str) -> str:
    return example_title(name, found[name], lang)


def open_answers(answers: dict[str, Any], *, note: str) -> None:
    state.start_draft(answers, note=note)
    state.set_step(backend.sections(answers)[0])
    links.goto("wizard")


def page() -> None:
    _ = state._()
    lang = state.lang()
    st.title(_("Mithaq — local participatory governance charter"))
    st.write(
        _(
            "Mithaq helps a commune write its charter of participatory democracy, step by "
            "step. Every answer is checked against the organic law on communes, and the "
            "article behind each rule is shown. The charter comes out in Arabic or French, "
            "as Word and PDF."
        )
    )

    st.subheader(_("Choose your language"))
    cols = st.columns(len(i18n.LANGUAGES))
    for col, code in zip(cols, i18n.LANGUAGES, strict=True):
        with col:
            st.button(
                i18n.NATIVE_NAMES[code],
                key=f"start.lang.{code}",
                on_click=state.set_lang,
                args=(code,),
                type="primary" if code == lang and state.lang_chosen() else "secondary",
                width="stretch",
            )

    if state.has_draft():
        st.subheader(_("Your draft"))
        st.write(
            _("A draft is open (revision {revision}). It is saved: you can come back to it.")
            .format(revision=state.revision())
        )  # fmt: skip
        if st.button(_("Continue the draft"), key="start.continue", type="primary"):
            links.goto("wizard")

    with st.expander(_("Reopen a draft from its link or its id")):
        text = st.text_input(
            _("Link or id of the draft"), key="start.reopen", placeholder="…?draft=…"
        )
        if st.button(_("Reopen"), key="start.reopen.open") and text.strip():
            found = re.search(r"draft=([\w-]+)", text)
            if state.open_draft(found.group(1) if found else text.strip()):
                links.goto("wizard")
            st.error(_("No draft has this link or id."))

    st.subheader(_("Start a charter"))
    blank, example, upload, pdf = st.tabs(
        [_("Blank"), _("From an example"), _("From an answers file"), _("From a Mithaq PDF")]
    )
    with blank:
        st.write(_("Start from an empty charter and answer every step."))
        node = backend.schema()["properties"]["level"]  # the level's words are the schema's
        titles = node["x-enum-titles"]
        level = st.radio(
            node["x-title"][lang],
            node["enum"],
            format_func=partial(_level_title, titles, lang),
            key="start.level",
            horizontal=True,
            help=node["x-description"][lang],
        )
        if st.button(_("Start a blank charter"), key="start.blank", type="primary"):
            open_answers(backend.blank_answers(level), note="blank")
    with example:
        found = examples()
        if not found:
            st.info(_("No example is installed."))
        else:
            choice = st.selectbox(
                _("Fictional commune"),
                list(found),
                format_func=partial(_title_of, found, lang),
                key="start.example",
            )
            if st.button(_("Open this example"), key="start.example.open", type="primary"):
                open_answers(found[choice], note=f"example:{choice}")
    with upload:
        st.write(_("An answers file downloaded from Mithaq (JSON, 1 MB at most)."))
        file = st.file_uploader(
            _("Answers file"), type=["json"], key="start.upload", max_upload_size=1
        )
        if file is not None and st.button(
            _("Open this file"), key="start.upload.open", type="primary"
        ):
            _open_upload(file.getvalue(), file.name, pdf=False)
    with pdf:
        st.write(_("A charter PDF made by Mithaq carries its answers: open it to edit them."))
        file = st.file_uploader(_("Charter PDF"), type=["pdf"], key="start.pdf", max_upload_size=20)
        if file is not None and st.button(_("Open this PDF"), key="start.pdf.open", type="primary"):
            _open_upload(file.getvalue(), file.name, pdf=True)


def _open_upload(data: bytes, name: str, *, pdf: bool) -> None:
    _ = state._()
    try:
        if pdf:
            answers = backend.extract(data)
        else:
            if len(data) > MAX_ANSWERS_BYTES:
                st.error(_("This file is larger than 1 MB: it is not a Mithaq answers file."))
                return
            answers = backend.load_answers(data)
    except backend.CharterError as exc:
        st.error(_("This file cannot be opened: {reason}").format(reason=exc))
        return
    if not isinstance(answers, dict):
        st.error(_("This file holds no charter answers."))
        return
    open_answers(answers, note=f"{'pdf' if pdf else 'file'}:{name}")
