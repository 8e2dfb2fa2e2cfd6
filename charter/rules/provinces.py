"""Prefectures and provinces: organic law 112-14, arts 18, 111, 114-116; decree 2.16.300."""

from charter.rules import rule
from charter.rules.checks import (
    after_deadline,
    below,
    body_kinds_off,
    differs,
    exceeds,
    not_filed_with_president,
    too_few_women_candidates,
    vice_presidents_off,
)


@rule("PRV-PET-02")
def three_hundred_signatories(answers, derived):
    """112-14 art. 114: at least 300 signatories, whatever the population."""
    yield from differs(answers, derived, "petitions", "signature_threshold")


@rule("PRV-PET-03")
def electoral_list_conditions(answers, derived):
    """112-14 art. 114: signatories meet the conditions for the electoral lists."""
    yield from differs(answers, derived, "petitions", "signatories_on_electoral_lists")


@rule("PRV-PET-04")
def more_than_one_hundred_members(answers, derived):
    """112-14 art. 115: associations with more than 100 members (exactly 100 is not enough)."""
    yield from below(answers, derived, "petitions", "association_min_members")


@rule("PRV-PET-05")
def association_age(answers, derived):
    """112-14 art. 115: associations constituted for more than three years."""
    yield from differs(answers, derived, "petitions", "association_min_years")


@rule("PRV-PET-06")
def filing_with_the_president(answers, derived):
    """112-14 art. 116: filed with the council's president against a receipt."""
    yield from not_filed_with_president(answers)


@rule("PRV-PET-07")
def rejection_within_two_months(answers, derived):
    """112-14 art. 116: a reasoned rejection within two months."""
    yield from exceeds(answers, derived, "petitions", "rejection_notice_months")


@rule("PRV-BODY-01")
def one_equality_body(answers, derived):
    """112-14 art. 111: one consultative body, on equality, equal opportunity and gender."""
    yield from body_kinds_off(answers["bodies"], ("equality",))


@rule("PRV-BODY-02")
def created_with_civil_society(answers, derived):
    """112-14 art. 111: the body is created in partnership with civil-society actors."""
    for i, body in enumerate(answers["bodies"]):
        if body["kind"] == "equality" and body["civil_society_partnership"] is not True:
            yield ("bodies", i, "civil_society_partnership"), {}


@rule("PRV-PDP-01")
def adopted_in_the_first_year(answers, derived):
    """Decree 2.16.300 arts 10-12: the council adopts the PDP before the end of the first year."""
    yield from after_deadline(answers, derived, ("pdp", "adoption_date"), "pdp_adoption_deadline")


@rule("PRV-PDP-02")
def body_consulted_on_the_draft(answers, derived):
    """Decree 2.16.300 art. 7: the art. 111 body is consulted on the draft PDP."""
    for i, body in enumerate(answers["bodies"]):
        if body["kind"] == "equality" and "draft_programme" not in body["consultations"]:
            yield ("bodies", i, "consultations"), {}


@rule("PRV-PAR-01")
def women_vice_president_candidates(answers, derived):
    """112-14 art. 18: strive for women candidates numbering a third of the vice-presidents."""
    yield from too_few_women_candidates(answers, derived, "province")


@rule("PRV-CNL-01")
def council_size_is_the_laws(answers, derived):
    """59-11 art. 103: the council's size follows from the legal population (11 to 31)."""
    council = answers["province"].get("council", {})
    expected = derived.get("council_members")
    stated = council.get("members")
    if stated is not None and expected is not None and stated != expected.value:
        yield (
            ("province", "council", "members"),
            {
                "population": answers["province"]["population"]["legal"],
                "expected": expected.value,
                "actual": stated,
            },
        )


@rule("PRV-CNL-02")
def vice_presidents_are_the_laws(answers, derived):
    """112-14 art. 17: the number of vice-presidents follows from the council's size."""
    yield from vice_presidents_off(answers, derived, "province")
