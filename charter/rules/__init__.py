"""Legal rules JSON Schema cannot express: one small generator per rule.

A rule runs for the levels its data names (``levels``: commune, province, region; a rule that
names none is the commune's). At a province or a region, a finding cites the level's own
counterparts of the provisions the rule names (``for_level``: 113-14 art. 119 becomes 112-14
art. 110 or 111-14 art. 116). A rule function takes the answers and the derived values and
yields ``(path, params)``: where the problem is (a tuple of keys) and the numbers its message
needs. What the finding says, its severity and the provisions it cites are data, in
``schemas/rules.json``. Rules only run on sections that are schema-valid (each rule names the
sections it ``reads``), so they can trust types.
"""

from functools import cache

from charter.errors import ConfigurationError
from charter.legal import catalogue, for_level
from charter.resources import load_schema_file
from charter.schema import LEVELS

_REGISTRY = {}


def rule(*rule_ids):
    """Register the decorated generator as the implementation of ``rule_ids``: one id per level
    where the levels' laws say the same thing (``COM-PET-04``, ``PRV-PET-05``, ``REG-PET-05``:
    associations constituted for more than three years). Each id keeps its own data (levels,
    provisions, message); the number the law fixes for the level comes from ``derived``."""

    def register(fn):
        for rule_id in rule_ids:
            if rule_id in _REGISTRY:
                raise ConfigurationError(f"rule {rule_id} implemented twice")
            _REGISTRY[rule_id] = fn
        return fn

    return register


@cache
def definitions():
    """Return the rules' data (severity, provisions, reads, messages), checked against the
    implementations and the catalogue."""
    from charter.rules import (  # noqa: F401  (importing registers the rules)
        bodies,
        complaints,
        consistency,
        council,
        ieecag,
        mechanisms,
        parity,
        petitions,
        programmes,
        transparency,
    )

    data = load_schema_file("rules.json")
    rules = data["rules"]
    problems = [f"rule {r} has no data in rules.json" for r in _REGISTRY if r not in rules]
    problems += [f"rule {r} has no implementation" for r in rules if r not in _REGISTRY]
    cat = catalogue()
    problems += [
        f"rule {r} cites unknown provision {p}"
        for r, d in rules.items()
        for p in d["provisions"]
        if p not in cat
    ]
    problems += [
        f"rule {r} names unknown level {level}"
        for r, d in rules.items()
        for level in d.get("levels", ())
        if level not in LEVELS
    ]
    problems += [
        f"rule {r} cites no provision of the {level}'s laws"
        for r, d in rules.items()
        for level in d.get("levels", ("commune",))
        if level in LEVELS and not for_level(d["provisions"], level)
    ]
    if problems:
        raise ConfigurationError("; ".join(problems))
    return data


def implementations():
    """Return the registered rules, id -> function, in rules.json order."""
    order = definitions()["rules"]
    return {r: _REGISTRY[r] for r in order}
