"""Regions: organic law 111-14, arts 19, 83, 117, 120-122; decree 2.22.475, art. 4."""

from charter.rules import rule
from charter.rules.checks import (
    after_deadline,
    body_kinds_off,
    differs,
    exceeds,
    not_filed_with_president,
    too_few_women_candidates,
    vice_presidents_off,
)


@rule("REG-PET-02")
def signature_threshold_by_population(answers, derived):
    """111-14 art. 120: 300 / 400 / 500 signatories below 1M, from 1M to 3M, above 3M."""
    for path, params in differs(answers, derived, "petitions", "signature_threshold"):
        yield path, {**params, "population": answers["region"]["population"]["legal"]}


@rule("REG-PET-03")
def five_percent_in_each_province(answers, derived):
    """111-14 art. 120: at least 5% of the required signatories in each prefecture or
    province of the region."""
    expected = derived.get("province_minimums")
    if expected is None:
        return
    each = {p["hcp_code"]: p for p in expected.value}
    for i, stated in enumerate(answers["petitions"].get("province_minimums", ())):
        province = each.get(stated["hcp_code"])
        if province is not None and stated["signatures"] < province["signatures"]:
            yield (
                ("petitions", "province_minimums", i, "signatures"),
                {
                    "province": province["name"]["fr"] if province["name"] else stated["hcp_code"],
                    "expected": province["signatures"],
                    "threshold": derived["signature_threshold"].value,
                    "actual": stated["signatures"],
                },
            )


@rule("REG-PET-04")
def no_electoral_list_condition(answers, derived):
    """111-14 art. 120: no electoral-list condition for region petitions."""
    yield from differs(answers, derived, "petitions", "signatories_on_electoral_lists")


@rule("REG-PET-05")
def association_age(answers, derived):
    """111-14 art. 121: associations constituted for more than three years."""
    yield from differs(answers, derived, "petitions", "association_min_years")


@rule("REG-PET-06")
def filing_with_the_president(answers, derived):
    """111-14 art. 122: filed with the region president against an immediate receipt."""
    yield from not_filed_with_president(answers)


@rule("REG-PET-07")
def rejection_within_two_months(answers, derived):
    """111-14 art. 122: a reasoned rejection within two months."""
    yield from exceeds(answers, derived, "petitions", "rejection_notice_months")


@rule("REG-BODY-01")
def three_bodies(answers, derived):
    """111-14 art. 117: three bodies, one on equality and gender, one on youth, one with the
    economic actors."""
    yield from body_kinds_off(answers["bodies"], ("equality", "youth", "economic"))


@rule("REG-BODY-02")
def partners_of_the_bodies(answers, derived):
    """111-14 art. 117: the equality body with civil society, the economic body with the
    region's economic actors."""
    for i, body in enumerate(answers["bodies"]):
        if body["kind"] == "equality" and body["civil_society_partnership"] is not True:
            yield ("bodies", i, "civil_society_partnership"), {}
        if body["kind"] == "economic" and not any(
            m["category"] == "economic_actors" and m["women"] + m["men"] > 0
            for m in body["composition"]
        ):
            yield ("bodies", i, "composition"), {}


@rule("REG-PDR-01")
def six_years(answers, derived):
    """111-14 art. 83: the PDR spans six years."""
    period = answers["pdr"]["period"]
    stated, expected = period.get("end_year"), derived.get("pdr_end_year")
    if stated is not None and expected is not None and stated != expected.value:
        years = expected.value - period["start_year"] + 1
        yield (
            ("pdr", "period", "end_year"),
            {
                "years": years,
                "start": period["start_year"],
                "expected": expected.value,
                "actual": stated,
            },
        )


@rule("REG-PDR-02")
def adopted_in_the_first_year(answers, derived):
    """111-14 art. 83: the PDR is prepared in the first year of the mandate."""
    yield from after_deadline(answers, derived, ("pdr", "adoption_date"), "pdr_adoption_deadline")


@rule("REG-PDR-03")
def three_year_estimate(answers, derived):
    """111-14 art. 83: a three-year estimate of resources and expenditure."""
    if answers["pdr"]["three_year_estimate"] is not True:
        yield ("pdr", "three_year_estimate"), {}


@rule("REG-PDR-04")
def gender_approach(answers, derived):
    """111-14 art. 83: the PDR takes the gender approach into account."""
    if answers["pdr"]["gender_approach"] is not True:
        yield ("pdr", "gender_approach"), {}


@rule("REG-PDR-05")
def decision_in_the_first_two_months(answers, derived):
    """Decree 2.22.475 art. 4: the decision to prepare the PDR within the first two months."""
    yield from after_deadline(answers, derived, ("pdr", "decision_date"), "pdr_decision_deadline")


@rule("REG-PAR-01")
def women_vice_president_candidates(answers, derived):
    """111-14 art. 19: strive for women candidates numbering a third of the vice-presidents."""
    yield from too_few_women_candidates(answers, derived, "region")


@rule("REG-CNL-02")
def vice_presidents_are_the_laws(answers, derived):
    """111-14 art. 18: the number of vice-presidents follows from the council's size."""
    yield from vice_presidents_off(answers, derived, "region")
