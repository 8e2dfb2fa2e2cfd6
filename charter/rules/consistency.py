"""The charter's own answers against each other: a part never larger than its whole, a
commitment against the compositions and figures the charter itself states.

Impossible counts are errors (a charter stating them cannot go before the council); where
only the collectivity's own commitments disagree, the law is silent and the finding is a
warning. Most checks hold at the three levels (the council's counts, the drafting steps, the
bodies, the indicators); those resting on a commune-only provision (the quorum and majority of
113-14 arts 42-43, whose counterparts in 111-14 and 112-14 the catalogue does not hold yet) or a
commune-only field (the IEECAG's young members) stay the commune's.
"""

from charter.rules import rule
from charter.rules.parity import women_share
from charter.schema import level_of

# The standard indicators (shared/legal/charter-content.md §2b) that measure a share of women:
# P3 among participants, G2 among the members of the IEECAG and the consultative bodies.
WOMEN_SHARE_INDICATORS = ("P3", "G2")
BODIES_WOMEN_INDICATOR = "G2"


def _council(answers):
    """The council of the collectivity (commune, province or region), as the answers state it."""
    return answers[level_of(answers)].get("council", {})


def _council_size(answers, derived):
    if "council_members" in derived:
        return derived["council_members"].value
    return _council(answers).get("members")


@rule("CON-01")
def women_councillors_within_the_council(answers, derived):
    """59-11 art. 128 bis (art. 110 for a prefecture or province, art. 76 for a region): the
    women's seats are counted inside the council's seats."""
    women = _council(answers).get("women_members")
    members = _council_size(answers, derived)
    if women is not None and members is not None and women > members:
        path = (level_of(answers), "council", "women_members")
        yield path, {"actual": women, "total": members}


@rule("CON-02")
def women_candidates_within_the_list(answers, derived):
    """113-14 art. 17 (112-14 art. 18, 111-14 art. 19): the women candidates are on a list of
    as many names as there are vice-presidents."""
    women = _council(answers).get("women_vice_president_candidates")
    d = derived.get("vice_presidents")
    total = d.value if d else _council(answers).get("vice_presidents")
    if women is not None and total is not None and women > total:
        path = (level_of(answers), "council", "women_vice_president_candidates")
        yield path, {"actual": women, "total": total}


@rule("CON-03")
def women_within_participants(answers, derived):
    """113-14 art. 119 (112-14 art. 110, 111-14 art. 116): each step of the consultation
    counts its participants, women among them."""
    for i, step in enumerate(answers["adoption"].get("drafting_process", [])):
        women, total = step.get("women"), step.get("participants")
        if women is not None and total is not None and women > total:
            yield ("adoption", "drafting_process", i, "women"), {"actual": women, "total": total}


@rule("CON-04")
def votes_within_members_present(answers, derived):
    """113-14 art. 42: only members present vote; without a count of them, the council's
    size bounds the votes."""
    vote = answers["adoption"].get("vote")
    if not vote:
        return
    cast = vote["for"] + vote["against"] + vote["abstentions"]
    total = vote.get("present")
    if total is None:
        total = _council_size(answers, derived)
    if total is not None and cast > total:
        yield ("adoption", "vote"), {"actual": cast, "total": total}


@rule("CON-05")
def present_within_the_council(answers, derived):
    """113-14 art. 42: members present are members of the council."""
    present = (answers["adoption"].get("vote") or {}).get("present")
    members = _council_size(answers, derived)
    if present is not None and members is not None and present > members:
        yield ("adoption", "vote", "present"), {"actual": present, "total": members}


@rule("CON-06")
def adopted_by_a_majority(answers, derived):
    """113-14 art. 43: a deliberation passes by an absolute majority of the votes cast, so an
    adopted charter has more votes for than against."""
    adoption = answers["adoption"]
    vote = adoption.get("vote")
    if adoption["status"] == "adopted" and vote and vote["for"] <= vote["against"]:
        yield ("adoption", "vote", "for"), {"for": vote["for"], "against": vote["against"]}


@rule("CON-07")
def ieecag_counts_within_its_members(answers, derived):
    """113-14 art. 120: the young members and the members with disabilities are members of
    the body its composition lists."""
    ieecag = answers["ieecag"]
    total = sum(row["women"] + row["men"] for row in ieecag["composition"])
    for key in ("youth_members", "pwd_members"):
        count = ieecag.get(key)
        if count is not None and count > total:
            yield ("ieecag", key), {"actual": count, "total": total}


@rule("CON-08")
def consultative_body_reaches_the_council(answers, derived):
    """113-14 art. 119 (112-14 art. 110, 111-14 art. 116): the mechanisms of dialogue and
    consultation exist to involve citizens in the council's work; a body whose opinions never
    reach the council consults no one."""
    for i, body in enumerate(answers.get("consultative_bodies", [])):
        if body.get("link_to_council") == "none":
            yield ("consultative_bodies", i, "link_to_council"), {}


@rule("CON-09")
def ieecag_meets_the_youth_target(answers, derived):
    """113-14 art. 120: the IEECAG's young members against the commune's own youth target."""
    target = answers["parity"].get("youth_target_pct")
    ieecag = answers["ieecag"]
    youth = ieecag.get("youth_members")
    total = sum(row["women"] + row["men"] for row in ieecag["composition"])
    if target is None or youth is None or total == 0 or youth > total:
        return
    if 100 * youth < target * total:
        yield (
            ("ieecag", "youth_members"),
            {"youth": youth, "total": total, "share": 100 * youth // total, "target": target},
        )


@rule("CON-10")
def bodies_indicator_baseline_matches_the_bodies(answers, derived):
    """Const. art. 19: the baseline of the standard indicator G2 (women in the IEECAG, or the
    bodies the law creates at a province or region, and the consultative bodies) is the share
    the charter's own compositions give, within a point."""
    if level_of(answers) == "commune":
        rows = list(answers["ieecag"]["composition"])
    else:
        rows = [row for body in answers["bodies"] for row in body["composition"]]
    for body in answers.get("consultative_bodies", []):
        rows += body["composition"]
    share = women_share(rows)
    if share is None:
        return
    for i, indicator in enumerate(answers["monitoring"].get("indicators", [])):
        if indicator["code"] != BODIES_WOMEN_INDICATOR or indicator["unit"] != "percent":
            continue
        baseline = indicator.get("baseline")
        if baseline is not None and abs(baseline - share) > 1:
            yield (
                ("monitoring", "indicators", i, "baseline"),
                {"baseline": baseline, "share": round(share)},
            )


@rule("CON-11")
def women_indicators_aim_at_the_target(answers, derived):
    """Const. art. 19: an indicator of the share of women does not aim lower than the
    collectivity's own target for women."""
    target = answers["parity"]["women_target_pct"]
    for i, indicator in enumerate(answers["monitoring"].get("indicators", [])):
        if indicator["code"] not in WOMEN_SHARE_INDICATORS or indicator["unit"] != "percent":
            continue
        aim = indicator.get("target")
        if aim is not None and aim < target:
            yield (
                ("monitoring", "indicators", i, "target"),
                {"code": indicator["code"], "aim": aim, "target": target},
            )
