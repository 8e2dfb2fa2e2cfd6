"""Values the law fixes: thresholds and deadlines, and their boundaries."""

import datetime as dt

import pytest

from charter.derive import (
    add_years,
    association_may_petition,
    council_women_seats_min,
    derive,
    signature_threshold,
    women_vice_president_candidates_min,
)


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
