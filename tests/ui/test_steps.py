"""Every step of the wizard draws, for a blank charter and for the largest example, and
submitting it unchanged keeps the answers."""

from __future__ import annotations

import pytest
from support import largest_example

from ui import backend

STEPS = backend.sections()


@pytest.fixture(scope="module")
def example():
    return largest_example()


@pytest.mark.parametrize("step", STEPS)
def test_blank_step_draws_and_submits(app, step):
    at = app(lang="ar")
    at.button(key="start.blank").click().run()
    at.button(key=f"nav.step.{step}").click().run()
    assert not at.exception
    assert at.session_state["mithaq.step"] == step
    at.button(key="step.save").click().run()
    assert not at.exception
    assert step in at.session_state["mithaq.answers"]


@pytest.mark.parametrize("step", STEPS)
def test_example_step_draws_and_keeps_its_answers(app, step, example):
    at = app(lang="fr")
    at.file_uploader(key="start.upload").upload(
        "example.json", backend.answers_file(example), "application/json"
    ).run()
    at.button(key="start.upload.open").click().run()
    at.button(key=f"nav.step.{step}").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    before = at.session_state["mithaq.answers"]
    at.button(key="step.save").click().run()
    assert not at.exception
    after = at.session_state["mithaq.answers"]
    assert after.get(step) == before.get(step) or not before.get(step)
