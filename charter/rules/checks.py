"""Checks the rules of the three levels share: a stated value against the law's, a limit, a
deadline; the collectivity's population. Each yields ``(path, params)`` like a rule."""

import datetime as dt

from charter.schema import level_of


def legal_population(answers):
    """The collectivity's legal population, or None where its section does not say (or is of
    the wrong shape: a rule that does not read it still runs)."""
    section = answers.get(level_of(answers))
    population = section.get("population") if isinstance(section, dict) else None
    return population.get("legal") if isinstance(population, dict) else None


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
