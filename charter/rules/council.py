"""The council: its size (59-11 arts 127-128 for a commune, art. 103 for a prefecture or
province), its vice-presidents (113-14 art. 16, 112-14 art. 17, 111-14 art. 18) and the seats
reserved for women (59-11 arts 128 bis and 130, art. 110), all derived from the answers and the
catalogue's tables, never asked. A region's council size is fixed by a decree (59-11 art. 77)
not in the catalogue: nothing is derived from its population."""

from charter.derive import council_members
from charter.rules import rule
from charter.schema import level_of


def commune_sizes(commune):
    """The commune council sizes the law allows, as printed: ``31``, or ``81/91`` where art. 128
    leaves a started tranche open."""
    fewest, most = council_members(commune["population"]["legal"], commune["arrondissement_regime"])
    return str(fewest) if fewest == most else f"{fewest}/{most}"


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
        path = ("commune", "council", "members")
        yield path, {"expected": commune_sizes(commune), "actual": stated}


@rule("PRV-CNL-01")
def province_council_size_is_the_laws(answers, derived):
    """59-11 art. 103: the council's size follows from the legal population (11 to 31)."""
    stated = answers["province"].get("council", {}).get("members")
    expected = derived.get("council_members")
    if stated is not None and expected is not None and stated != expected.value:
        yield (
            ("province", "council", "members"),
            {
                "population": answers["province"]["population"]["legal"],
                "expected": expected.value,
                "actual": stated,
            },
        )


@rule("COM-CNL-02", "PRV-CNL-02", "REG-CNL-02")
def vice_presidents_are_the_laws(answers, derived):
    """113-14 art. 16, 112-14 art. 17, 111-14 art. 18: the number of vice-presidents follows
    from the council's size."""
    level = level_of(answers)
    council = answers[level].get("council", {})
    stated, expected = council.get("vice_presidents"), derived.get("vice_presidents")
    if stated is None or expected is None or stated == expected.value:
        return
    if level == "commune":
        members = commune_sizes(answers["commune"])
    elif "council_members" in derived:
        members = derived["council_members"].value
    else:
        members = council.get("members")
    yield (
        (level, "council", "vice_presidents"),
        {"expected": expected.value, "members": members, "actual": stated},
    )


@rule("COM-CNL-03", "PRV-CNL-03")
def women_hold_the_reserved_seats(answers, derived):
    """59-11 arts 128 bis and 130 (a commune: five seats under single-member vote, a third
    under lists), art. 110 (a prefecture or province: a third, rounded up): the seats reserved
    for women are held by women; fewer women than that is a figure to check (a vacancy not yet
    filled is possible: a warning). A region's (art. 76: a third in each constituency) is not
    derived: its constituencies' seats are fixed by a decree the catalogue does not hold."""
    level = level_of(answers)
    stated = answers[level].get("council", {}).get("women_members")
    seats = derived.get("council_women_seats_min")
    if stated is not None and seats is not None and stated < seats.value:
        yield (level, "council", "women_members"), {"expected": seats.value, "actual": stated}
