"""The PDF of the current answers is made in the background after each submitted step, so the
download is ready when asked for; no page waits for it."""

import json
import threading
from pathlib import Path

from ui import backend

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "rural-ait-tamount.json"


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _blocking_document(monkeypatch):
    """``backend._document`` replaced by one that waits for a go, counting its calls."""
    go, calls = threading.Event(), []

    def document(kind, text, lang, templates):
        calls.append((kind, lang))
        assert go.wait(60)
        return b"%PDF " + text[:20].encode()

    monkeypatch.setattr(backend, "_document", document)
    monkeypatch.setattr(backend, "_PENDING", {})
    return go, calls


def test_prepare_returns_at_once_and_the_download_waits_for_that_render(monkeypatch):
    go, calls = _blocking_document(monkeypatch)
    answers = example()
    future = backend.prepare_pdf(answers, "fr")
    assert not future.done()  # the render waits for `go`: prepare_pdf did not
    threading.Timer(0.2, go.set).start()
    pdf = backend.render_document("pdf", answers, "fr")  # waits for the running render
    assert pdf == future.result() and pdf.startswith(b"%PDF")
    assert calls == [("pdf", "fr")]  # made once


def test_a_newer_state_cancels_the_one_still_queued(monkeypatch):
    go, calls = _blocking_document(monkeypatch)
    first = example()
    running = backend.prepare_pdf(first, "fr")  # taken by the worker, waits for `go`
    for _ in range(600):
        if calls:
            break
        threading.Event().wait(0.05)
    assert calls, "the worker did not start"
    second = {**first, "preamble": {**first["preamble"], "vision": {"ar": "ر", "fr": "v"}}}
    third = {**second, "preamble": {**second["preamble"], "vision": {"ar": "ؤ", "fr": "w"}}}
    queued = backend.prepare_pdf(second, "fr")
    latest = backend.prepare_pdf(third, "fr")
    go.set()
    assert queued.cancelled()
    assert latest.result().startswith(b"%PDF") and running.result().startswith(b"%PDF")
    assert len(calls) == 2  # the first (already running) and the latest


def test_the_background_pdf_is_the_real_one_and_is_not_made_again(monkeypatch):
    answers = example()
    backend._document.cache_clear()
    made = backend.prepare_pdf(answers, "fr").result(timeout=300)
    calls = []
    real = backend._render().render_pdf
    monkeypatch.setattr(
        backend._render(), "render_pdf", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    assert backend.render_document("pdf", answers, "fr") is made
    assert calls == []
    assert backend.extract(made) == answers


def test_submitting_a_step_starts_the_pdf_of_the_saved_answers(app, monkeypatch):
    asked = []
    monkeypatch.setattr(backend, "prepare_pdf", lambda answers, lang: asked.append((answers, lang)))
    at = app(lang="fr")
    at.button(key="start.blank").click().run()
    at.button(key="nav.step.preamble").click().run()
    at.button(key="step.save").click().run()
    assert not at.exception
    assert asked, "no background PDF was asked for"
    answers, lang = asked[-1]
    assert answers == at.session_state["mithaq.answers"]
    assert lang in ("ar", "fr")
