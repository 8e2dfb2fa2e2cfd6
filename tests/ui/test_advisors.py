"""The Advisors page (AppTest): hidden without a password; with it, edit a clause, preview it,
save, revert; a template-injection payload typed in the page is refused with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from charter.library import AdvisorsLibrary
from ui import advisors

APP = str(Path(__file__).resolve().parents[2] / "app.py")
CID = "petitions.right"
TEXT_FR = f"advisors.0.{CID}.text.fr_ltr"
NEW_FR = "Toute citoyenne et tout citoyen de {{ commune.name }} peut présenter une pétition."


def run_page() -> None:
    from ui import advisors, state

    state.init()  # the interface language from the URL, as the app's frame does
    advisors.page()


@pytest.fixture
def with_password(monkeypatch):
    monkeypatch.setenv("MITHAQ_ADVISORS_PASSWORD", "s3cret-ü")


def page(lang: str = "en") -> AppTest:
    at = AppTest.from_function(run_page, default_timeout=60)
    at.query_params["lang"] = lang
    return at.run()


def logged_in() -> AppTest:
    at = page()
    at.text_input(key="advisors.password").input("s3cret-ü")
    at.button[0].click().run()
    assert not at.exception
    at.text_input(key="advisors.author").input("Me Amina Alaoui").run()
    at.selectbox(key="advisors.section").select("petitions").run()
    at.selectbox(key="advisors.clause").select(CID).run()
    return at


def test_the_page_speaks_the_interface_language(with_password):
    at = page("ar")
    assert at.title[0].value == "المستشارون: صياغة الميثاق وتنسيقه"


def texts(at: AppTest, kind: str) -> str:
    return "\n".join(str(e.value) for e in getattr(at, kind))


def test_no_password_configured_means_no_page(monkeypatch):
    monkeypatch.delenv("MITHAQ_ADVISORS_PASSWORD", raising=False)
    assert advisors.password() is None
    at = page()
    assert "not available" in texts(at, "error")
    assert not at.text_input


def test_the_app_starts_with_the_page_registered(with_password):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "nav.advisors" in [b.key for b in at.sidebar.button]


def test_without_a_password_the_sidebar_has_no_advisors_button(monkeypatch):
    monkeypatch.delenv("MITHAQ_ADVISORS_PASSWORD", raising=False)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "nav.advisors" not in [b.key for b in at.sidebar.button]


def throttle():
    return advisors.store().logins  # the advisors' database of this test run


def delays_pass() -> None:
    """As if the delay had run out (the count stays)."""
    with throttle().db.transaction() as tx:
        tx.execute("UPDATE login_throttle SET blocked_until = 0")


@pytest.fixture(autouse=True)
def _no_earlier_failures():
    """The login throttle is the database's (every instance's): each test starts with none."""
    throttle().record(True)
    yield
    throttle().record(True)


def test_failed_logins_grow_a_delay_in_which_no_password_is_checked(with_password):
    at = page()
    at.text_input(key="advisors.password").input("guess").run()
    at.button[0].click().run()
    assert "Wrong password" in texts(at, "error")
    assert throttle().failures() == 1
    # while a delay runs (made long here: a loaded machine may take a second to start a page),
    # even the right password is not checked, and a new session does not help
    for _ in range(5):
        delays_pass()
        throttle().record(False)
    assert 31 < throttle().wait() <= 32  # 2^(6-1) seconds after six failures
    at = page()
    at.text_input(key="advisors.password").input("s3cret-ü").run()
    at.button[0].click().run()
    assert "try again in" in texts(at, "error")
    assert not at.tabs
    assert throttle().failures() == 6  # a try in the delay is not even counted
    delays_pass()
    at = page()
    at.text_input(key="advisors.password").input("s3cret-ü")
    at.button[0].click().run()
    assert not texts(at, "error")  # let in
    assert throttle().failures() == 0 and throttle().wait() == 0  # and reset


def test_a_wrong_password_keeps_the_page_closed(with_password):
    at = page()
    at.text_input(key="advisors.password").input("guess").run()
    at.button[0].click().run()
    assert "Wrong password" in texts(at, "error")
    assert not at.tabs


def test_the_password_can_come_from_the_secrets(monkeypatch):
    monkeypatch.delenv("MITHAQ_ADVISORS_PASSWORD", raising=False)
    at = AppTest.from_function(run_page, default_timeout=60)
    at.query_params["lang"] = "en"
    at.secrets["advisors_password"] = "from-secrets"
    at.run()
    at.text_input(key="advisors.password").input("from-secrets")
    at.button[0].click().run()
    assert at.tabs and not at.exception


def test_edit_preview_save_and_revert_a_clause(with_password, data_dir):
    at = logged_in()
    assert "LO 113-14" in texts(at, "markdown")  # the legal basis, from the catalogue
    at.text_area(key=TEXT_FR).input(NEW_FR).run()
    assert not at.exception and not at.error, texts(at, "error")
    at.segmented_control(key="advisors.preview_lang").set_value("fr").run()
    frames = [e for e in at.main if getattr(e, "type", "") == "iframe" or "iframe" in str(e)]
    assert frames, "no preview"
    assert any("Toute citoyenne et tout citoyen de" in str(f.proto) for f in frames)
    at.button(key="advisors.save").click().run()
    assert "Saved as version 1." in texts(at, "success")
    lib = AdvisorsLibrary(data_dir / "advisors.sqlite3")
    [v1, _v0] = lib.versions(CID)
    assert (v1.author, v1.changed) == ("Me Amina Alaoui", ["text.fr"])
    # the change named in words, the diff as words taken out and put in, in the text's direction
    body = "\n".join(h.proto.body for h in at.get("html"))
    assert "<del>Les</del><ins>Toute</ins>" in body  # word by word, not line by line
    assert '<div class="mq-diff" dir="ltr">' in body
    captions = texts(at, "caption")
    assert "Changed: Text of «" in captions and "», in French" in captions
    assert "text.fr" not in captions
    labels = [e.label for e in at.expander]
    assert any(label.startswith("Version 1 — \u2068") for label in labels)  # a date, isolated
    assert not any("+00:00" in label or "T" in label.split("—")[1][:12] for label in labels[:1])
    at.button(key=f"advisors.revert.{CID}.0").click().run()
    assert "Version 0 is back, as version 2." in texts(at, "success")
    assert lib.article(CID) == lib.version(CID, 0).article


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{% include '/etc/passwd' %}",
        "{{ config }}",
    ],
)
def test_an_injection_payload_typed_in_the_page_is_refused(with_password, data_dir, payload):
    at = logged_in()
    at.text_area(key=TEXT_FR).input(f"Texte {payload}").run()
    assert "not allowed" in texts(at, "error")  # the preview says so at once
    at.button(key="advisors.save").click().run()
    message = texts(at, "error")
    assert "Not saved:" in message
    assert f"10-petitions.yaml: {CID} [fr]: not allowed" in message
    assert not at.exception
    assert [v.number for v in AdvisorsLibrary(data_dir / "advisors.sqlite3").versions(CID)] == [0]
