"""Transparency and access to information: law 31-13; 113-14 art. 273."""

from charter.rules import rule


@rule("ATI-03")
def person_in_charge(answers, derived):
    """Law 31-13 art. 12: one or more persons in charge of information requests."""
    officer = answers["transparency"]["information_officer"]
    if officer["designated"] is not True:
        yield ("transparency", "information_officer", "designated"), {}
    elif "function" not in officer:
        yield ("transparency", "information_officer", "function"), {}


@rule("ATI-05")
def reply_within_twenty_working_days(answers, derived):
    """Law 31-13 art. 16: reply within 20 working days, one extension of 20 at most."""
    transparency = answers["transparency"]
    for key, name in (
        ("response_working_days", "ati_response_working_days"),
        ("extension_working_days", "ati_extension_working_days"),
    ):
        stated, limit = transparency.get(key), derived[name].value
        if stated is not None and stated > limit:
            yield ("transparency", key), {"limit": limit, "actual": stated}


@rule("COM-TR-02")
def decisions_posted_within_eight_days(answers, derived):
    """113-14 art. 273: decisions are posted at the commune seat within eight days."""
    stated = answers["transparency"].get("decisions_posting_days")
    limit = derived["decisions_posting_days"].value
    if stated is not None and stated > limit:
        yield ("transparency", "decisions_posting_days"), {"limit": limit, "actual": stated}
