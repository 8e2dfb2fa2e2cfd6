"""Property-based: the validator never raises, and every finding has a valid path."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter import iter_findings
from charter.findings import split_pointer
from charter.schema import steps

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def assert_paths_lead_into(answers, findings):
    for finding in findings:
        assert finding.path == "" or finding.path.startswith("/")
        node = answers
        for key in split_pointer(finding.path)[:-1]:
            node = node[int(key)] if isinstance(node, list) else node[key]
        assert finding.message
        assert finding.severity in ("error", "warning")


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_arbitrary_json_never_makes_the_validator_raise(value):
    assert_paths_lead_into(value, list(iter_findings(value, "ar")))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(steps()), json_values)
def test_a_valid_commune_with_one_section_scrambled(largest_example, section, value):
    answers = copy.deepcopy(largest_example)
    answers[section] = value
    assert_paths_lead_into(answers, list(iter_findings(answers, "fr")))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(steps()), json_values)
def test_the_fast_validator_agrees_with_jsonschema(largest_example, section, value):
    from charter.schema import fast_validator, validator

    answers = copy.deepcopy(largest_example)
    answers[section] = value
    assert fast_validator().is_valid(answers) == validator().is_valid(answers)


RULED_SECTIONS = ["commune", "ieecag", "consultative_bodies", "mechanisms", "petitions", "pac"]
RULED_SECTIONS += ["transparency", "complaints", "parity"]


def _section_strategy(section):
    from hypothesis_jsonschema import from_schema

    from charter.schema import schema

    # a deep copy: hypothesis-jsonschema rewrites the schema it is given, in place
    whole = copy.deepcopy(schema())
    return from_schema({"$defs": whole["$defs"], **whole["properties"][section]})


@pytest.mark.parametrize("section", RULED_SECTIONS)
def test_every_schema_valid_section_passes_the_schema_and_the_rules_never_raise(
    largest_example, section
):
    """Whatever the schema allows in a section (hypothesis-jsonschema draws it), the validator
    agrees it is schema-valid, and the legal rules judge it without raising."""

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_section_strategy(section))
    def check(value):
        answers = copy.deepcopy(largest_example)
        answers[section] = value
        findings = list(iter_findings(answers, "fr"))
        assert [f.path for f in findings if f.rule.startswith("SCH-")] == []
        assert_paths_lead_into(answers, findings)

    check()
