"""Participatory mechanisms of dialogue and consultation: organic law 113-14, art. 119."""

from charter.rules import rule


@rule("COM-PART-01")
def modalities_in_the_internal_regulation(answers, derived):
    """113-14 art. 119: each mechanism's modalities are fixed in the internal regulation."""
    for i, mechanism in enumerate(answers["mechanisms"]):
        if not mechanism.get("ri_reference"):
            yield ("mechanisms", i, "ri_reference"), {}
