"""Values the law fixes: thresholds and deadlines, and their boundaries."""

import datetime as dt

import pytest

from charter.derive import (
    add_months,
    add_years,
    association_may_petition,
    association_members_min,
    council_members,
    council_women_seats_min,
    derive,
    per_province_minimum,
    region_signature_threshold,
    signature_threshold,
    vice_presidents,
    women_vice_president_candidates_min,
)
from tests.conftest import EXAMPLES, load


@pytest.mark.parametrize(
    ("population", "regime", "expected"),
    [
        (1, False, 100),
        (34_999, False, 100),
        (35_000, False, 200),
        (35_001, False, 200),
        (1_200_000, False, 200),
        (34_999, True, 400),
        (3_300_000, True, 400),
    ],
)
def test_signature_threshold(population, regime, expected):
    assert signature_threshold(population, regime) == expected


def test_an_association_of_exactly_three_years_may_not_petition():
    constituted = dt.date(2021, 5, 6)
    assert not association_may_petition(constituted, dt.date(2024, 5, 6))
    assert association_may_petition(constituted, dt.date(2024, 5, 7))
    assert not association_may_petition(constituted, dt.date(2023, 5, 7))


def test_leap_day_anniversaries():
    assert add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert not association_may_petition(dt.date(2020, 2, 29), dt.date(2023, 2, 28))


@pytest.mark.parametrize(
    ("population", "members", "seats"),
    [(12_480, 23, 5), (50_000, 31, 5), (50_001, 35, 12), (96_300, 43, 15)],
)
def test_seats_reserved_for_women_on_the_council(population, members, seats):
    assert council_women_seats_min(population, members) == seats


@pytest.mark.parametrize(("vps", "women"), [(3, 1), (4, 2), (6, 2), (7, 3), (10, 4)])
def test_women_vice_president_candidates_is_a_third_rounded_up(vps, women):
    assert women_vice_president_candidates_min(vps) == women


def test_derive_from_answers():
    answers = {
        "commune": {
            "population": {"legal": 35_000},
            "arrondissement_regime": False,
            "mandate": {"start_date": "2021-09-08"},
            "council": {"vice_presidents": 5},
        },
        "pac": {"period": {"start_year": 2022}},
    }
    d = derive(answers)
    assert d["signature_threshold"].value == 200
    assert d["signature_threshold"].path == "/petitions/signature_threshold"
    assert d["signature_threshold"].provisions == ("LO113-14-123",)
    assert d["pac_end_year"].value == 2027
    assert d["pac_adoption_deadline"].value == dt.date(2022, 9, 8)
    assert d["women_vice_president_candidates_min"].value == 2
    assert d["rejection_notice_months"].kind == "maximum"


@pytest.mark.parametrize("answers", [{}, [], None, {"commune": "x"}, {"pac": {"period": 3}}])
def test_derive_never_raises_and_computes_what_it_can(answers):
    d = derive(answers)
    assert "signature_threshold" not in d
    assert d["association_min_years"].value == 3


@pytest.mark.parametrize(
    ("population", "members"),
    [
        (1, 11),
        (7_500, 11),
        (7_501, 13),
        (12_500, 13),
        (12_501, 15),
        (15_000, 15),
        (15_001, 23),
        (50_000, 25),
        (50_001, 31),
        (96_300, 31),
        (100_000, 31),
        (100_001, 35),
        (400_000, 55),
        (400_001, 61),
        (3_000_000, 61),
    ],
)
def test_council_size_follows_the_population(population, members):
    """59-11 art. 127, each row's limits included."""
    assert council_members(population, False) == (members, members)


@pytest.mark.parametrize(
    ("population", "readings"),
    [
        (500_000, (81, 81)),
        (750_000, (81, 81)),
        (750_001, (81, 91)),  # a started tranche: 91 if it counts, 81 if not
        (1_000_000, (91, 91)),
        (1_200_000, (91, 101)),
        (1_900_000, (121, 131)),
        (2_000_000, (131, 131)),
        (3_300_000, (131, 131)),  # never more than 131
    ],
)
def test_council_size_under_the_arrondissement_regime(population, readings):
    """59-11 art. 128: 81 up to 750,000, +10 per tranche of 250,000, 131 at most."""
    assert council_members(population, True) == readings


@pytest.mark.parametrize(
    ("members", "vps"),
    [(11, 3), (13, 3), (15, 4), (23, 5), (25, 6), (34, 6), (35, 7), (42, 7), (43, 8)]
    + [(50, 8), (51, 9), (60, 9), (61, 10), (131, 10), (14, None), (20, None), (24, None)],
)
def test_vice_presidents_follow_the_council_size(members, vps):
    """113-14 art. 16; sizes the article does not name give no number."""
    assert vice_presidents(members) == vps


