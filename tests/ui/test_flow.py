"""The whole wizard through AppTest: start, fill an example commune step by step through its
widgets, review; drafts reopened from the URL; uploads; revisions."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from support import EXAMPLES, fill_step, shown, without_derived

from charter.store import DraftStore
from ui import backend

ANSWERS = "mithaq.answers"


def open_blank(app, lang="fr", step=None):
    """A blank draft, on its first step (the charter's languages) or on ``step``."""
    at = app(lang=lang)
    at.button(key="start.blank").click().run()
    assert not at.exception
    if step:
        at.button(key=f"nav.step.{step}").click().run()
    return at


def test_start_page_draws_in_every_language(app):
    for lang in ("ar", "fr", "en"):
        at = app(lang=lang)
        assert not at.exception
        assert at.session_state["mithaq.lang"] == lang
        assert any("<style>" in h.proto.body for h in at.get("html"))


def test_language_buttons_switch_and_keep_the_language_in_the_url(app):
    at = app()
    at.button(key="start.lang.ar").click().run()
    assert at.query_params["lang"] == ["ar"] or at.query_params["lang"] == "ar"
    assert "rtl" in "".join(h.proto.body for h in at.get("html"))
    assert at.title[0].value.startswith("ميثاق")


@pytest.mark.parametrize("name", ["rural-ait-tamount.json"])
def test_fill_an_example_step_by_step(app, name, data_dir):
    example = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    at = open_blank(app)
    sections = backend.sections()
    for i, section in enumerate(sections):
        assert at.session_state["mithaq.step"] == section
        if section in example:
            fill_step(at, section, example[section])
        at.button(key="step.next").click().run()
        assert not at.exception, (section, at.exception)
        assert not at.error, (section, [e.value for e in at.error])
        if i < len(sections) - 1:
            assert at.session_state["mithaq.step"] == sections[i + 1]
    # the last Next opens the review, which finds no error
    assert at.title[0].value == "Relire et télécharger"
    assert not at.error
    root = backend.schema()
    got = at.session_state[ANSWERS]
    # an optional step submitted empty is kept as "none" ([] or {}), which the example omits
    got = {k: v for k, v in got.items() if k in example or v not in ([], {})}
    assert got == without_derived(example, root)
    # and every submitted step is in the store
    draft = at.session_state["mithaq.draft"]
    assert (
        DraftStore(data_dir / "drafts.sqlite3").latest(draft).answers == at.session_state[ANSWERS]
    )


def test_every_example_reviews_clean(app):
    for path in sorted(EXAMPLES.glob("*.json")):
        at = app(lang="fr")
        at.selectbox(key="start.example").set_value(path.name).run()
        at.button(key="start.example.open").click().run()
        assert not at.exception
        at.button(key="nav.review").click().run()
        assert not at.exception, path
        assert at.title[0].value == "Relire et télécharger"
        assert [m.value for m in at.metric][:2] == ["0", "0"], path.name


def test_refresh_reopens_the_draft_from_the_url(app):
    at = open_blank(app, step="commune")
    at.text_input(key=f"w{at.session_state['mithaq.gen']}/commune/name/fr_ltr").input("Tiznit")
    at.button(key="step.save").click().run()
    draft = at.session_state["mithaq.draft"]
    again = app(lang="fr", draft=draft, step="commune")  # a new session, as after a refresh
    assert again.session_state[ANSWERS]["commune"]["name"] == {"fr": "Tiznit"}
    assert again.session_state["mithaq.step"] == "commune"
    again.button(key="start.continue").click().run()  # AppTest opens the default page
    fr = again.text_input(key=f"w{again.session_state['mithaq.gen']}/commune/name/fr_ltr")
    assert fr.value == "Tiznit"


def test_an_unknown_draft_says_so(app):
    at = app(lang="fr", draft="not-a-draft")
    assert not at.exception
    assert "n'existe pas" in at.error[0].value


def test_a_missing_answer_is_shown_next_to_its_field_with_its_article(app):
    at = open_blank(app, step="commune")
    at.button(key="step.next").click().run()  # nothing filled in: stays, with the findings
    assert at.session_state["mithaq.step"] == "commune"
    assert at.warning  # the "errors remain" notice
    texts = [e.value for e in at.error]
    assert texts, "the missing answers are reported"
    at.button(key="step.next").click().run()  # again, unchanged: goes on
    assert at.session_state["mithaq.step"] == "adoption"


def test_derived_values_are_shown_not_asked(app):
    example = json.loads((EXAMPLES / "rural-ait-tamount.json").read_text(encoding="utf-8"))
    at = app(lang="fr")
    at.selectbox(key="start.example").set_value("rural-ait-tamount.json").run()
    at.button(key="start.example.open").click().run()
    at.button(key="nav.step.petitions").click().run()
    gen = at.session_state["mithaq.gen"]
    keys = {w.key for w in at.number_input}
    assert f"w{gen}/petitions/signature_threshold_ltr" not in keys
    shown = " ".join(m.value for m in at.markdown)
    assert "fixé par la loi" in shown
    assert example["commune"]["population"]["legal"] < 35000
    assert "100" in shown  # below 35,000 inhabitants: 100 signatures (art. 123)


def test_the_council_size_and_vice_presidents_are_shown_not_asked(app):
    at = app(lang="fr")
    at.selectbox(key="start.example").set_value("urban-oued-zitoun.json").run()
    at.button(key="start.example.open").click().run()
    at.button(key="nav.step.commune").click().run()
    gen = at.session_state["mithaq.gen"]
    keys = {w.key for w in at.number_input}
    assert f"w{gen}/commune/council/women_members_ltr" in keys  # still asked
    assert f"w{gen}/commune/council/members_ltr" not in keys
    assert f"w{gen}/commune/council/vice_presidents_ltr" not in keys
    shown = [m.value for m in at.markdown]
    # 96,300 inhabitants: 31 members (59-11 art. 127), hence 6 vice-presidents (113-14 art. 16)
    members = next(s for s in shown if "membres du conseil" in s)
    assert "31" in members and "127" in members
    vps = next(s for s in shown if "vice-présidents" in s and "fixé par la loi" in s)
    assert "6" in vps and "16" in vps


def test_repeatable_groups_add_and_remove(app):
    at = open_blank(app, step="actors")
    revision = at.session_state["mithaq.revision"]
    gen = at.session_state["mithaq.gen"]
    at.button(key=f"w{gen}/actors~add").click().run()
    at.button(key=f"w{at.session_state['mithaq.gen']}/actors~add").click().run()
    assert shown(at)["actors"] == [{}, {}]
    # an empty item is not an answer: nothing saved, nothing flagged
    assert "actors" not in at.session_state[ANSWERS]
    assert at.session_state["mithaq.revision"] == revision
    assert not at.error
    gen = at.session_state["mithaq.gen"]
    at.selectbox(key=f"w{gen}/actors/1/type").set_value(
        at.selectbox(key=f"w{gen}/actors/1/type").options[0]
    )
    at.button(key=f"w{gen}/actors~rm0").click().run()
    assert len(shown(at)["actors"]) == 1
    assert shown(at)["actors"][0].get("type")  # what was typed before the removal is kept
    at.button(key="step.save").click().run()  # the step's submission: one revision
    assert len(at.session_state[ANSWERS]["actors"]) == 1
    assert at.session_state["mithaq.revision"] == revision + 1
    gen = at.session_state["mithaq.gen"]
    at.button(key=f"w{gen}/actors~rm0").click().run()
    at.button(key="step.save").click().run()
    assert at.session_state[ANSWERS]["actors"] == []  # the step stays started
    assert at.session_state["mithaq.revision"] == revision + 2


def errors_shown(at) -> list[str]:
    return [e.value for e in at.error]


def test_adding_an_item_flags_no_field(app):
    """The IEECAG step: Add on a group neither saves an empty item nor marks other fields,
    filled ones included; Next flags what the step misses."""
    at = open_blank(app, step="ieecag")
    gen = at.session_state["mithaq.gen"]
    at.number_input(key=f"w{gen}/ieecag/meetings_per_year_ltr").set_value(2)
    adds = [b.key for b in at.button if b.key and b.key.endswith("~add")]
    assert adds
    for key in adds:
        at.button(key=key.replace(f"w{gen}", f"w{at.session_state['mithaq.gen']}")).click()
        at.run()
        assert not at.exception
        assert errors_shown(at) == [], key
    assert "ieecag" not in at.session_state[ANSWERS]
    gen = at.session_state["mithaq.gen"]
    assert at.number_input(key=f"w{gen}/ieecag/meetings_per_year_ltr").value == 2  # kept
    at.button(key="step.save").click().run()  # saved: an answered field could be flagged,
    assert errors_shown(at) == []  # but nothing the user left empty is, until Next
    at.button(key="step.next").click().run()
    assert at.session_state["mithaq.step"] == "ieecag"
    assert errors_shown(at)  # Next: what the step misses is said, next to each field


def test_a_wrong_answer_is_flagged_once_submitted_a_missing_one_on_next(app):
    at = open_blank(app, step="commune")
    assert errors_shown(at) == []  # nothing submitted yet
    gen = at.session_state["mithaq.gen"]
    at.number_input(key=f"w{gen}/commune/population/legal_ltr").set_value(0)
    at.button(key="step.save").click().run()
    shown_now = errors_shown(at)
    assert len(shown_now) == 1 and "Population légale" in shown_now[0]  # only the answered field
    at.button(key="step.next").click().run()
    assert len(errors_shown(at)) > 1  # Next: the missing answers too


def test_the_census_flags_no_field_not_yet_reached(app):
    import charter.communes as communes

    target = next(c for c in communes.search("Tiznit") if c.category == "urban")
    at = open_blank(app, step="commune")
    at.selectbox(key="census.region").set_value(communes.region(target.region_code)).run()
    at.selectbox(key="census.province").set_value(communes.province(target.province_code)).run()
    at.selectbox(key="census.commune").set_value(target).run()
    at.button(key="census.fill").click().run()
    assert not at.exception
    assert errors_shown(at) == []  # council and mandate not reached: not "required"
    at.button(key="step.next").click().run()
    # the council's size and vice-presidents are derived (never asked): the mandate is required
    assert any("mandat" in e.lower() for e in errors_shown(at))


def test_upload_answers_file(app):
    data = (EXAMPLES / "urban-oued-zitoun.json").read_bytes()
    at = app(lang="fr")
    at.file_uploader(key="start.upload").upload("a.json", data, "application/json").run()
    at.button(key="start.upload.open").click().run()
    assert not at.exception
    assert at.session_state[ANSWERS] == json.loads(data)


@pytest.mark.parametrize(
    "data",
    [b"{not json", b"[1, 2]", b"{}" + b" " * 1_000_001],
    ids=["malformed", "not-an-object", "too-large"],
)
def test_bad_upload_gets_a_clear_message_and_no_draft(app, data):
    at = app(lang="fr")
    at.file_uploader(key="start.upload").upload("a.json", data, "application/json").run()
    at.button(key="start.upload.open").click().run()
    assert not at.exception
    assert at.error and "ne peut pas" in at.error[0].value or "1 Mo" in at.error[0].value
    assert at.session_state["mithaq.draft"] is None


def test_revisions_listed_and_restored(app):
    at = open_blank(app, step="commune")
    key = f"w{at.session_state['mithaq.gen']}/commune/name/fr_ltr"
    at.text_input(key=key).input("Un")
    at.button(key="step.save").click().run()
    key = f"w{at.session_state['mithaq.gen']}/commune/name/fr_ltr"
    at.text_input(key=key).input("Deux")
    at.button(key="step.save").click().run()
    at.button(key="nav.history").click().run()
    assert not at.exception
    assert at.title[0].value == "Brouillon et historique"
    at.button(key="history.restore.2").click().run()
    assert at.session_state[ANSWERS]["commune"]["name"]["fr"] == "Un"
    assert at.session_state["mithaq.revision"] == 4


def test_history_gives_the_whole_link_and_morocco_times(app, data_dir):
    at = open_blank(app, step="commune")
    at.button(key="step.save").click().run()
    at.button(key="nav.history").click().run()
    draft = at.session_state["mithaq.draft"]
    (link,) = [c.value for c in at.code]
    assert link.endswith(f"/wizard?draft={draft}&lang=fr")  # the whole link, copyable
    assert not set(draft) & set("01oOlLiI_-")  # nothing a reader takes for another sign
    shown_text = " ".join(m.value for m in at.markdown)
    assert "UTC" not in shown_text
    for rev in DraftStore(data_dir / "drafts.sqlite3").revisions(draft):
        when = datetime.fromisoformat(rev.created).astimezone(ZoneInfo("Africa/Casablanca"))
        assert when.strftime("%d/%m/%Y %H:%M") in shown_text


def test_commune_picked_from_the_census_fills_the_identification(app):
    import charter.communes as communes

    target = next(c for c in communes.search("Tiznit") if c.category == "urban")
    at = open_blank(app, step="commune")
    region = communes.region(target.region_code)
    province = communes.province(target.province_code)
    at.selectbox(key="census.region").set_value(region).run()
    at.selectbox(key="census.province").set_value(province).run()
    at.selectbox(key="census.commune").set_value(target).run()
    at.button(key="census.fill").click().run()
    assert not at.exception
    section = at.session_state[ANSWERS]["commune"]
    assert section["name"] == target.name
    assert section["population"] == {"legal": target.population, "census_year": 2024}
    gen = at.session_state["mithaq.gen"]
    assert at.text_input(key=f"w{gen}/commune/name/fr_ltr").value == target.name_fr


def test_open_a_charter_pdf_made_by_mithaq(app):
    example = json.loads((EXAMPLES / "rural-ait-tamount.json").read_text(encoding="utf-8"))
    pdf = backend.render_document("pdf", example, "fr")
    at = app(lang="fr")
    at.file_uploader(key="start.pdf").upload("charte.pdf", pdf, "application/pdf").run()
    at.button(key="start.pdf.open").click().run()
    assert not at.exception
    assert at.session_state[ANSWERS] == example


def test_a_pdf_not_made_by_mithaq_gets_a_clear_message(app):
    at = app(lang="fr")
    at.file_uploader(key="start.pdf").upload("x.pdf", b"%PDF-1.4 not really", "application/pdf")
    at.run()
    at.button(key="start.pdf.open").click().run()
    assert not at.exception
    assert "ne peut pas être ouvert" in at.error[0].value
    assert at.session_state["mithaq.draft"] is None


def test_documents_are_made_once_per_state_of_the_answers(monkeypatch):
    example = json.loads((EXAMPLES / "rural-ait-tamount.json").read_text(encoding="utf-8"))
    calls = []
    real = backend._render().render_docx

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(backend._render(), "render_docx", spy)
    backend._document.cache_clear()
    first = backend.render_document("docx", example, "fr")
    again = backend.render_document("docx", json.loads(json.dumps(example)), "fr")
    assert first == again and len(calls) == 1
    changed = {**example, "preamble": {**example["preamble"]}}
    changed["preamble"]["vision"] = {"ar": "رؤية", "fr": "Vision"}
    backend.render_document("docx", changed, "fr")
    assert len(calls) == 2


def test_review_offers_drafts_while_errors_remain(app):
    at = open_blank(app)
    at.button(key="nav.review").click().run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Télécharger le brouillon (PDF)" in labels
    assert "Télécharger le brouillon (Word)" in labels
    assert at.error  # the notice that the documents are drafts


def test_reopen_a_draft_from_its_link(app):
    at = open_blank(app)
    draft = at.session_state["mithaq.draft"]
    other = app(lang="fr")  # another session, as on another day with no link open
    other.text_input(key="start.reopen").input(f"http://localhost:8501/wizard?draft={draft}")
    other.button(key="start.reopen.open").click().run()
    assert not other.exception
    assert other.session_state["mithaq.draft"] == draft
    nothing = app(lang="fr")
    nothing.text_input(key="start.reopen").input("not-a-draft")
    nothing.button(key="start.reopen.open").click().run()
    assert "Aucun brouillon" in nothing.error[0].value


def test_a_library_error_is_said_not_a_traceback(app, monkeypatch):
    import charter

    at = open_blank(app, step="commune")

    def broken(answers, lang):
        raise charter.ConfigurationError("schemas/provisions.json: unreadable")

    monkeypatch.setattr(backend, "findings", broken)
    at.button(key="step.save").click().run()
    assert not at.exception
    assert "provisions.json" in at.error[0].value
    assert at.session_state[ANSWERS]["commune"] == {}  # the submit itself was kept


def test_the_vote_asks_nothing_while_the_charter_is_a_draft(app):
    at = open_blank(app, step="adoption")
    gen = at.session_state["mithaq.gen"]
    vote = [w for w in at.number_input if "/adoption/vote/" in w.key]
    assert vote and not [w.label for w in vote if w.label.endswith("*")]
    assert at.selectbox(key=f"w{gen}/adoption/status").label.endswith("*")  # required still


def test_the_samples_are_named_by_their_communes(app):
    at = app(lang="ar")
    names = at.selectbox(key="start.example").options
    assert names and not [n for n in names if ".json" in n]
    example = json.loads((EXAMPLES / "rural-ait-tamount.json").read_text(encoding="utf-8"))
    assert example["commune"]["name"]["ar"] in names


def test_the_draft_link_is_the_wizard_on_the_apps_own_address():
    from ui.history import link_for

    assert link_for("http://127.0.0.1:8501/history", "3ae5ttv", "ar") == (
        "http://127.0.0.1:8501/wizard?draft=3ae5ttv&lang=ar"
    )
    assert link_for("https://x.ma/mithaq/history/", "k", "fr") == (
        "https://x.ma/mithaq/wizard?draft=k&lang=fr"
    )
    assert link_for("http://h:8501", "k", "fr") == "http://h:8501/wizard?draft=k&lang=fr"
