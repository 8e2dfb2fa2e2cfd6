"""The answers schema: valid 2020-12, every question worded in ar, fr and en."""

import json

import pytest
from jsonschema import Draft202012Validator

from charter import iter_findings, load_answers, validate
from charter.answers import upgrade
from charter.schema import schema, steps
from tests.conftest import EXAMPLES, load


def _walk(node, path=()):
    if not isinstance(node, dict):
        return
    for name, sub in node.get("properties", {}).items():
        yield path + (name,), sub
        yield from _walk(sub, path + (name,))
    if isinstance(node.get("items"), dict):
        yield from _walk(node["items"], path + ("*",))


def test_schema_passes_the_2020_12_meta_schema():
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"].endswith("2020-12/schema")


def test_every_field_has_a_title_and_description_in_three_languages():
    for path, node in _walk(schema()):
        for key in ("x-title", "x-description"):
            assert set(node.get(key, {})) >= {"ar", "fr", "en"}, (path, key)
            assert all(node[key][lang].strip() for lang in ("ar", "fr", "en")), (path, key)


def test_every_enum_value_has_titles():
    for path, node in _walk(schema()):
        values = node.get("enum") or node.get("items", {}).get("enum")
        if values:
            titles = node.get("x-enum-titles") or node["items"]["x-enum-titles"]
            assert set(titles) == set(values), path
            assert all(set(t) == {"ar", "fr", "en"} for t in titles.values()), path


def test_unknown_fields_are_rejected_everywhere():
    for path, node in _walk(schema()):
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, path
    assert schema()["additionalProperties"] is False


def test_schema_version_is_at_the_top():
    assert next(iter(schema()["properties"])) == "schema_version"
    assert "schema_version" in schema()["required"]


def test_steps_cover_the_charter_sections_in_order():
    # the charter's languages come first: they decide which texts the other steps ask for
    assert steps()[:4] == ["output", "commune", "adoption", "preamble"]
    for section in ("ieecag", "mechanisms", "petitions", "pac", "transparency", "monitoring"):
        assert section in steps()
    assert steps()[-1] == "final_provisions"


def test_each_level_has_its_own_identification_bodies_and_programme():
    assert steps("commune")[:3] == ["output", "commune", "adoption"]
    assert steps("province")[:3] == ["output", "province", "adoption"]
    assert steps("region")[:3] == ["output", "region", "adoption"]
    assert {"ieecag", "pac"} <= set(steps("commune"))
    assert {"bodies", "pdp"} <= set(steps("province")) and "pac" not in steps("province")
    assert {"bodies", "pdr"} <= set(steps("region")) and "ieecag" not in steps("region")
    shared = set(steps("commune")) & set(steps("province")) & set(steps("region"))
    assert {"petitions", "mechanisms", "transparency", "output"} <= shared
    with pytest.raises(ValueError, match="level must be one of"):
        steps("wilaya")


def test_a_section_of_another_level_is_refused_at_its_path():
    answers = load(EXAMPLES / "rural-ait-tamount.json")
    answers["pdr"] = answers["pac"]
    found = {(f.rule, f.path) for f in iter_findings(answers, "fr")}
    assert ("SCH-level", "/pdr") in found
    answers = load(EXAMPLES / "rural-ait-tamount.json")
    answers["level"] = "region"
    found = {(f.rule, f.path) for f in iter_findings(answers, "fr")}
    assert {("SCH-required", "/region"), ("SCH-required", "/bodies")} <= found
    assert {("SCH-level", "/commune"), ("SCH-level", "/ieecag"), ("SCH-level", "/pac")} <= found


def test_a_format_1_0_file_opens_unchanged_as_a_commune():
    current = load(EXAMPLES / "rural-ait-tamount.json")
    old = {k: v for k, v in current.items() if k != "level"}
    old["schema_version"] = "1.0"
    opened = load_answers(json.dumps(old, ensure_ascii=False))
    assert opened == current
    assert list(opened)[:2] == ["schema_version", "level"]
    assert validate(opened) == validate(current)
    assert upgrade(current) is current
    future = {**current, "schema_version": "9.9"}
    assert upgrade(future) is future
