"""The IEECAG: organic law 113-14, art. 120; decree 2.16.301, art. 7."""

from charter.rules import rule

ELECTED = "elected_members"


@rule("COM-IEECAG-01")
def created_with_civil_society(answers, derived):
    """113-14 art. 120: the body is created in partnership with civil-society actors."""
    ieecag = answers["ieecag"]
    if ieecag["civil_society_partnership"] is not True:
        yield ("ieecag", "civil_society_partnership"), {}
    elif all(m["category"] == ELECTED or m["women"] + m["men"] == 0 for m in ieecag["composition"]):
        yield ("ieecag", "composition"), {}


@rule("COM-IEECAG-03")
def consulted_on_the_draft_pac(answers, derived):
    """Decree 2.16.301 art. 7: the IEECAG is consulted on the draft action programme."""
    if "draft_pac" not in answers["ieecag"]["consultations"]:
        yield ("ieecag", "consultations"), {}
