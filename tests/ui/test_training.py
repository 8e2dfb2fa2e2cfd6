"""Trainer mode through AppTest: open a sample, edit it, reset, leave; nothing reaches the real
drafts; the law panel and the pictures are on the pages; the presenter view."""

from __future__ import annotations

import json
import sqlite3

from charter.store import DraftStore, default_path
from ui import backend, start

ANSWERS = "mithaq.answers"
DRAFT = "mithaq.draft"
SAMPLE = "rural-ait-tamount.json"


def drafts(training: bool) -> int:
    path = default_path()
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        (n,) = db.execute(
            "SELECT count(*) FROM drafts WHERE training = ?", (int(training),)
        ).fetchone()
    return n


def html(at) -> str:
    return "".join(h.proto.body for h in at.get("html"))


def open_training(app, lang="fr"):
    at = app(lang=lang)
    at.button(key="nav.training").click().run()
    assert not at.exception
    assert at.title[0].value in ("Mode formateur", "Trainer mode", "وضع المكوّن")
    return at


def open_sample(app, lang="fr"):
    at = open_training(app, lang)
    at.button(key=f"training.open.{SAMPLE}").click().run()
    assert not at.exception, at.exception
    return at


def test_a_sample_opens_as_a_training_draft_in_the_wizard(app):
    at = open_sample(app)
    draft = at.session_state[DRAFT]
    assert DraftStore().is_training(draft)
    assert at.session_state["mithaq.step"] == backend.sections()[0]
    assert at.session_state[ANSWERS]["commune"]["name"]["fr"]
    # the banner, with its one-click reset, and the law panel open on the step
    assert at.button(key="training.reset.banner")
    at.button(key="nav.step.commune").click().run()
    law = [e for e in at.expander if e.label.startswith("Ce que dit la loi (")]
    assert law and "LO 113-14" in html(at)
    assert (drafts(training=True), drafts(training=False)) == (1, 0)


def test_edit_then_reset_restores_the_sample_and_touches_no_real_draft(app):
    at = open_sample(app)
    first = at.session_state[DRAFT]
    original = at.session_state[ANSWERS]
    at.button(key="nav.step.commune").click().run()
    # edit: the step's first text field, saved as a new revision
    name = next(t for t in at.text_input if t.key.endswith("/commune/name/fr_ltr"))
    name.set_value("Commune modifiée")
    at.button(key="step.save").click().run()
    assert not at.exception
    assert at.session_state[ANSWERS]["commune"]["name"]["fr"] == "Commune modifiée"
    assert len(DraftStore().revisions(first)) == 2
    # reset: the same sample afresh, in a new training draft, at the same step
    at.button(key="training.reset.banner").click().run()
    assert not at.exception
    assert at.session_state[ANSWERS] == original
    assert at.session_state[DRAFT] != first and not DraftStore().exists(first)
    assert at.session_state["mithaq.step"] == "commune"
    assert (drafts(training=True), drafts(training=False)) == (1, 0)


def test_training_page_draws_the_pictures_and_leaving_deletes_the_draft(app):
    at = open_sample(app)
    at.button(key="nav.training").click().run()
    assert not at.exception
    body = html(at)
    assert 'data-body="/ieecag/composition"' in body
    assert 'data-step="adoption"' in body
    assert 'data-status="met"' in body and "<svg" not in body
    assert "http" not in body.replace("http://www.w3.org", "")  # nothing fetched
    at.button(key="training.leave").click().run()
    assert not at.exception
    assert at.session_state[DRAFT] is None
    assert (drafts(training=True), drafts(training=False)) == (0, 0)


def test_a_real_draft_survives_training(app):
    at = app(lang="fr")
    at.button(key="start.blank").click().run()
    real = at.session_state[DRAFT]
    at.button(key="nav.training").click().run()
    at.button(key=f"training.open.{SAMPLE}").click().run()
    at.button(key="training.reset.banner").click().run()
    at.button(key="nav.training").click().run()
    at.button(key="training.leave").click().run()
    assert not at.exception
    assert DraftStore().exists(real) and not DraftStore().is_training(real)
    assert (drafts(training=True), drafts(training=False)) == (0, 1)


def test_presenter_view_enlarges_the_type_on_every_page(app):
    at = open_training(app, "ar")
    assert "font-size: 3rem" not in html(at)
    at.toggle(key="training.presenter").set_value(True).run()
    assert "font-size: 3rem" in html(at)
    at.button(key=f"training.open.{SAMPLE}").click().run()  # the wizard: still larger
    assert not at.exception
    assert "font-size: 3rem" in html(at)


def test_the_questionnaire_is_prepared_then_downloadable(app, monkeypatch):
    from ui import training

    made = []
    monkeypatch.setattr(training, "questionnaire_pdf", lambda lang: made.append(lang) or b"%PDF")
    at = open_training(app)
    assert not at.get("download_button")
    at.button(key="training.questionnaire.ar").click().run()
    assert not at.exception
    assert made == ["ar"]
    assert [d.proto.label for d in at.get("download_button")] == [
        "Télécharger le questionnaire (AR)"
    ]


def test_training_drafts_left_over_from_an_earlier_day_are_purged(app):
    store = DraftStore()
    old = store.create(
        {"schema_version": "1.1", "level": "commune"}, training=True, note="training:x.json"
    )
    with sqlite3.connect(default_path()) as db:
        db.execute("UPDATE revisions SET created = '2020-01-01T00:00:00.000+00:00'")
    real = store.create({"schema_version": "1.1", "level": "commune"})
    open_sample(app)
    assert not store.exists(old) and store.exists(real)
    assert (drafts(training=True), drafts(training=False)) == (1, 1)


def test_the_sample_is_named_by_its_commune_never_by_its_file(app):
    """The banner and the history name the sample as a person does, in the page's language."""
    answers = json.loads((start.EXAMPLES / SAMPLE).read_text(encoding="utf-8"))
    for lang in ("ar", "fr"):
        at = open_sample(app, lang)
        banner = " ".join(m.value for m in at.markdown)
        assert answers["commune"]["name"][lang] in banner
        at.button(key="nav.history").click().run()
        assert not at.exception
        page = " ".join(m.value for m in at.markdown)
        assert answers["commune"]["name"][lang] in page
        for text in (banner, page):
            assert SAMPLE not in text and SAMPLE.removesuffix(".json") not in text
