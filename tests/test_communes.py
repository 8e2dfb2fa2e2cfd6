"""The reference data of every commune of Morocco (HCP, RGPH 2024) and the answers it pre-fills."""

import copy
import json

import pytest
from jsonschema import Draft202012Validator

from charter import communes as ref
from charter import iter_findings, signature_threshold
from charter.resources import load_schema_file
from tests.conftest import EXAMPLES, load

CASABLANCA = "06.141.01.0"


@pytest.fixture(scope="module")
def commune_validator():
    schema = load_schema_file("commune.schema.json")
    section = {**schema["properties"]["commune"], "$defs": schema["$defs"]}
    return Draft202012Validator(section, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_twelve_regions_and_1503_communes():
    assert len(ref.regions()) == 12
    everything = ref.communes()
    assert len(everything) == 1503
    assert sum(c.category == "urban" for c in everything) == 242
    assert sum(c.category == "rural" for c in everything) == 1261


def test_exactly_six_communes_are_under_the_arrondissement_regime():
    under = {c.name_fr for c in ref.communes() if c.arrondissement_regime}
    assert under == {"Tanger", "Fès", "Rabat", "Salé", "Casablanca", "Marrakech"}
    assert sum(len(c.arrondissements) for c in ref.communes()) == 41
    assert len(ref.commune(CASABLANCA).arrondissements) == 16


def test_region_province_commune_tree_covers_every_commune_once():
    seen = [
        c.code for r in ref.regions() for p in ref.provinces(r.code) for c in ref.communes(p.code)
    ]
    assert len(seen) == len(set(seen)) == 1503
    assert {p.kind for r in ref.regions() for p in ref.provinces(r.code)} == {
        "province",
        "prefecture",
    }
    for c in ref.communes(ref.commune(CASABLANCA).province_code):
        assert c.province_code == "06.141"


def test_populations_add_up_to_the_national_total():
    assert sum(c.population for c in ref.communes()) == 36_828_330
    assert sum(r.population for r in ref.regions()) == 36_828_330


def test_answers_for_casablanca():
    answers = ref.answers_for(CASABLANCA)
    assert answers == {
        "name": {"ar": "الدار البيضاء", "fr": "Casablanca"},
        "hcp_code": CASABLANCA,
        "region": {"ar": "الدار البيضاء-سطات", "fr": "Casablanca-Settat"},
        "province": {"kind": "prefecture", "name": {"ar": "الدار البيضاء", "fr": "Casablanca"}},
        "category": "urban",
        "population": {"legal": ref.commune(CASABLANCA).population, "census_year": 2024},
        "arrondissement_regime": True,
    }
    assert signature_threshold(answers["population"]["legal"], True) == 400


def test_answers_are_fresh_dicts():
    answers = ref.answers_for(CASABLANCA)
    answers["name"]["fr"] = "changed"
    answers["population"]["legal"] = 1
    assert ref.answers_for(CASABLANCA)["name"]["fr"] == "Casablanca"
    assert ref.commune(CASABLANCA).population > 1


def test_every_commune_prefills_a_schema_valid_section(commune_validator):
    mandate = {"start_date": "2021-09-08", "end_year": 2027}  # the council's size is derived
    for c in ref.communes():
        section = {**ref.answers_for(c.code), "mandate": mandate}
        errors = [e.message for e in commune_validator.iter_errors(section)]
        assert errors == [], (c.code, errors)


def test_a_prefilled_example_still_validates():
    answers = load(EXAMPLES / "rural-ait-tamount.json")
    rural = next(c for c in ref.communes() if c.category == "rural" and c.population < 35_000)
    answers["commune"] = {**answers["commune"], **ref.answers_for(rural.code)}
    answers = json.loads(json.dumps(answers))
    assert [f.to_dict() for f in iter_findings(answers) if f.is_error] == []
    stated = copy.deepcopy(answers)
    stated["petitions"]["signature_threshold"] = 100
    assert "COM-PET-03" not in {f.rule for f in iter_findings(stated)}


@pytest.mark.parametrize(
    ("lookup", "code"),
    [
        (ref.commune, "99.999.99.9"),
        (ref.province, "06"),
        (ref.region, "13"),
        (ref.provinces, "13"),
        (ref.communes, "06.141.01.00"),  # a prefecture of arrondissements holds no commune
        (ref.answers_for, None),
    ],
)
def test_unknown_codes_raise_key_error(lookup, code):
    with pytest.raises(KeyError, match="HCP"):
        lookup(code)


def test_search_ignores_case_and_accents_and_ranks_prefixes_first():
    assert ref.search("fes")[0].name_fr == "Fès"
    assert ref.search("FÈS")[0].name_fr == "Fès"
    assert any(c.name_fr == "Casablanca" for c in ref.search("الدار البيضاء"))
    assert len(ref.search("a", limit=5)) == 5
    assert ref.search("   ") == ()
    assert ref.search("zzzz-no-such-commune") == ()


def test_tables_are_read_once():
    ref.regions()
    before = ref._tables.cache_info().misses
    for _ in range(100):
        ref.answers_for(CASABLANCA)
    assert ref._tables.cache_info().misses == before


def test_seventy_five_prefectures_and_provinces_under_twelve_regions():
    assert len(ref.all_provinces()) == 75
    assert sum(len(ref.provinces(r.code)) for r in ref.regions()) == 75
    assert sum(p.population for p in ref.all_provinces()) == 36_828_330


def test_region_answers_list_its_prefectures_and_provinces_with_their_populations():
    answers = ref.region_answers_for("10")
    assert answers["name"] == {"ar": "كلميم-واد نون", "fr": "Guelmim-Oued Noun"}
    assert answers["population"] == {"legal": 448_685, "census_year": 2024}
    assert [p["name"]["fr"] for p in answers["provinces"]] == [
        "Assa-Zag",
        "Guelmim",
        "Sidi Ifni",
        "Tan-Tan",
    ]
    assert answers["provinces"][0] == {
        "hcp_code": "10.071",
        "kind": "province",
        "name": {"ar": "آسا-الزاك", "fr": "Assa-Zag"},
        "population": 53_298,
    }
    for r in ref.regions():
        listed = ref.region_answers_for(r.code)["provinces"]
        assert sum(p["population"] for p in listed) == r.population


def test_province_answers_for_the_prefecture_of_casablanca():
    assert ref.province_answers_for("06.141") == {
        "name": {"ar": "الدار البيضاء", "fr": "Casablanca"},
        "hcp_code": "06.141",
        "kind": "prefecture",
        "region": {"ar": "الدار البيضاء-سطات", "fr": "Casablanca-Settat"},
        "population": {"legal": 3_218_036, "census_year": 2024},
    }
    with pytest.raises(KeyError):
        ref.province_answers_for("06.999")
