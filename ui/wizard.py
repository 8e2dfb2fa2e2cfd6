"""One step of the charter: a form built from the schema's section, its findings, the preview."""

from __future__ import annotations

import streamlit as st

from ui import backend, communes, form, law, links, progress, state
from ui.findings import missing_languages, show_findings
from ui.i18n import N_


def _submit(section: str, target: str | None, *, forward: bool = False) -> None:
    """Back / Save / Next: keep the step's answers (saved at once), then move.

    Next stays on a step whose answers have errors the user has not seen yet (new answers, or
    missing ones never shown), so they appear next to their fields; pressing Next again
    without changing anything goes on regardless.
    """
    before = state.answers().get(section)
    seen = state.checked(section)
    if not form.submit_step(section):
        return  # saved elsewhere meanwhile: stay, the notice says what to do
    backend.prepare_pdf(state.answers(), state.out_lang())  # the download is ready when asked
    if forward:
        state.mark_checked(section)  # from now on, what the step misses is shown too
    if forward and (state.answers().get(section) != before or not seen):
        answers = state.answers()
        errors = [
            f
            for f in backend.findings(answers, state.lang())
            if f["severity"] == "error" and progress.in_section(f, section)
        ]
        if errors:
            state.flash(
                "warning",
                N_(
                    "This step still has errors, shown next to their fields. Correct them, "
                    "or press Next again to go on: you can come back to it at any time."
                ),
            )
            return
    if target == "review":
        state.request_goto("review")
    elif target:
        state.set_step(target)
        state.reseed()


def _keep(section: str) -> None:
    """A move made outside the form (the sidebar's steps, pages or language): the page's script
    first submits the form through the hidden "keep" button, and what was typed in the step is
    saved as Save would, when anything was typed; the move then goes on."""
    shown = state.step_value(section)
    value = form.collect_step(section)
    if value != shown and (shown is not None or form.answered(value)):
        form.submit_step(section)


def page() -> None:
    if not state.has_draft():
        links.goto("start")
    _ = state._()
    lang = state.lang()
    sections = backend.sections(state.answers())
    step = state.current_step()
    if step not in sections:
        step = sections[0]
        state.set_step(step)
    i = sections.index(step)
    schema = backend.schema()
    node = schema["properties"][step]
    answers = state.answers()
    status = progress.step_status(
        step, answers, [f for f in backend.findings(answers, lang) if progress.in_section(f, step)]
    )
    # the form shows the step with its unsubmitted edits (items added); a finding is shown
    # only where the user acted (see form.visible): a step not yet submitted shows none
    value = state.step_value(step)
    shown = {**answers, step: value} if value is not None else answers
    findings = [
        f
        for f in backend.findings(shown, lang)
        if progress.in_section(f, step)
        and form.visible(f, answers.get(step), value, checked=state.checked(step))
    ]

    st.caption(
        _("Step {n} of {total}").format(n=i + 1, total=len(sections))
        + f" · {links.status_text(status)}"
    )
    st.header(form.label(node, step, lang))
    desc = form.description(node, lang)
    if desc:
        st.write(desc)
    law.panel(step)  # what the law says (open in trainer mode)

    if step in communes.CHAIN:  # the identification step: a census look-up fills its answers
        communes.picker(step)
    left, right = st.columns([3, 2], gap="large")
    with left, st.form(f"step.{step}.{state.generation()}", border=False, enter_to_submit=False):
        ctx = form.Ctx(
            lang=lang,
            findings=findings,
            derived=backend.derived_by_path(shown),
            root=schema,
            languages=state.charter_languages(),
        )
        form.draw(node, "/" + step, value, ctx, name=step, top=True)
        rest = ctx.rest()
        if rest:
            show_findings(rest, lang)
        if step == "output" and step in answers:  # a language switched on: what it still needs
            missing_languages(backend.findings(answers, lang), lang)
        st.divider()
        back, save, nxt = st.columns(3)
        with back:
            st.form_submit_button(
                _("Back"),
                icon=":material/arrow_back:",
                key="step.back",
                disabled=i == 0,
                on_click=_submit,
                args=(step, sections[i - 1] if i else None),
                width="stretch",
            )
        with save:
            st.form_submit_button(
                _("Save"),
                icon=":material/save:",
                key="step.save",
                on_click=_submit,
                args=(step, None),
                width="stretch",
            )
        st.form_submit_button(  # pressed by the page's script only (hidden): see _keep
            _("Save"), key="step.keep", on_click=_keep, args=(step,)
        )
        with nxt:
            last = i == len(sections) - 1
            st.form_submit_button(
                _("Review") if last else _("Next"),
                icon=":material/arrow_forward:",
                key="step.next",
                type="primary",
                on_click=_submit,
                args=(step, "review" if last else sections[i + 1]),
                kwargs={"forward": True},
                width="stretch",
            )
    with right:
        preview(step)


def preview(step: str | None = None) -> None:
    """The charter as it stands, in the charter's language, refreshed after each submit."""
    _ = state._()
    out = state.out_lang()
    st.markdown("**" + _("Preview of the charter") + "**")
    try:
        html = backend.preview_html(state.answers(), out, anchor=step)
    except backend.CharterError as exc:
        st.info(_("The preview is not available yet: {reason}").format(reason=exc))
        return
    st.iframe(html, height=1100)
