"""Complaints: decree 2.17.265 art. 8 (its application to communes is uncertain)."""

from charter.rules import rule


@rule("CMP-02")
def reply_within_sixty_days(answers, derived):
    """Decree 2.17.265 art. 8: complaints answered within 60 days (a warning: the decree's
    application to communes is a matter of interpretation, art. 21)."""
    stated = answers["complaints"].get("response_days")
    limit = derived["complaints_response_days"].value
    if stated is not None and stated > limit:
        yield ("complaints", "response_days"), {"limit": limit, "actual": stated}
