"""After adoption, through AppTest: record the adopted revision, see it listed with its
deliberation, record a second version and compare them; import a year's values from a CSV and
see the monitoring table and charts."""

from __future__ import annotations

from charter.store import DraftStore
from ui import training

ADOPTED = "arrondissements-madinat-assahil.json"  # its answers say it is adopted


def open_example(app, name=ADOPTED, lang="fr"):
    at = app(lang=lang)
    at.selectbox(key="start.example").set_value(name).run()
    at.button(key="start.example.open").click().run()
    assert not at.exception
    return at


def test_record_two_adopted_versions_and_compare_them(app, data_dir):
    at = open_example(app)
    at.button(key="nav.versions").click().run()
    assert at.title[0].value == "Versions adoptées"
    at.button(key="versions.adopt").click().run(timeout=300)
    assert not at.exception
    assert any("La version 1 est enregistrée comme adoptée." in s.value for s in at.success)
    draft = at.session_state["mithaq.draft"]
    store = DraftStore(data_dir / "drafts.sqlite3")
    [v1] = store.adoptions(draft)
    assert v1.deliberation_number == "12/2025"

    answers = store.latest(draft).answers
    answers["petitions"]["rejection_notice_months"] = 2
    answers["adoption"]["deliberation_number"] = "31/2026"
    store.save(draft, answers, base=store.latest(draft).number, step="petitions")
    at = app(lang="fr", draft=draft)
    at.button(key="nav.versions").click().run()
    at.button(key="versions.adopt").click().run(timeout=300)
    assert not at.exception
    assert [v.version for v in store.adoptions(draft)] == [1, 2]
    assert at.selectbox(key="versions.old").value == 1
    table = at.table[0].value
    assert len(table) >= 1 and "modifié" in set(table.iloc[:, 1])


def test_a_revision_that_is_not_adopted_is_refused_with_the_reason(app):
    at = open_example(app, "rural-ait-tamount.json")
    at.button(key="nav.versions").click().run()
    at.button(key="versions.adopt").click().run(timeout=300)
    assert any("ne peut pas être enregistrée comme adoptée" in e.value for e in at.error)


def test_values_imported_from_a_csv_reach_the_report_table(app, data_dir):
    at = open_example(app)
    at.button(key="nav.monitoring").click().run()
    assert at.title[0].value == "Suivi de la charte"
    draft = at.session_state["mithaq.draft"]
    store = DraftStore(data_dir / "drafts.sqlite3")
    answers = store.latest(draft).answers
    code = answers["monitoring"]["indicators"][0]["code"]
    answers["monitoring"]["observations"] = [
        {"year": 2025, "indicator": code, "value": 7, "source": "PV 2025"}
    ]
    store.save(draft, answers, base=store.latest(draft).number, step="monitoring")
    at = app(lang="fr", draft=draft)
    at.button(key="nav.monitoring").click().run()
    assert not at.exception
    at.selectbox(key="monitoring.year").set_value(2025).run()
    table = at.table[0].value  # an HTML table (right to left in Arabic), numbers as written
    assert table.iloc[0, 3] == "7"
    assert len(at.get("image")) == len(answers["monitoring"]["indicators"])  # a chart each


def test_the_trainer_opens_the_arrondissement_with_two_adopted_versions(app, data_dir):
    at = app(lang="fr")
    at.button(key="nav.training").click().run()
    at.button(key=f"training.open.{ADOPTED}").click().run()
    assert not at.exception
    draft = at.session_state["mithaq.draft"]
    store = DraftStore(data_dir / "drafts.sqlite3")
    assert store.is_training(draft) and at.session_state["mithaq.revision"] == 2
    # the adoptions run beside the page: the Versions page says so and offers no adoption
    at.button(key="nav.versions").click().run()
    worker = training.seeding(draft)
    assert worker is not None and at.button(key="versions.adopt").disabled
    worker.join(timeout=600)
    at.run()
    assert not at.exception
    v1, v2 = store.adoptions(draft)
    assert (v1.revision, v1.deliberation_number) == (1, "12/2025")
    assert (v2.revision, v2.deliberation_number) == (2, "31/2026")
    assert at.button(key="versions.adopt").disabled  # revision 2 is version 2 already
    assert (at.selectbox(key="versions.old").value, at.selectbox(key="versions.new").value) == (
        1,
        2,
    )
    table = at.table[0].value
    assert any("Pétitions" in str(why) for why in table.iloc[:, 2])
    # and two years of values on the Monitoring page
    at.button(key="nav.monitoring").click().run()
    assert not at.exception
    assert set(at.selectbox(key="monitoring.year").options) >= {"2025", "2026"}
