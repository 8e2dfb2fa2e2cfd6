"""The consultative bodies the organic laws of prefectures, provinces and regions create:
112-14 art. 111 (one, on equality), 111-14 art. 117 (three: equality, youth, economic actors);
decree 2.16.300 art. 7 (the province's body is consulted on the draft PDP).

One rule per obligation, under each level's id; how many bodies a level has is the
catalogue's number (``bodies`` of its article), which kinds they are is the article's text.
"""

from charter.errors import ConfigurationError
from charter.legal import number
from charter.rules import rule
from charter.schema import level_of

# The bodies each level's law creates, in the order it names them, and the partner each is
# created with (111-14 art. 117, 112-14 art. 111): civil society, or the region's economic
# actors (a composition with members of that category).
LAW_BODIES = {
    "province": ("LO112-14-111", ("equality",)),
    "region": ("LO111-14-117", ("equality", "youth", "economic")),
}
ECONOMIC_ACTORS = "economic_actors"


def law_bodies(level):
    """The kinds of body ``level``'s organic law creates, as many as its catalogue entry says."""
    provision, kinds = LAW_BODIES[level]
    if len(kinds) != number(provision, "bodies"):
        raise ConfigurationError(f"{provision} creates {number(provision, 'bodies')} bodies")
    return kinds


@rule("PRV-BODY-01", "REG-BODY-01")
def the_laws_bodies(answers, derived):
    """112-14 art. 111: one body, on equality, equal opportunity and gender; 111-14 art. 117:
    three, one on equality and gender, one on youth, one with the economic actors."""
    kinds = law_bodies(level_of(answers))
    stated = [b["kind"] for b in answers["bodies"]]
    off = [k for k in kinds if stated.count(k) != 1] + sorted({k for k in stated if k not in kinds})
    if off:
        yield ("bodies",), {"kinds": ", ".join(off)}


@rule("PRV-BODY-02", "REG-BODY-02")
def created_with_their_partners(answers, derived):
    """112-14 art. 111, 111-14 art. 117: the equality body is created with civil society, the
    region's economic body with the region's economic actors."""
    kinds = law_bodies(level_of(answers))
    for i, body in enumerate(answers["bodies"]):
        if body["kind"] not in kinds:
            continue
        if body["kind"] == "equality" and body["civil_society_partnership"] is not True:
            yield ("bodies", i, "civil_society_partnership"), {}
        if body["kind"] == "economic" and not any(
            m["category"] == ECONOMIC_ACTORS and m["women"] + m["men"] > 0
            for m in body["composition"]
        ):
            yield ("bodies", i, "composition"), {}


@rule("PRV-PDP-02")
def body_consulted_on_the_draft(answers, derived):
    """Decree 2.16.300 art. 7: the art. 111 body is consulted on the draft PDP."""
    for i, body in enumerate(answers["bodies"]):
        if body["kind"] == "equality" and "draft_programme" not in body["consultations"]:
            yield ("bodies", i, "consultations"), {}
