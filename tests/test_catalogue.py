"""The catalogue of provisions, and everything that cites it."""

import json

import pytest
from jsonschema import Draft202012Validator

from charter.errors import ConfigurationError
from charter.legal import catalogue, number, table_problems, table_value
from charter.resources import SCHEMAS, load_schema_file
from charter.rules import definitions


def test_catalogue_passes_its_meta_schema():
    meta = load_schema_file("provisions.schema.json")
    Draft202012Validator.check_schema(meta)
    validator = Draft202012Validator(meta, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(load_schema_file("provisions.json"))) == []


def test_every_provision_has_both_languages_and_a_known_law():
    cat = catalogue()
    for p in cat.provisions.values():
        assert p.law in cat.laws
        assert p.title["ar"] and p.title["fr"]
        assert p.summary["ar"] and p.summary["fr"] and p.summary["en"]


def _provision_ids_in_schema(node):
    if isinstance(node, dict):
        yield from node.get("x-provisions", [])
        for value in node.values():
            yield from _provision_ids_in_schema(value)
    elif isinstance(node, list):
        for value in node:
            yield from _provision_ids_in_schema(value)


def test_every_provision_the_schema_names_exists():
    schema = json.loads((SCHEMAS / "commune.schema.json").read_text(encoding="utf-8"))
    named = set(_provision_ids_in_schema(schema))
    assert named, "the schema should cite provisions"
    assert named <= set(catalogue().provisions)


def test_every_rule_cites_known_provisions():
    cat = catalogue()
    for rule_id, rule in definitions()["rules"].items():
        assert rule["provisions"], rule_id
        assert all(p in cat for p in rule["provisions"]), rule_id


def test_the_law_numbers_the_rules_use():
    assert number("LO113-14-123", "population_threshold") == 35000
    assert number("LO113-14-125", "rejection_notice_months") == 3
    assert number("L31-13-16", "response_working_days") == 20
    assert number("LO113-14-273", "decisions_posting_days") == 8


def test_uncertain_points_are_flagged_in_the_catalogue():
    cat = catalogue()
    complaints = cat["D2.17.265-8"]
    assert complaints.note and "21" in complaints.note["fr"]
    assert cat["MRI-63"].status == "confirmed-secondary"


def test_citations_read_well_in_each_language():
    cat = catalogue()
    assert cat.cite("LO113-14-123", "fr") == "LO 113-14, art. 123"
    assert cat.cite("LO113-14-123", "ar") == "القانون التنظيمي 113.14، المادة 123"
    assert cat.cite("CONST-19", "ar").endswith("الفصل 19")
    assert cat.cite("L31-13-19", "ar") == "القانون 31.13، المواد 19-21"  # a range: plural
    assert cat.cite("LO59-11-128bis", "fr") == "LO 59-11, art. 128 bis"
    assert cat.cite("LO59-11-128bis", "ar").endswith("المادة 128 المكررة")


@pytest.mark.parametrize(
    ("provision", "name", "value"),
    [
        ("LO111-14-120", "signatures_below_first", 300),
        ("LO111-14-120", "signatures_between", 400),
        ("LO111-14-120", "signatures_above_second", 500),
        ("LO111-14-120", "per_province_share_pct", 5),
        ("LO111-14-120", "electoral_list_condition", 0),
        ("LO111-14-122", "rejection_notice_months", 2),
        ("LO111-14-117", "bodies", 3),
        ("LO112-14-111", "bodies", 1),
        ("LO112-14-114", "signatures", 300),
        ("LO112-14-114", "electoral_list_condition", 1),
        ("LO112-14-115", "association_members_more_than", 100),
        ("LO112-14-116", "rejection_notice_months", 2),
        ("D2.22.475-4", "decision_months", 2),
    ],
)
def test_regions_and_provinces_numbers(provision, name, value):
    assert number(provision, name) == value
    assert catalogue()[provision].status == "confirmed-text"


def test_the_2023_pdr_decree_repealed_2_16_299():
    cat = catalogue()
    assert "2-16-299" in cat.laws["2.22.475"]["reference"]
    assert "2.16.299" in cat["D2.22.475-21"].summary["ar"]


def test_a_table_gives_its_value_and_nothing_outside_its_rows():
    assert table_value("LO59-11-127", "council_members_by_population", 7_500) == 11
    assert table_value("LO113-14-16", "vice_presidents_by_council_members", 14) is None
    with pytest.raises(ConfigurationError):
        table_value("LO113-14-16", "no_such_table", 13)


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ([{"max": 10, "value": 1}, {"min": 10, "value": 2}], "overlaps"),
        ([{"max": 10, "value": 1}, {"value": 2}], "no min"),
        ([{"max": 10, "value": 1}, {"min": 11, "value": 2}, {"min": 20, "value": 3}], "no max"),
        ([{"min": 5, "max": 4, "value": 1}], "above max"),
    ],
)
def test_a_broken_table_is_refused(rows, problem):
    assert any(problem in p for p in table_problems(rows))
    assert list(table_problems([{"max": 10, "value": 1}, {"min": 11, "value": 2}])) == []
