"""The validator, driven by the data in examples/: valid communes, one file per rule."""

import copy
import json

import pytest

from charter import InvalidAnswersError, iter_findings, validate
from charter.findings import split_pointer
from charter.legal import catalogue
from charter.rules import definitions
from tests.conftest import EXAMPLES, case_files, example_files, load


def _expected(path):
    return load(path.with_name(path.name.removesuffix(".json") + ".expected.json"))


def _found(answers):
    return sorted((f.rule, f.path, f.severity) for f in iter_findings(answers, "fr"))


def test_there_are_three_sample_communes_or_more():
    assert len(example_files()) >= 3


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_every_example_is_valid(path):
    findings = list(iter_findings(load(path), "fr"))
    assert [f.to_dict() for f in findings if f.is_error] == []


@pytest.mark.parametrize("path", case_files("invalid"), ids=lambda p: p.stem)
def test_invalid_cases_raise_exactly_the_expected_findings(path):
    expected = sorted((f["rule"], f["path"], f["severity"]) for f in _expected(path)["findings"])
    assert _found(load(path)) == expected
    with pytest.raises(InvalidAnswersError):
        validate(load(path))


@pytest.mark.parametrize("path", case_files("warnings"), ids=lambda p: p.stem)
def test_warning_cases_raise_exactly_the_expected_warnings(path):
    expected = sorted((f["rule"], f["path"], f["severity"]) for f in _expected(path)["findings"])
    assert _found(load(path)) == expected
    assert all(sev == "warning" for _, _, sev in expected)
    assert validate(load(path))


def test_every_rule_has_an_example_that_raises_it():
    raised = set()
    for folder in ("invalid", "warnings"):
        for path in case_files(folder):
            raised |= {f["rule"] for f in _expected(path)["findings"]}
    assert set(definitions()["rules"]) <= raised


def test_every_rule_has_an_example_at_each_of_its_levels():
    """A rule that runs at several levels (the CON-* counts) has a case of each level raising
    it, so its level's fields and citations are exercised. ATI and CMP read only sections the
    levels share and cite the same provisions at every level: their commune case suffices."""
    raised = set()
    for folder in ("invalid", "warnings"):
        for path in case_files(folder):
            level = load(path).get("level", "commune")
            raised |= {(f["rule"], level) for f in _expected(path)["findings"]}
    wanted = {
        (rule_id, level)
        for rule_id, spec in definitions()["rules"].items()
        for level in spec.get("levels", ("commune",))
    }
    missing = {(r, lv) for r, lv in wanted - raised if not r.startswith(("ATI-", "CMP-"))}
    assert not missing, sorted(missing)


LEVEL_SAMPLES = {"province": "province-azilal.json", "region": "region-draa-tafilalet.json"}


@pytest.mark.parametrize(
    ("level", "field", "rule", "cited"),
    [
        ("province", "women_members", "CON-01", ("59-11", "110")),
        ("region", "women_members", "CON-01", ("59-11", "76-77")),
        ("province", "women_vice_president_candidates", "CON-02", ("112-14", "18")),
        ("region", "women_vice_president_candidates", "CON-02", ("111-14", "19")),
    ],
)
def test_council_counts_at_their_boundary_cite_the_levels_law(level, field, rule, cited):
    """The council's own size (the vice-presidents' number) passes, one more is the error, and
    the finding cites the level's provision, never the commune's."""
    answers = load(EXAMPLES / LEVEL_SAMPLES[level])
    council = answers[level]["council"]
    council[field] = council["members" if rule == "CON-01" else "vice_presidents"]
    assert rule not in {f.rule for f in iter_findings(answers)}
    council[field] += 1
    [finding] = [f for f in iter_findings(answers) if f.rule == rule]
    assert finding.path == f"/{level}/council/{field}"
    assert [(c.law, c.article) for c in finding.citations] == [cited]


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_every_rule_finding_cites_the_catalogue_in_every_language(lang):
    cat = catalogue()
    for path in case_files("invalid") + case_files("warnings"):
        for finding in iter_findings(load(path), lang):
            assert finding.message and "{" not in finding.message, finding
            for citation in finding.citations:
                p = cat[citation.provision]
                assert (citation.law, citation.article) == (p.law, p.article)
            if not finding.rule.startswith("SCH-"):
                assert finding.citations, finding


def test_a_missing_field_is_reported_at_its_own_path(largest_example):
    answers = copy.deepcopy(largest_example)
    del answers["ieecag"]["ri_reference"]
    [finding] = [f for f in iter_findings(answers) if f.is_error]
    assert (finding.rule, finding.path) == ("SCH-required", "/ieecag/ri_reference")
    assert [c.article for c in finding.citations] == ["120"]


def test_an_unknown_field_is_rejected_at_its_path(largest_example):
    answers = copy.deepcopy(largest_example)
    answers["petitions"]["signatures"] = 10
    [finding] = [f for f in iter_findings(answers) if f.is_error]
    assert (finding.rule, finding.path) == ("SCH-additionalProperties", "/petitions/signatures")


def test_dates_are_really_checked(largest_example):
    answers = copy.deepcopy(largest_example)
    answers["commune"]["mandate"]["start_date"] = "2021-02-30"
    assert ("SCH-format", "/commune/mandate/start_date") in {
        (f.rule, f.path) for f in iter_findings(answers)
    }


