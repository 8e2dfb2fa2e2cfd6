"""Petitions at the three levels: organic laws 113-14 arts 121-125 (communes), 112-14 arts
114-116 (prefectures and provinces), 111-14 arts 120-122 (regions).

One rule per obligation the laws share, under each level's id: the number the level's law
fixes (the signature threshold, the association's years, the months for a rejection) comes
from ``derive``, which reads it from the catalogue.
"""

from charter.rules import rule
from charter.rules.checks import below, differs, exceeds, legal_population


@rule("COM-PET-03", "PRV-PET-02", "REG-PET-02")
def signature_threshold_is_the_laws(answers, derived):
    """113-14 art. 123 (100 / 200 / 400 by population and regime), 112-14 art. 114 (300),
    111-14 art. 120 (300 / 400 / 500 below 1M, from 1M to 3M, above 3M)."""
    population = legal_population(answers)
    for path, params in differs(answers, derived, "petitions", "signature_threshold"):
        yield path, {**params, "population": population}


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


@rule("PRV-PET-03", "REG-PET-04")
def electoral_list_conditions(answers, derived):
    """112-14 art. 114: signatories meet the conditions for the electoral lists; 111-14
    art. 120 sets no such condition."""
    yield from differs(answers, derived, "petitions", "signatories_on_electoral_lists")


@rule("PRV-PET-04")
def more_than_one_hundred_members(answers, derived):
    """112-14 art. 115: associations with more than 100 members (exactly 100 is not enough)."""
    yield from below(answers, derived, "petitions", "association_min_members")


@rule("COM-PET-04", "PRV-PET-05", "REG-PET-05")
def association_age_is_the_laws(answers, derived):
    """113-14 art. 124, 112-14 art. 115, 111-14 art. 121: associations constituted for more
    than three years."""
    yield from differs(answers, derived, "petitions", "association_min_years")


@rule("COM-PET-05", "PRV-PET-06", "REG-PET-06")
def filing_with_the_president(answers, derived):
    """113-14 art. 125, 112-14 art. 116, 111-14 art. 122: the petition is filed with the
    council's president against a receipt."""
    if "president_office" not in answers["petitions"]["filing_channels"]:
        yield ("petitions", "filing_channels"), {}


@rule("COM-PET-08", "PRV-PET-07", "REG-PET-07")
def rejection_within_the_laws_months(answers, derived):
    """A reasoned rejection is notified within three months at a commune (113-14 art. 125),
    two at a prefecture, province (112-14 art. 116) or region (111-14 art. 122)."""
    yield from exceeds(answers, derived, "petitions", "rejection_notice_months")
