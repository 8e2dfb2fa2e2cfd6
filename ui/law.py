""" "What the law says" at a wizard step: the provisions behind the step's questions, from the
catalogue (law, article, a plain summary in Arabic and in French, how sure we are of it), and why
each question exists (the questions that rest on the provision, with their descriptions).

The wizard's step page calls ``panel(step)``; trainer mode opens it by default and adds the
step's picture (composition, PAC cycle) when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

import streamlit as st

from charter.schema import resolve
from ui import backend, i18n, pictures, state, training
from ui.findings import status_label


@dataclass
class Basis:
    """One provision behind a step, and the questions of the step that rest on it."""

    provision: str
    questions: list[tuple[str, str]] = field(default_factory=list)  # (title, description)


def step_basis(step: str, lang: str) -> list[Basis]:
    """The provisions behind the questions of ``step``, in the order the questions come."""
    root = backend.schema()
    found: dict[str, Basis] = {}

    def visit(node: dict[str, Any], top: bool) -> None:
        node = resolve(node, root)
        title = (node.get("x-title") or {}).get(lang, "")
        desc = (node.get("x-description") or {}).get(lang, "")
        for pid in node.get("x-provisions") or ():
            basis = found.setdefault(pid, Basis(pid))
            if title and (title, desc) not in basis.questions:
                basis.questions.append((title, desc))
        for child in (node.get("properties") or {}).values():
            visit(child, False)
        items = node.get("items")
        if isinstance(items, dict):
            visit(items, False)

    visit(root["properties"][step], True)
    return list(found.values())


def summaries_html(pid: str) -> str:
    """The provision's summary in Arabic and in French, side by side, each in its direction."""
    p = backend.provision(pid)
    if p is None:
        return ""
    cells = []
    for lang in ("ar", "fr"):
        title = escape(p.title.get(lang, ""))
        summary = escape(p.summary.get(lang, ""))
        cite = escape(backend.cite(pid, lang))
        font = 'font-family:"Amiri",serif;font-size:1.08em;' if lang == "ar" else ""
        cells.append(
            f'<div dir="{i18n.direction(lang)}" lang="{lang}" style="{font}text-align:start">'
            f"<strong>{cite}</strong><br><em>{title}</em><p style='margin:.3em 0 0'>{summary}</p>"
            "</div>"
        )
    return (
        '<div style="display:grid;grid-template-columns:1fr 1fr;gap:1.2em;'
        'border-inline-start:3px solid #1d4e89;padding-inline-start:.8em;margin:.2em 0 .4em">'
        + "".join(cells)
        + "</div>"
    )


def why_html(basis: Basis, lang: str, heading: str) -> str:
    """The questions resting on a provision, as a list in the interface's direction (HTML, so the
    bullets sit on the right in Arabic)."""
    items = "".join(
        f"<li><strong>{escape(t)}</strong>" + (f" — {escape(d)}" if d else "") + "</li>"
        for t, d in basis.questions
    )
    return (
        f'<div dir="{i18n.direction(lang)}" lang="{lang}" style="text-align:start">'
        f'<p style="margin:.2em 0">{escape(heading)}</p><ul style="margin:0 0 .6em">{items}</ul>'
        "</div>"
    )


def show_basis(basis: Basis, lang: str) -> None:
    _ = state._()
    p = backend.provision(basis.provision)
    st.html(summaries_html(basis.provision))
    if p is not None and p.status != "confirmed-text":
        st.caption(_("Verification status: {status}").format(status=status_label(p.status)))
    note = ((p.note if p else None) or {}).get(lang)
    if note:
        st.caption(note)
    if basis.questions:
        st.html(why_html(basis, lang, _("Why these questions are asked:")))


def panel(step: str) -> None:
    """The "what the law says" panel of a wizard step (open by default in trainer mode)."""
    _ = state._()
    lang = state.lang()
    bases = step_basis(step, lang)
    training_on = training.active()
    if not bases and not training_on:
        return
    title = _("What the law says ({n} provisions)").format(n=len(bases))
    with st.expander(title, icon=":material/gavel:", expanded=training_on):
        if not bases:
            st.write(_("No provision of the law governs this step: it is the commune's choice."))
        for basis in bases:
            show_basis(basis, lang)
        if training_on:
            pictures.for_step(step, state.answers(), lang)