@pytest.mark.parametrize(("population", "expected"), [(34_999, 100), (35_000, 200)])
def test_threshold_boundary(largest_example, population, expected):
    answers = copy.deepcopy(largest_example)
    answers["commune"]["population"]["legal"] = population
    answers["commune"]["arrondissement_regime"] = False
    answers["petitions"]["signature_threshold"] = expected
    assert "COM-PET-03" not in {f.rule for f in iter_findings(answers)}
    answers["petitions"]["signature_threshold"] = 300 - expected  # the other band
    [finding] = [f for f in iter_findings(answers) if f.rule == "COM-PET-03"]
    assert finding.path == "/petitions/signature_threshold"
    assert str(expected) in finding.message
    assert [(c.law, c.article) for c in finding.citations] == [("113-14", "123")]


def test_a_stricter_commitment_is_welcome_a_looser_one_is_an_error(largest_example):
    answers = copy.deepcopy(largest_example)
    answers["transparency"]["response_working_days"] = 10
    assert "ATI-05" not in {f.rule for f in iter_findings(answers)}
    answers["transparency"]["response_working_days"] = 21
    assert "ATI-05" in {f.rule for f in iter_findings(answers) if f.is_error}


def test_messages_follow_the_language(largest_example):
    answers = copy.deepcopy(largest_example)
    answers["petitions"]["rejection_notice_months"] = 4
    messages = {
        lang: next(f.message for f in iter_findings(answers, lang) if f.rule == "COM-PET-08")
        for lang in ("ar", "fr", "en")
    }
    assert "أشهر" in messages["ar"]
    assert "mois" in messages["fr"]
    assert "months" in messages["en"]


def test_validate_returns_warnings_and_raises_on_errors(largest_example):
    assert all(not f.is_error for f in validate(largest_example))
    answers = copy.deepcopy(largest_example)
    answers["pac"]["gender_approach"] = False
    with pytest.raises(InvalidAnswersError) as info:
        validate(answers)
    assert [f.rule for f in info.value.errors] == ["COM-PAC-04"]


def test_findings_shape_is_pinned(largest_example):
    answers = copy.deepcopy(largest_example)
    answers["petitions"]["rejection_notice_months"] = 4
    [finding] = [f.to_dict() for f in iter_findings(answers, "en") if f.is_error]
    assert list(finding) == ["path", "rule", "severity", "message", "citations"]
    citation = {"provision": "LO113-14-125", "law": "113-14", "article": "125"}
    assert finding["citations"] == [citation]
    json.dumps(finding)


def test_paths_are_json_pointers_into_the_answers(largest_example):
    answers = copy.deepcopy(largest_example)
    answers["mechanisms"][0].pop("ri_reference", None)
    answers["mechanisms"][0]["name"]["fr"] = "a/b~c\x07"
    for finding in iter_findings(answers):
        node = answers
        for key in split_pointer(finding.path)[:-1]:
            node = node[int(key)] if isinstance(node, list) else node[key]


def test_a_lone_surrogate_is_a_finding_not_a_crash(largest_example):
    answers = copy.deepcopy(largest_example)
    answers["preamble"]["vision"]["fr"] = "Vision \ud800 brisée"
    [finding] = list(iter_findings(answers, "ar"))
    assert (finding.rule, finding.path) == ("ANS-surrogate", "/preamble/vision/fr")


def test_the_schema_still_runs_when_a_surrogate_is_present(largest_example):
    """A surrogate once made validation skip the schema, and rules ran on malformed sections."""
    answers = copy.deepcopy(largest_example)
    answers["preamble"]["vision"]["fr"] = "\udfff"
    answers["parity"]["measures"] = True
    answers["commune"]["population"]["legal"] = "many"
    found = {(f.rule, f.path) for f in iter_findings(answers, "fr")}
    assert ("ANS-surrogate", "/preamble/vision/fr") in found
    assert ("SCH-type", "/parity/measures") in found
    assert ("SCH-type", "/commune/population/legal") in found
    # no rule reading commune or parity ran on them
    assert not any(r.startswith(("COM-PAR", "COM-PET")) for r, _p in found)


@pytest.mark.parametrize(("members", "found"), [(91, False), (101, False), (95, True), (81, True)])
def test_both_readings_of_a_started_tranche_are_accepted(members, found):
    """59-11 art. 128 does not say whether a started tranche of 250,000 counts."""
    answers = next(a for a in map(load, example_files()) if a["commune"]["arrondissement_regime"])
    answers["commune"]["population"]["legal"] = 1_200_000
    answers["commune"]["council"]["members"] = members
    rules = {f.rule for f in iter_findings(answers)}
    assert ("COM-CNL-01" in rules) is found


@pytest.mark.parametrize(
    ("level", "cited"),
    [("province", ["LO112-14-111"]), ("region", ["LO111-14-117"])],
)
def test_a_schema_finding_cites_the_levels_own_law(level, cited):
    """The schema names the provisions of every level on a shared field; a finding cites the
    level's own (a region's petition field: 111-14, never 113-14; its bodies: 111-14 art. 117,
    never 112-14 art. 111)."""
    answers = load(EXAMPLES / LEVEL_SAMPLES[level])
    answers["bodies"][0]["kind"] = "other"
    answers["petitions"]["association_min_years"] = "three"
    found = {f.path: [c.provision for c in f.citations] for f in iter_findings(answers)}
    assert found["/bodies/0/kind"] == cited
    assert found["/petitions/association_min_years"] == [
        "LO112-14-115" if level == "province" else "LO111-14-121"
    ]
