"""The commune council: its size (59-11 arts 127-128) and its vice-presidents (113-14
art. 16), both derived from the answers, never asked."""

from charter.derive import council_members
from charter.rules import rule


@rule("COM-CNL-01")
def council_size_is_the_laws(answers, derived):
    """59-11 arts 127-128: the council's size follows from the legal population and the
    arrondissement regime (both readings of a started tranche accepted under art. 128)."""
    commune = answers["commune"]
    stated = commune.get("council", {}).get("members")
    if stated is None:
        return
    fewest, most = council_members(commune["population"]["legal"], commune["arrondissement_regime"])
    if stated not in (fewest, most):
        expected = str(fewest) if fewest == most else f"{fewest}/{most}"
        yield ("commune", "council", "members"), {"expected": expected, "actual": stated}


@rule("COM-CNL-02")
def vice_presidents_are_the_laws(answers, derived):
    """113-14 art. 16: the number of vice-presidents follows from the council's size."""
    stated = answers["commune"].get("council", {}).get("vice_presidents")
    expected = derived.get("vice_presidents")
    if stated is not None and expected is not None and stated != expected.value:
        commune = answers["commune"]
        fewest, most = council_members(
            commune["population"]["legal"], commune["arrondissement_regime"]
        )
        members = fewest if fewest == most else f"{fewest}/{most}"
        yield (
            ("commune", "council", "vice_presidents"),
            {"expected": expected.value, "members": members, "actual": stated},
        )


@rule("COM-CNL-03")
def women_hold_the_reserved_seats(answers, derived):
    """59-11 arts 128 bis and 130: the seats reserved for women (five under single-member vote,
    a third under lists) are held by women; fewer women than that is a figure to check (a
    vacancy not yet filled is possible: a warning)."""
    stated = answers["commune"].get("council", {}).get("women_members")
    seats = derived.get("council_women_seats_min")
    if stated is not None and seats is not None and stated < seats.value:
        path = ("commune", "council", "women_members")
        yield path, {"expected": seats.value, "actual": stated}
