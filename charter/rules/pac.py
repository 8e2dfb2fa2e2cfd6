"""The commune action programme: 113-14 art. 78; decree 2.16.301."""

import datetime as dt

from charter.legal import number
from charter.rules import rule


@rule("COM-PAC-01")
def six_years(answers, derived):
    """113-14 art. 78: the programme spans six years."""
    period = answers["pac"]["period"]
    stated = period.get("end_year")
    expected = derived["pac_end_year"].value
    if stated is not None and stated != expected:
        yield (
            ("pac", "period", "end_year"),
            {
                "years": number("LO113-14-78", "pac_years"),
                "start": period["start_year"],
                "expected": expected,
                "actual": stated,
            },
        )


@rule("COM-PAC-02")
def first_year_of_the_mandate(answers, derived):
    """113-14 art. 78, decree 2.16.301 art. 11: prepared and adopted in the mandate's first
    year at the latest."""
    deadline = derived["pac_adoption_deadline"].value
    adopted = answers["pac"].get("adoption_date")
    if adopted is not None and dt.date.fromisoformat(adopted) >= deadline:
        yield ("pac", "adoption_date"), {"deadline": deadline}
    start_year = answers["pac"]["period"]["start_year"]
    mandate_year = dt.date.fromisoformat(answers["commune"]["mandate"]["start_date"]).year
    if not mandate_year <= start_year <= deadline.year:
        yield ("pac", "period", "start_year"), {"deadline": deadline}


@rule("COM-PAC-03")
def three_year_estimate(answers, derived):
    """113-14 art. 78, decree 2.16.301 art. 6: resources and expenditure for three years."""
    if answers["pac"]["three_year_estimate"] is not True:
        yield ("pac", "three_year_estimate"), {}


@rule("COM-PAC-04")
def gender_approach(answers, derived):
    """113-14 art. 78: the programme takes the gender approach into account."""
    if answers["pac"]["gender_approach"] is not True:
        yield ("pac", "gender_approach"), {}


@rule("COM-PAC-05")
def annual_evaluation_published(answers, derived):
    """Decree 2.16.301 arts 14-15: annual evaluation report; its summary posted and
    published."""
    evaluation = answers["pac"]["annual_evaluation"]
    for key in ("report", "summary_published"):
        if evaluation[key] is not True:
            yield ("pac", "annual_evaluation", key), {}
