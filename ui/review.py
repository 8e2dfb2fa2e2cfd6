"""Review: every answer by section with an edit link, the compliance summary, the downloads."""

from __future__ import annotations

from functools import partial
from html import escape
from typing import Any

import streamlit as st

from ui import backend, form, links, pictures, progress, state
from ui.findings import join, show_findings
from ui.i18n import yes_no


def _edit(section: str) -> None:
    state.set_step(section)
    state.reseed()
    state.request_goto("wizard")


def page() -> None:
    if not state.has_draft():
        links.goto("start")
    _ = state._()
    lang = state.lang()
    out = state.out_lang()
    answers = state.answers()
    findings = backend.findings(answers, lang)
    sections = backend.sections(answers)
    schema = backend.schema()
    statuses = progress.statuses(sections, answers, findings)
    counts = progress.summary(findings)

    st.title(_("Review and download"))
    a, b, c = st.columns(3)
    a.metric(_("Errors"), counts["errors"])
    b.metric(_("Warnings"), counts["warnings"])
    done = sum(s == progress.COMPLETE for s in statuses.values())
    c.metric(_("Steps complete"), f"{done}/{len(sections)}")
    if counts["errors"]:
        st.error(
            _(
                "The charter still has errors. The documents below are drafts, marked as "
                "such on every page, until every error is corrected."
            )
        )
    else:
        st.success(_("No errors: the charter can be put to the council's deliberation."))

    downloads(answers, out, draft=bool(counts["errors"]))

    st.header(_("Compliance"))
    rows = backend.compliance(answers, out)
    tally = {k: sum(r.status == k for r in rows) for k in ("met", "warning", "missing")}
    title = _("Obligations: {met} met, {warnings} with warnings, {errors} with errors").format(
        met=tally["met"], warnings=tally["warning"], errors=tally["missing"]
    )
    with st.expander(title, expanded=bool(tally["missing"])):
        st.html(pictures.compliance_html(rows, out))
    if findings:
        with st.expander(_("Every finding ({n})").format(n=len(findings))):
            show_findings(findings, lang)

    st.header(_("Your answers"))
    for i, section in enumerate(sections, 1):
        node = schema["properties"][section]
        head, edit = st.columns([5, 1])
        with head:
            st.subheader(f"{i}. {form.label(node, section, lang)}")
            st.caption(links.status_text(statuses[section]))
        with edit:
            st.button(
                _("Edit"),
                key=f"review.edit.{section}",
                icon=":material/edit:",
                on_click=_edit,
                args=(section,),
            )
        body = answer_html(node, answers.get(section), schema, lang)
        st.html(body or f"<p>{escape(_('Not answered yet.'))}</p>")


DOCUMENTS = {  # kind → (MIME type, icon)
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ":material/description:",
    ),
    "pdf": ("application/pdf", ":material/picture_as_pdf:"),
}


def downloads(answers: dict[str, Any], out: str, *, draft: bool) -> None:
    """DOCX and PDF, made once per state of the answers (on the first click), and the answers."""
    _ = state._()
    labels = {
        ("docx", False): _("Download the charter (Word)"),
        ("docx", True): _("Download the draft (Word)"),
        ("pdf", False): _("Download the charter (PDF)"),
        ("pdf", True): _("Download the draft (PDF)"),
    }
    suffix = "-draft" if draft else ""
    columns = st.columns(len(DOCUMENTS) + 1)
    for col, (kind, (mime, icon)) in zip(columns, DOCUMENTS.items(), strict=False):
        with col:
            st.download_button(
                labels[kind, draft],
                data=partial(backend.render_document, kind, answers, out),
                file_name=f"mithaq-charter-{out}{suffix}.{kind}",
                mime=mime,
                icon=icon,
                key=f"dl.{kind}",
                on_click="ignore",
                width="stretch",
            )
    with columns[-1]:
        links.answers_download("review")


def answer_html(node: dict[str, Any], value: Any, root: dict[str, Any], lang: str) -> str:
    """An answer as HTML (every value escaped), labelled with the schema's titles."""
    node = form.resolve(node, root)
    k = form.kind(node)
    if value is None or value == [] or value == {}:
        return ""
    if k == "object":
        parts = []
        for prop, sub in node.get("properties", {}).items():
            inner = answer_html(sub, value.get(prop), root, lang) if isinstance(value, dict) else ""
            if not inner:
                continue
            sub = form.resolve(sub, root)
            title = escape(form.label(sub, prop, lang))
            if form.kind(sub) in ("object", "list"):  # a group: its title, then indented
                parts.append(
                    f'<div><b>{title}</b></div><div style="margin-inline-start:1.5em">{inner}</div>'
                )
            else:  # a value: on the line of its title
                parts.append(f"<div><b>{title}</b>: {inner}</div>")
        return "".join(parts)
    if k == "text":  # each language isolated in its own direction
        texts = [
            (tl, str(value[tl]))
            for tl in form.TEXT_LANGS
            if isinstance(value, dict) and value.get(tl)
        ]
        direction = {tl: "rtl" if tl == "ar" else "ltr" for tl, _ in texts}
        if any(len(text) > 80 for _, text in texts):  # paragraphs: one block per language
            return "".join(
                f'<div dir="{direction[tl]}" style="text-align:start;margin:.2em 0 .5em">'
                f"{escape(text)}</div>"
                for tl, text in texts
            )
        return " · ".join(f'<bdi dir="{direction[tl]}">{escape(text)}</bdi>' for tl, text in texts)
    if k == "list" and isinstance(value, list):
        item = node.get("items", {})
        return (
            "<ol>"
            + "".join(f"<li>{answer_html(item, v, root, lang)}</li>" for v in value)
            + "</ol>"
        )
    if k == "multi" and isinstance(value, list):
        items = form.resolve(node.get("items", {}), root)
        # each choice isolated: a Latin one ("Word (DOCX)") keeps its place in an Arabic line
        return join([f"<bdi>{escape(form.enum_title(items, v, lang))}</bdi>" for v in value], lang)
    if k == "enum":
        return escape(form.enum_title(node, value, lang))
    if isinstance(value, bool):
        return escape(yes_no(lang, value))
    if k == "date" and isinstance(value, str) and len(value) == 10:
        y, m, d = value.split("-")
        return f'<bdi dir="ltr">{escape(f"{d}/{m}/{y}")}</bdi>'
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 3, not 3.0
    return f'<bdi dir="ltr">{escape(str(value))}</bdi>' if k != "string" else escape(str(value))
