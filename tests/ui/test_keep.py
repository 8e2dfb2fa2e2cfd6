"""The hidden "keep" button the page's script presses before a sidebar button (ui/style.py):
what was typed in the step is saved, once; a visit that typed nothing saves nothing."""

from __future__ import annotations

from support import key

from charter.store import DraftStore


def test_keep_saves_what_was_typed_and_only_then(app, data_dir):
    at = app(lang="ar")
    at.button(key="start.blank").click().run()
    at.button(key="nav.step.adoption").click().run()
    draft = at.session_state["mithaq.draft"]
    store = DraftStore(data_dir / "drafts.sqlite3")
    before = store.latest(draft).number

    at.button(key="step.keep").click().run()  # nothing typed: nothing saved, step not started
    assert store.latest(draft).number == before
    assert "adoption" not in store.latest(draft).answers

    at.button(key="nav.step.commune").click().run()
    at.text_input(key=key(at, "/commune/name/ar", "_rtl")).set_value("تيغمرت")
    at.button(key="step.keep").click().run()
    at.button(key="nav.step.preamble").click().run()
    assert store.latest(draft).number == before + 1
    assert store.latest(draft).answers["commune"]["name"] == {"ar": "تيغمرت"}
    at.button(key="nav.step.commune").click().run()
    assert at.text_input(key=key(at, "/commune/name/ar", "_rtl")).value == "تيغمرت"
    assert not at.exception
