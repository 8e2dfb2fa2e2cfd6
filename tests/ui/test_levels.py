"""The three levels in the wizard: the level is chosen first, then the census picker of that
level fills the identification; the steps follow the level."""

from __future__ import annotations

import charter.communes as communes
from charter import steps

ANSWERS = "mithaq.answers"


def open_blank_level(app, level, lang="fr"):
    at = app(lang=lang)
    at.radio(key="start.level").set_value(level).run()
    at.button(key="start.blank").click().run()
    assert not at.exception
    return at


def test_the_level_is_offered_first_with_the_schema_s_words(app):
    at = app(lang="ar")
    radio = at.radio(key="start.level")
    assert radio.options == ["جماعة", "عمالة أو إقليم", "جهة"]
    assert radio.value == "commune"


def test_a_region_s_steps_and_census_picker(app):
    at = open_blank_level(app, "region")
    assert at.session_state[ANSWERS]["level"] == "region"
    shown = [b.key.removeprefix("nav.step.") for b in at.button if b.key.startswith("nav.step.")]
    assert shown == steps("region")
    assert "pdr" in shown and "pac" not in shown and "ieecag" not in shown
    at.button(key="nav.step.region").click().run()
    target = communes.region("08")
    at.selectbox(key="census.region").set_value(target).run()
    at.button(key="census.fill").click().run()
    assert not at.exception
    section = at.session_state[ANSWERS]["region"]
    assert section["name"] == {"ar": "درعة-تافيلالت", "fr": "Drâa-Tafilalet"}
    assert section["population"] == {"legal": 1_655_623, "census_year": 2024}
    assert [p["name"]["fr"] for p in section["provinces"]] == [
        "Errachidia",
        "Midelt",
        "Ouarzazate",
        "Tinghir",
        "Zagora",
    ]


def test_a_province_s_steps_and_census_picker(app):
    at = open_blank_level(app, "province")
    shown = [b.key.removeprefix("nav.step.") for b in at.button if b.key.startswith("nav.step.")]
    assert shown == steps("province")
    at.button(key="nav.step.province").click().run()
    target = communes.province("05.081")
    at.selectbox(key="census.region").set_value(communes.region("05")).run()
    at.selectbox(key="census.province").set_value(target).run()
    at.button(key="census.fill").click().run()
    assert not at.exception
    section = at.session_state[ANSWERS]["province"]
    assert section["name"] == {"ar": "أزيلال", "fr": "Azilal"}
    assert section["kind"] == "province"
    assert section["population"] == {"legal": 574_112, "census_year": 2024}


def test_the_trainer_picks_the_level_then_opens_its_sample(app):
    """Trainer mode offers the three levels first, then that level's samples only; a
    province's or region's sample opens as a training draft of its level."""
    at = app(lang="ar")
    at.button(key="nav.training").click().run()
    radio = at.radio(key="training.level")
    assert radio.options == ["جماعة", "عمالة أو إقليم", "جهة"] and radio.value == "commune"

    def shown():
        return {
            b.key.removeprefix("training.open.") for b in at.button if "training.open." in b.key
        }

    assert "rural-ait-tamount.json" in shown() and "province-azilal.json" not in shown()
    for level, sample in (
        ("province", "province-azilal.json"),
        ("region", "region-draa-tafilalet.json"),
    ):
        at.radio(key="training.level").set_value(level).run()
        assert shown() == {sample}
    at.button(key="training.open.region-draa-tafilalet.json").click().run()
    assert not at.exception
    assert at.session_state[ANSWERS]["level"] == "region"
    assert at.session_state[ANSWERS]["region"]["name"]["fr"] == "Drâa-Tafilalet"
