"""The answers schema: valid 2020-12, every question worded in ar, fr and en."""

from jsonschema import Draft202012Validator

from charter.schema import schema, steps


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