def test_council_size_and_vice_presidents_are_derived_never_asked():
    commune = {"population": {"legal": 96_300}, "arrondissement_regime": False}
    d = derive({"commune": {**commune, "council": {"members": 35, "vice_presidents": 7}}})
    assert (d["council_members"].value, d["council_members"].kind) == (31, "fixed")
    assert d["council_members"].path == "/commune/council/members"
    assert d["council_members"].provisions == ("LO59-11-127",)
    # the vice-presidents follow the law's size, not the size a file states
    assert (d["vice_presidents"].value, d["vice_presidents"].provisions) == (6, ("LO113-14-16",))
    assert d["council_women_seats_min"].value == 11  # a third of 31, rounded up


def test_where_the_readings_of_art_128_differ_no_size_is_derived():
    commune = {"population": {"legal": 1_200_000}, "arrondissement_regime": True}
    d = derive({"commune": commune})
    assert "council_members" not in d
    assert d["vice_presidents"].value == 10  # 91 and 101 both give 10


@pytest.mark.parametrize(
    ("population", "signatures", "each"),
    [
        (448_685, 300, 15),
        (999_999, 300, 15),
        (1_000_000, 400, 20),  # "between one and three million" includes one million
        (3_000_000, 400, 20),  # and three million: it does not exceed three million
        (3_000_001, 500, 25),
        (7_688_967, 500, 25),
    ],
)
def test_region_petition_thresholds_by_population(population, signatures, each):
    assert region_signature_threshold(population) == signatures
    assert per_province_minimum(signatures) == each


def test_region_derives_a_minimum_for_each_of_its_provinces():
    answers = load(EXAMPLES / "region-draa-tafilalet.json")
    d = derive(answers)
    assert d["signature_threshold"].value == 400
    assert d["signature_threshold"].provisions == ("LO111-14-120",)
    minimums = d["province_minimums"]
    assert minimums.provisions == ("LO111-14-120",)
    assert minimums.path == "/petitions/province_minimums"
    assert [(p["name"]["fr"], p["signatures"]) for p in minimums.value] == [
        ("Errachidia", 20),
        ("Midelt", 20),
        ("Ouarzazate", 20),
        ("Tinghir", 20),
        ("Zagora", 20),
    ]
    assert d["signatories_on_electoral_lists"].value is False
    assert d["rejection_notice_months"].value == 2
    assert d["rejection_notice_months"].provisions == ("LO111-14-122",)
    assert "pac_end_year" not in d and "association_min_members" not in d
    assert d["pdr_end_year"].value == 2027
    assert d["pdr_decision_deadline"].value == dt.date(2021, 11, 21)


def test_province_petitions_three_hundred_on_the_electoral_lists_more_than_100_members():
    answers = load(EXAMPLES / "province-azilal.json")
    d = derive(answers)
    assert d["signature_threshold"].value == 300
    assert d["signature_threshold"].provisions == ("LO112-14-114",)
    assert d["signatories_on_electoral_lists"].value is True
    assert d["association_min_members"].value == 101  # more than 100: exactly 100 is not enough
    assert association_members_min() == 101
    assert d["rejection_notice_months"].value == 2
    assert d["rejection_notice_months"].provisions == ("LO112-14-116",)
    assert d["pdp_adoption_deadline"].value == dt.date(2022, 9, 21)
    assert "province_minimums" not in d and "decisions_posting_days" not in d


def test_a_commune_keeps_its_own_values():
    d = derive(load(EXAMPLES / "rural-ait-tamount.json"))
    assert d["rejection_notice_months"].value == 3
    assert d["signatories_on_electoral_lists"].value is True
    assert d["signatories_on_electoral_lists"].provisions == ("LO113-14-123",)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2021, 9, 21), 2, dt.date(2021, 11, 21)),
        (dt.date(2021, 12, 31), 2, dt.date(2022, 2, 28)),
        (dt.date(2024, 12, 31), 2, dt.date(2025, 2, 28)),
        (dt.date(2023, 12, 31), 2, dt.date(2024, 2, 29)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("population", "members", "vps"),
    [(150_000, 11, 2), (150_001, 13, 2), (574_112, 21, 3), (1_000_000, 29, 5), (1_000_001, 31, 5)],
)
def test_a_province_council_and_its_vice_presidents_follow_the_population(population, members, vps):
    answers = load(EXAMPLES / "province-azilal.json")
    answers["province"]["population"]["legal"] = population
    d = derive(answers)
    assert (d["council_members"].value, d["vice_presidents"].value) == (members, vps)
    assert d["council_members"].provisions == ("LO59-11-103",)
    assert d["vice_presidents"].provisions == ("LO112-14-17",)


@pytest.mark.parametrize(
    ("members", "vps"), [(39, 6), (45, 7), (51, 7), (63, 8), (75, 9), (42, None)]
)
def test_a_region_s_vice_presidents_follow_its_council(members, vps):
    answers = load(EXAMPLES / "region-draa-tafilalet.json")
    answers["region"]["council"]["members"] = members
    d = derive(answers)
    if vps is None:  # 111-14 art. 18 says nothing of a council of 42: nothing is derived
        assert "vice_presidents" not in d
    else:
        assert d["vice_presidents"].value == vps
        assert d["vice_presidents"].provisions == ("LO111-14-18",)
