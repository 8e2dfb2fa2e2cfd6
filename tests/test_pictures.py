"""The trainer's pictures as data: composition, the PAC cycle on the mandate, compliance."""

import copy
import datetime as dt

import pytest

from charter import derive, iter_findings, pictures
from charter.compliance import wording
from charter.legal import number
from tests.conftest import EXAMPLES as EXAMPLES_DIR
from tests.conftest import case_files, example_files, load

EXAMPLES = [pytest.param(load(p), id=p.stem) for p in example_files()]
COMMUNES = [e for e in EXAMPLES if e.values[0]["level"] == "commune"]
OTHER_LEVELS = [e for e in EXAMPLES if e.values[0]["level"] != "commune"]


@pytest.mark.parametrize("answers", OTHER_LEVELS)
def test_a_region_or_province_shows_its_council_and_the_bodies_the_law_creates(answers):
    level = answers["level"]
    bodies = {b.path: b for b in pictures.composition(answers)}
    council = answers[level]["council"]
    c = bodies[f"/{level}/council"]
    assert (c.women, c.total) == (council["women_members"], council["members"])
    if level == "province":  # 59-11 art. 110: a third of the seats, rounded up
        assert c.measure("women").floor.count == -(-council["members"] // 3)
        assert c.measure("women").floor.provisions == ("LO59-11-110",)
    else:  # counted per constituency (59-11 art. 76): not drawn
        assert c.measure("women").floors == ()
    for i, body in enumerate(answers["bodies"]):
        b = bodies[f"/bodies/{i}/composition"]
        assert b.name == body["name"]
        assert b.total == sum(r["women"] + r["men"] for r in body["composition"])
    assert "/ieecag/composition" not in bodies


@pytest.mark.parametrize("answers", OTHER_LEVELS)
def test_a_region_or_province_shows_its_own_programme_on_the_mandate(answers):
    t = pictures.pac_timeline(answers)
    d = derive(answers)
    if answers["level"] == "region":  # the PDR: 111-14 art. 83, decree 2.22.475 arts 4-5
        assert t.programme == "pdr"
        assert [s.key for s in t.steps] == [
            "preparation_decision",
            "consultations_bodies",
            "adoption",
            "execution",
        ]
        decision = t.step("preparation_decision")
        assert decision.end == d["pdr_decision_deadline"].value - dt.timedelta(days=1)
        assert decision.provisions == ("D2.22.475-4",)
        assert t.step("adoption").end == d["pdr_adoption_deadline"].value - dt.timedelta(days=1)
        assert t.step("execution").years == tuple(
            range(answers["pdr"]["period"]["start_year"], d["pdr_end_year"].value + 1)
        )
        assert len(t.step("execution").years) == number("LO111-14-83", "programme_years")
    else:  # the PDP: decree 2.16.300
        assert t.programme == "pdp"
        adopted = dt.date.fromisoformat(answers["pdp"]["adoption_date"])
        visa = t.step("governor_visa")
        assert visa.end == adopted + dt.timedelta(days=number("D2.16.300-12", "visa_days"))
        committees = t.step("committees")
        lead = number("D2.16.300-12", "committee_lead_days")
        assert committees.end == adopted - dt.timedelta(days=lead)
        assert t.step("preparation_decision_posted").days == number("D2.16.300-4", "posting_days")
        assert t.step("adoption").end == d["pdp_adoption_deadline"].value - dt.timedelta(days=1)
        assert "ieecag" not in repr(t.steps).lower()
    for step in t.steps:  # every step rests on a provision of the level's own texts
        assert step.provisions
        assert not any(p.startswith(("LO113-14", "D2.16.301")) for p in step.provisions)


def test_a_late_pdr_is_marked_late():
    answers = copy.deepcopy(
        next(e.values[0] for e in OTHER_LEVELS if e.values[0]["level"] == "region")
    )
    deadline = derive(answers)["pdr_adoption_deadline"].value
    answers["pdr"]["adoption_date"] = deadline.isoformat()
    assert pictures.pac_timeline(answers).step("adoption").late


@pytest.mark.parametrize("answers", COMMUNES)
def test_composition_adds_up_to_the_answers(answers):
    bodies = {b.path: b for b in pictures.composition(answers)}
    ieecag = bodies["/ieecag/composition"]
    rows = answers["ieecag"]["composition"]
    assert ieecag.women == sum(r["women"] for r in rows)
    assert ieecag.men == sum(r["men"] for r in rows)
    elected = sum(r["women"] + r["men"] for r in rows if r["category"] == "elected_members")
    assert ieecag.measure("civil_society").count == ieecag.total - elected
    assert ieecag.measure("youth").count == answers["ieecag"].get("youth_members")
    assert ieecag.measure("pwd").count == answers["ieecag"].get("pwd_members")
    for i, body in enumerate(answers.get("consultative_bodies", [])):
        b = bodies[f"/consultative_bodies/{i}/composition"]
        assert b.name == body["name"]
        assert b.total == sum(r["women"] + r["men"] for r in body["composition"])
    council = answers["commune"]["council"]
    c = bodies["/commune/council"]
    # the council's size is the law's (59-11 arts 127-128), stated or not
    members = council.get("members", derive(answers)["council_members"].value)
    assert (c.women, c.total) == (council["women_members"], members)


@pytest.mark.parametrize("answers", COMMUNES)
def test_thresholds_say_whose_they_are_and_agree_with_the_rules(answers):
    warned = {
        f.path for f in iter_findings(answers) if f.rule == "COM-PAR-03"
    }  # bodies under the commune's own target
    target = answers["parity"]["women_target_pct"]
    for body in pictures.composition(answers):
        women = body.measure("women")
        for floor in women.floors:
            assert floor.source == "law" and floor.provisions
        if body.key in ("ieecag", "consultative_body"):
            assert women.target.source == "commune" and women.target.pct == target
            assert women.target.path == "/parity/women_target_pct"
            assert (women.status == "below_target") == (body.path in warned)
        else:
            assert women.target is None  # the commune's target is for its bodies, not the council
    council = next(b for b in pictures.composition(answers) if b.key == "council")
    floors = council.measure("women").floors
    [floor] = floors  # the population settles the voting mode, hence one floor
    assert floor.count == derive(answers)["council_women_seats_min"].value
    assert floor.provisions == ("LO59-11-128bis", "LO59-11-130")


def test_without_a_population_the_council_has_both_floors():
    answers = copy.deepcopy(load(example_files()[0]))
    del answers["commune"]["population"]
    council = next(b for b in pictures.composition(answers) if b.key == "council")
    floors = council.measure("women").floors
    assert {f.when for f in floors} == {"single_member_voting", "list_voting"}
    assert next(f for f in floors if f.when == "single_member_voting").count == number(
        "LO59-11-128bis", "single_member_seats"
    )
    vp = next(b for b in pictures.composition(answers) if b.key == "vice_president_candidates")
    floor = vp.measure("women").floor
    assert floor.count == derive(answers)["women_vice_president_candidates_min"].value
    assert floor.binding is False  # an obligation of means


def test_an_ieecag_of_elected_members_only_is_below_the_law():
    answers = load(example_files()[0])
    answers = copy.deepcopy(answers)
    answers["ieecag"]["composition"] = [{"category": "elected_members", "women": 2, "men": 3}]
    ieecag = next(b for b in pictures.composition(answers) if b.key == "ieecag")
    measure = ieecag.measure("civil_society")
    assert (measure.count, measure.status) == (0, "below_floor")
    assert measure.floor.provisions == ("LO113-14-120",)


def test_incomplete_answers_give_what_they_can():
    assert pictures.composition({}) == []
    timeline = pictures.pac_timeline({})
    assert timeline.years == () and timeline.first_year_end is None
    assert timeline.step("governor_visa").days == number("D2.16.301-12", "visa_days")
    odd = {"commune": "x", "ieecag": {"composition": "?"}, "pac": {"period": 3}}
    assert [b.total for b in pictures.composition(odd)] == [0]
    assert pictures.pac_timeline(odd).pac_start_year is None


@pytest.mark.parametrize("answers", COMMUNES)
def test_the_pac_cycle_is_placed_on_the_mandate(answers):
    t = pictures.pac_timeline(answers)
    d = derive(answers)
    start = dt.date.fromisoformat(answers["commune"]["mandate"]["start_date"])
    adopted = dt.date.fromisoformat(answers["pac"]["adoption_date"])
    assert t.mandate_start == start
    # the anniversary is already late: the first year ends the day before
    assert t.first_year_end == d["pac_adoption_deadline"].value - dt.timedelta(days=1)
    assert t.first_year_end.year == start.year + 1
    keys = [s.key for s in t.steps]
    assert len(keys) == 11 and keys[0] == "information_meeting" and keys[-1] == "update"
    adoption = t.step("adoption")
    assert (adoption.done, adoption.end, adoption.late) == (adopted, t.first_year_end, False)
    visa = t.step("governor_visa")
    assert visa.end - adopted == dt.timedelta(days=number("D2.16.301-12", "visa_days"))
    committees = t.step("committees")
    assert adopted - committees.end == dt.timedelta(
        days=number("D2.16.301-10", "committee_lead_days")
    )
    assert t.step("preparation_decision_posted").days == number("D2.16.301-5", "posting_days")
    assert t.step("governor_coordination").days == number(
        "D2.16.301-9", "technical_assistance_days"
    )
    pac_years = number("LO113-14-78", "pac_years")
    assert len(t.step("annual_evaluation").years) == pac_years
    assert (
        t.step("update").years[0]
        == t.pac_start_year + number("LO113-14-80", "update_from_year") - 1
    )
    assert t.years[0] == start.year and t.years[-1] >= t.pac_end_year
    for step in t.steps:
        assert all(p.startswith(("D2.16.301", "LO113-14")) for p in step.provisions)


def test_an_adoption_on_the_anniversary_is_late():
    answers = copy.deepcopy(load(example_files()[0]))
    start = dt.date.fromisoformat(answers["commune"]["mandate"]["start_date"])
    answers["pac"]["adoption_date"] = start.replace(year=start.year + 1).isoformat()
    assert pictures.pac_timeline(answers).step("adoption").late
    answers["pac"].pop("adoption_date")
    t = pictures.pac_timeline(answers)
    # without an adoption date, the committees' and visa's dates hang on the deadline
    assert t.step("committees").end == t.first_year_end - dt.timedelta(days=30)


@pytest.mark.parametrize("answers", EXAMPLES)
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_compliance_reads_the_annex_matrix(answers, lang):
    from charter.render.clauses import shipped_library

    rows = pictures.compliance(answers, lang)
    obligations = wording(shipped_library().annexes, answers.get("level", "commune"))
    assert [r.provision for r in rows] == [o["provision"] for o in obligations]
    assert [r.obligation for r in rows] == [o[lang] for o in obligations]
    assert {r.status for r in rows} <= {"met", "warning", "missing"}
    for r in rows:
        assert r.citation and (r.status != "met" or r.articles)


@pytest.mark.parametrize(
    ("sample", "law", "provision"),
    [
        ("province-azilal", "112-14", "LO112-14-111"),
        ("region-draa-tafilalet", "111-14", "LO111-14-117"),
    ],
)
def test_a_levels_matrix_is_its_own_law(sample, law, provision):
    """A province's or region's matrix lists the obligations of its own organic law, never
    113-14's; an error on its bodies (no equality body) marks that row missing."""
    answers = load(EXAMPLES_DIR / f"{sample}.json")
    rows = {r.provision: r for r in pictures.compliance(answers, "fr")}
    assert rows[provision].status == "met"
    assert not [p for p in rows if p.startswith(("LO113-14", "D2.16.301"))]
    assert sum(p.startswith(f"LO{law}") for p in rows) >= 5
    next(b for b in answers["bodies"] if b["kind"] == "equality")["kind"] = "youth"
    rows = {r.provision: r for r in pictures.compliance(answers, "ar")}
    assert rows[provision].status == "missing"
    assert law.replace("-", ".") in rows[provision].citation


def test_compliance_shows_an_error_as_missing():
    answers = copy.deepcopy(load(example_files()[0]))
    answers["ieecag"]["civil_society_partnership"] = False
    rows = {r.provision: r for r in pictures.compliance(answers, "fr")}
    assert rows["LO113-14-120"].status == "missing"


@pytest.mark.parametrize(
    "answers",
    [pytest.param({"schema_version": "1.1", "level": "commune"}, id="blank")]
    + [pytest.param(load(p), id=p.stem) for p in case_files("invalid")],
)
def test_drafts_with_errors_still_have_pictures(answers):
    pictures.composition(answers)
    pictures.pac_timeline(answers)
    rows = pictures.compliance(answers, "ar")
    assert {r.status for r in rows} <= {"met", "warning", "missing"}
