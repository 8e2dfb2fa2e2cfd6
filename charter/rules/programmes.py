"""The development programme of the mandate: the commune's action programme (PAC, 113-14
art. 78, decree 2.16.301), the prefecture's or province's (PDP, decree 2.16.300), the region's
(PDR, 111-14 art. 83, decree 2.22.475).

One rule per obligation the levels share, under each level's id; the years and deadlines come
from ``derive`` (the catalogue).
"""

import datetime as dt

from charter.rules import rule
from charter.rules.checks import after_deadline
from charter.schema import level_of

# The programme section of each level's answers.
PROGRAMMES = {"commune": "pac", "province": "pdp", "region": "pdr"}


def programme(answers):
    return PROGRAMMES[level_of(answers)]


@rule("COM-PAC-01", "REG-PDR-01")
def six_years(answers, derived):
    """113-14 art. 78, 111-14 art. 83: the programme spans six years."""
    section = programme(answers)
    period = answers[section]["period"]
    stated, expected = period.get("end_year"), derived.get(f"{section}_end_year")
    if stated is not None and expected is not None and stated != expected.value:
        yield (
            (section, "period", "end_year"),
            {
                "years": expected.value - period["start_year"] + 1,
                "start": period["start_year"],
                "expected": expected.value,
                "actual": stated,
            },
        )


@rule("PRV-PDP-01", "REG-PDR-02")
def adopted_in_the_first_year(answers, derived):
    """111-14 art. 83, decree 2.16.300 arts 10-12: the programme is adopted before the end of
    the mandate's first year (the anniversary itself is too late)."""
    section = programme(answers)
    yield from after_deadline(
        answers, derived, (section, "adoption_date"), f"{section}_adoption_deadline"
    )


@rule("COM-PAC-02")
def first_year_of_the_mandate(answers, derived):
    """113-14 art. 78, decree 2.16.301 art. 11: prepared and adopted in the mandate's first
    year at the latest, for a period starting within it."""
    yield from adopted_in_the_first_year(answers, derived)
    deadline = derived["pac_adoption_deadline"].value
    start_year = answers["pac"]["period"]["start_year"]
    mandate_year = dt.date.fromisoformat(answers["commune"]["mandate"]["start_date"]).year
    if not mandate_year <= start_year <= deadline.year:
        yield ("pac", "period", "start_year"), {"deadline": deadline}


@rule("COM-PAC-03", "REG-PDR-03")
def three_year_estimate(answers, derived):
    """113-14 art. 78, decree 2.16.301 art. 6, 111-14 art. 83: resources and expenditure for
    three years."""
    section = programme(answers)
    if answers[section]["three_year_estimate"] is not True:
        yield (section, "three_year_estimate"), {}


@rule("COM-PAC-04", "REG-PDR-04")
def gender_approach(answers, derived):
    """113-14 art. 78, 111-14 art. 83: the programme takes the gender approach into account."""
    section = programme(answers)
    if answers[section]["gender_approach"] is not True:
        yield (section, "gender_approach"), {}


@rule("COM-PAC-05")
def annual_evaluation_published(answers, derived):
    """Decree 2.16.301 arts 14-15: annual evaluation report; its summary posted and
    published."""
    evaluation = answers["pac"]["annual_evaluation"]
    for key in ("report", "summary_published"):
        if evaluation[key] is not True:
            yield ("pac", "annual_evaluation", key), {}


@rule("REG-PDR-05")
def decision_in_the_first_two_months(answers, derived):
    """Decree 2.22.475 art. 4: the decision to prepare the PDR within the first two months."""
    yield from after_deadline(answers, derived, ("pdr", "decision_date"), "pdr_decision_deadline")
