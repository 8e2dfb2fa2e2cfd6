"""Findings and derived values next to the fields, each with its article and, one click away,
what the law says (the provision from the catalogue)."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

import streamlit as st

from ui import backend, state
from ui.i18n import isolate, yes_no


def join(items: list[str], lang: str) -> str:
    """Items of a list as the language writes them (Arabic has its own comma)."""
    return ("، " if lang == "ar" else ", ").join(items)


def semicolon(lang: str) -> str:
    """Between citations: the Arabic semicolon in Arabic."""
    return "؛ " if lang == "ar" else "; "


def missing_languages(findings: list[dict[str, Any]], lang: str) -> None:
    """The texts the charter's languages still ask for, step by step (after French is
    switched on, say): every ``LANG-required`` finding, named by its field's title."""
    missing = [f for f in findings if f.get("rule") == "LANG-required"]
    if not missing:
        return
    _ = state._()
    by_step: dict[str, list[str]] = {}
    for f in missing:
        step = f["path"].split("/")[1]
        by_step.setdefault(step, []).append(backend.field_title(f["path"], lang))
    schema = backend.schema()
    lines = [
        f"- **{escape(title_of(schema, step, lang))}**: {escape(join(names, lang))}"
        for step, names in by_step.items()
    ]
    st.info(
        _("The charter's languages still ask for {n} texts, step by step:").format(n=len(missing))
        + "\n\n"
        + "\n".join(lines),
        icon=":material/translate:",
    )


def title_of(schema: dict[str, Any], step: str, lang: str) -> str:
    node = schema.get("properties", {}).get(step, {})
    return (node.get("x-title") or {}).get(lang) or step


def citation_label(citation: dict[str, Any], lang: str) -> str:
    """``LO 113-14, art. 125`` in the interface language."""
    return backend.cite(citation.get("provision", ""), lang)


def show_provision(pid: str, lang: str) -> None:
    """A provision of the catalogue: law, article, title, summary, status and note."""
    _ = state._()
    p = backend.provision(pid)
    if p is None:
        st.caption(pid)
        return
    title = p.title.get(lang) or p.title.get("fr") or pid  # titles are ar + fr
    st.markdown(f"**{title}**")
    summary = p.summary.get(lang) or p.summary.get("fr")
    if summary:
        st.write(summary)
    if p.status != "confirmed-text":
        st.caption(_("Verification status: {status}").format(status=status_label(p.status)))
    note = (p.note or {}).get(lang)
    if note:
        st.caption(note)


def status_label(status: str) -> str:
    _ = state._()
    return {
        "confirmed-text": _("confirmed from the official text"),
        "confirmed-secondary": _("confirmed from secondary sources"),
        "unverified": _("not yet verified against the official text"),
    }.get(status, status)


def law_popover(pids: list[str], lang: str) -> None:
    if not pids:
        return
    _ = state._()
    with st.popover(_("What the law says"), icon=":material/gavel:"):
        for pid in pids:
            show_provision(pid, lang)


def show_findings(findings: list[dict[str, Any]], lang: str) -> None:
    for f in findings:
        cites = f.get("citations") or []
        where = semicolon(lang).join(citation_label(c, lang) for c in cites)
        text = f["message"] + (f" — {where}" if where else "")
        if f.get("severity") == "error":
            st.error(text, icon=":material/error:")
        else:
            st.warning(text, icon=":material/warning:")
        pids = list(dict.fromkeys(c["provision"] for c in cites if c.get("provision")))
        law_popover(pids, lang)


def as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def format_value(value: Any) -> str:
    """A value as Moroccan texts write it: dates DD/MM/YYYY (never ISO inside Arabic),
    Western digits, whole numbers without ".0", yes/no and lists in the interface language."""
    if isinstance(value, bool):
        return yes_no(state.lang(), value)
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 3, not 3.0
    if isinstance(value, list | tuple):
        return join([format_value(v) for v in value], state.lang())
    day = as_date(value)
    if day is not None:
        return day.strftime("%d/%m/%Y")
    return str(value)


def show_derived(label: str, derived: Any, node: dict[str, Any], lang: str) -> None:
    """A value the law fixes (a ``charter.Derived``): shown with its article, never asked."""
    _ = state._()
    pids = list(derived.provisions) if derived else list(node.get("x-provisions") or [])
    cites = semicolon(lang).join(backend.cite(pid, lang) for pid in pids)
    if derived is None:
        value = _("follows from your other answers")
    else:
        value = f'<bdi class="mithaq-ltr">{escape(format_value(derived.value))}</bdi>'
    fixed = _("fixed by law") + (f" — {cites}" if cites else "")
    st.markdown(f"**{escape(label)}**: {value} · _{fixed}_", unsafe_allow_html=True)
    law_popover(pids, lang)


def show_limit(derived: Any, lang: str) -> None:
    """The law's bound on an answer the commune chooses (a shorter deadline is welcome)."""
    _ = state._()
    cites = semicolon(lang).join(backend.cite(pid, lang) for pid in derived.provisions)
    if as_date(derived.value) is not None:
        text = {
            "maximum": _("The law sets the latest date: {value} ({cites})."),
            "minimum": _("The law sets the earliest date: {value} ({cites})."),
        }.get(derived.kind, _("The law fixes the date: {value} ({cites})."))
    else:
        text = {
            "maximum": _("The law allows at most {value} ({cites})."),
            "minimum": _("The law asks for at least {value} ({cites})."),
        }.get(derived.kind, _("The law fixes {value} ({cites})."))
    value = isolate(format_value(derived.value))
    st.caption(text.format(value=value, cites=cites))
