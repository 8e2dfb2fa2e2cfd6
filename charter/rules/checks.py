"""Checks the rules of the three levels share: a stated value against the law's, a limit, a
deadline, the bodies the law creates. Each yields ``(path, params)`` like a rule."""

import datetime as dt


def differs(answers, derived, section, field):
    """A stated value that is not the one the law fixes (``derived[field]``)."""
    stated = answers[section].get(field)
    expected = derived.get(field)
    if stated is not None and expected is not None and stated != expected.value:
        yield (section, field), {"expected": expected.value, "actual": stated}


def below(answers, derived, section, field):
    """A stated value under the law's minimum."""
    stated = answers[section].get(field)
    expected = derived.get(field)
    if stated is not None and expected is not None and stated < expected.value:
        yield (section, field), {"expected": expected.value, "actual": stated}


def exceeds(answers, derived, section, field):
    """A stated value over the law's maximum."""
    stated = answers[section].get(field)
    limit = derived.get(field)
    if stated is not None and limit is not None and stated > limit.value:
        yield (section, field), {"limit": limit.value, "actual": stated}


def after_deadline(answers, derived, path, deadline):
    """A stated date on or after the law's deadline (the anniversary itself is too late)."""
    section, field = path
    stated = answers[section].get(field)
    limit = derived.get(deadline)
    if stated is None or limit is None:
        return
    day = dt.date.fromisoformat(stated)
    if day >= limit.value:
        yield path, {"deadline": limit.value, "actual": day}


def not_filed_with_president(answers):
    """The petition cannot be filed with the council's president."""
    if "president_office" not in answers["petitions"]["filing_channels"]:
        yield ("petitions", "filing_channels"), {}


def body_kinds_off(bodies, kinds):
    """The bodies the law creates are not exactly one of each of ``kinds``."""
    stated = [b["kind"] for b in bodies]
    off = [k for k in kinds if stated.count(k) != 1] + sorted({k for k in stated if k not in kinds})
    if off:
        yield ("bodies",), {"kinds": ", ".join(off)}


def too_few_women_candidates(answers, derived, section):
    """Fewer women vice-president candidates than a third of the vice-presidents."""
    council = answers[section]["council"]
    stated = council.get("women_vice_president_candidates")
    expected = derived.get("women_vice_president_candidates_min")
    if stated is not None and expected is not None and stated < expected.value:
        yield (
            (section, "council", "women_vice_president_candidates"),
            {
                "expected": expected.value,
                "vice_presidents": council["vice_presidents"],
                "actual": stated,
            },
        )


def vice_presidents_off(answers, derived, section):
    """Vice-presidents stated other than the law's number for the council's size."""
    council = answers[section].get("council", {})
    stated, expected = council.get("vice_presidents"), derived.get("vice_presidents")
    if stated is not None and expected is not None and stated != expected.value:
        members = derived["council_members"].value if "council_members" in derived else None
        yield (
            (section, "council", "vice_presidents"),
            {
                "members": members or council.get("members"),
                "expected": expected.value,
                "actual": stated,
            },
        )
