"""Parity: the women candidates for vice-president (113-14 art. 17, 112-14 art. 18, 111-14
art. 19); the commune's own target for its bodies."""

from charter.rules import rule
from charter.schema import level_of


@rule("COM-PAR-01", "PRV-PAR-01", "REG-PAR-01")
def women_vice_president_candidates(answers, derived):
    """113-14 art. 17, 112-14 art. 18, 111-14 art. 19: strive for women candidates numbering a
    third of the vice-presidents (an obligation of means: a warning)."""
    level = level_of(answers)
    council = answers[level].get("council", {})
    stated = council.get("women_vice_president_candidates")
    expected = derived.get("women_vice_president_candidates_min")
    if stated is not None and expected is not None and stated < expected.value:
        d = derived.get("vice_presidents")
        yield (
            (level, "council", "women_vice_president_candidates"),
            {
                "expected": expected.value,
                "vice_presidents": d.value if d else council.get("vice_presidents"),
                "actual": stated,
            },
        )


def women_share(composition):
    """Return the percentage of women in a composition table, or None if it is empty."""
    women = sum(m["women"] for m in composition)
    total = women + sum(m["men"] for m in composition)
    return None if total == 0 else 100 * women / total


@rule("COM-PAR-03")
def bodies_meet_the_communes_target(answers, derived):
    """Const. art. 19: each body's share of women against the commune's own target."""
    target = answers["parity"]["women_target_pct"]
    bodies = [(("ieecag", "composition"), answers["ieecag"]["composition"])]
    bodies += [
        (("consultative_bodies", i, "composition"), body["composition"])
        for i, body in enumerate(answers.get("consultative_bodies", []))
    ]
    for path, composition in bodies:
        share = women_share(composition)
        if share is not None and share < target:
            yield path, {"share": int(share), "target": target}
