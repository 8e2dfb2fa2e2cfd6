"""Petitions: organic law 113-14, arts 121-125."""

from charter.rules import rule


@rule("COM-PET-03")
def signature_threshold_is_the_laws(answers, derived):
    """113-14 art. 123: the signature threshold follows from population and regime."""
    stated = answers["petitions"].get("signature_threshold")
    expected = derived.get("signature_threshold")
    if stated is not None and expected is not None and stated != expected.value:
        yield ("petitions", "signature_threshold"), {"expected": expected.value, "actual": stated}


@rule("COM-PET-04")
def association_age_is_the_laws(answers, derived):
    """113-14 art. 124: associations constituted for more than three years."""
    stated = answers["petitions"].get("association_min_years")
    expected = derived["association_min_years"].value
    if stated is not None and stated != expected:
        yield ("petitions", "association_min_years"), {"expected": expected, "actual": stated}


@rule("COM-PET-05")
def filing_with_the_president(answers, derived):
    """113-14 art. 125: the petition is filed with the president against a receipt."""
    if "president_office" not in answers["petitions"]["filing_channels"]:
        yield ("petitions", "filing_channels"), {}


@rule("COM-PET-08")
def rejection_within_three_months(answers, derived):
    """113-14 art. 125: a reasoned rejection is notified within three months."""
    stated = answers["petitions"].get("rejection_notice_months")
    limit = derived["rejection_notice_months"].value
    if stated is not None and stated > limit:
        yield ("petitions", "rejection_notice_months"), {"limit": limit, "actual": stated}
