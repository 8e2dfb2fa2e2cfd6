"""Values the law fixes for a commune's answers: derived, never asked.

Each ``Derived`` value names the provisions it comes from, the answers field it governs (if
any) and how an answer relates to it: ``fixed`` (an answer must equal it), ``maximum`` (a
commitment may be shorter, never longer) or ``minimum``. The numbers themselves come from the
catalogue of provisions.
"""

import datetime as dt
import math
from dataclasses import dataclass

from charter.legal import number, table_value


@dataclass(frozen=True)
class Derived:
    name: str
    value: object
    provisions: tuple[str, ...]
    path: str | None = None
    kind: str = "fixed"  # fixed | maximum | minimum | information


def signature_threshold(population, arrondissement_regime):
    """Return the minimum number of citizen signatories of a petition (113-14 art. 123).

    100 below 35,000 inhabitants, 200 from 35,000 (exactly 35,000 is 200), 400 under the
    arrondissement regime, whatever the population.
    """
    p = "LO113-14-123"
    if arrondissement_regime:
        return number(p, "signatures_arrondissements")
    if population < number(p, "population_threshold"):
        return number(p, "signatures_below_threshold")
    return number(p, "signatures_from_threshold")


def add_years(day, years):
    """Return ``day`` moved by ``years`` years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def association_may_petition(constituted_on, on):
    """Return whether an association constituted on ``constituted_on`` has, on ``on``, been
    constituted for *more than* the years art. 124 requires (exactly three years is not
    enough)."""
    return on > add_years(constituted_on, number("LO113-14-124", "association_min_years"))


def women_vice_president_candidates_min(vice_presidents):
    """Return the number of women candidates art. 17 asks for: at least one third of the
    vice-presidents, rounded up (the rounding is a reading of "not less than one third")."""
    p = "LO113-14-17"
    num, den = number(p, "women_share_numerator"), number(p, "women_share_denominator")
    return math.ceil(vice_presidents * num / den)


def council_women_seats_min(population, members, arrondissement_regime=False):
    """Return the seats reserved for women on the commune council (59-11 arts 128 bis, 130):
    five where the council is elected by single-member vote (50,000 inhabitants or fewer),
    a third of the seats, rounded up, where it is elected by lists (larger communes and
    communes with arrondissements)."""
    single_max = number("LO59-11-130", "single_member_population_max")
    if not arrondissement_regime and population <= single_max:
        return number("LO59-11-128bis", "single_member_seats")
    num = number("LO59-11-128bis", "list_share_numerator")
    den = number("LO59-11-128bis", "list_share_denominator")
    return math.ceil(members * num / den)


def council_members(population, arrondissement_regime):
    """Return the council sizes the law allows a commune, as ``(fewest, most)``.

    Without arrondissements, 59-11 art. 127's table gives one size for the legal population.
    With arrondissements, art. 128 gives 81 members up to 750,000 inhabitants and ten more per
    further tranche of 250,000, 131 at most; whether a started tranche counts is not said, so
    both readings are returned (equal where they agree).
    """
    if not arrondissement_regime:
        size = table_value("LO59-11-127", "council_members_by_population", population)
        return size, size
    p = "LO59-11-128"
    full, rest = divmod(
        max(population - number(p, "base_population_max"), 0), number(p, "tranche_population")
    )
    top = number(p, "max_members")
    fewest = min(number(p, "base_members") + full * number(p, "tranche_members"), top)
    most = min(fewest + (number(p, "tranche_members") if rest else 0), top)
    return fewest, most


def vice_presidents(members):
    """Return the number of vice-presidents 113-14 art. 16 gives a council of ``members``
    members, or None for a size the article does not name (14, 16 to 22, 24)."""
    return table_value("LO113-14-16", "vice_presidents_by_council_members", members)


def _get(doc, *keys, kind=int):
    for key in keys:
        if not isinstance(doc, dict) or key not in doc:
            return None
        doc = doc[key]
    if kind is int and (isinstance(doc, bool) or not isinstance(doc, int)):
        return None
    if kind is not int and not isinstance(doc, kind):
        return None
    return doc


def _date(value):
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def derive(answers):
    """Return the law-fixed values for ``answers`` as a dict name -> ``Derived``.

    Only what the answers allow is computed: without a population there is no signature
    threshold. Never raises on malformed answers.
    """
    out = {}

    def put(name, value, provisions, path=None, kind="fixed"):
        out[name] = Derived(name, value, tuple(provisions), path, kind)

    population = _get(answers, "commune", "population", "legal")
    regime = _get(answers, "commune", "arrondissement_regime", kind=bool)
    if regime or (population is not None and population >= 0):
        put(
            "signature_threshold",
            signature_threshold(population or 0, regime),
            ["LO113-14-123"],
            "/petitions/signature_threshold",
        )
    put(
        "association_min_years",
        number("LO113-14-124", "association_min_years"),
        ["LO113-14-124"],
        "/petitions/association_min_years",
    )
    put(
        "rejection_notice_months",
        number("LO113-14-125", "rejection_notice_months"),
        ["LO113-14-125"],
        "/petitions/rejection_notice_months",
        "maximum",
    )
    start = _get(answers, "pac", "period", "start_year")
    if start is not None:
        years = number("LO113-14-78", "pac_years")
        put("pac_end_year", start + years - 1, ["LO113-14-78"], "/pac/period/end_year")
        put(
            "pac_update_from_year",
            start + number("LO113-14-80", "update_from_year") - 1,
            ["LO113-14-80", "D2.16.301-16"],
            kind="information",
        )
    mandate_start = _date(_get(answers, "commune", "mandate", "start_date", kind=str))
    if mandate_start is not None:
        put(
            "pac_adoption_deadline",
            add_years(mandate_start, number("LO113-14-78", "preparation_deadline_years")),
            ["LO113-14-78", "D2.16.301-11"],
            "/pac/adoption_date",
            "maximum",
        )
    for name, provision, key, path in (
        ("ati_response_working_days", "L31-13-16", "response_working_days", None),
        ("ati_extension_working_days", "L31-13-16", "extension_working_days", None),
        ("decisions_posting_days", "LO113-14-273", "decisions_posting_days", None),
    ):
        put(name, number(provision, key), [provision], path or f"/transparency/{key}", "maximum")
    put(
        "complaints_response_days",
        number("D2.17.265-8", "complaint_response_days"),
        ["D2.17.265-8"],
        "/complaints/response_days",
        "maximum",
    )
    put(
        "pac_visa_days",
        number("D2.16.301-12", "visa_days"),
        ["D2.16.301-12"],
        kind="information",
    )
    put(
        "pac_committee_lead_days",
        number("D2.16.301-10", "committee_lead_days"),
        ["D2.16.301-10"],
        kind="information",
    )
    put(
        "pac_preparation_posting_days",
        number("D2.16.301-5", "posting_days"),
        ["D2.16.301-5"],
        kind="information",
    )
    stated_members = _get(answers, "commune", "council", "members")
    sizes = {stated_members} if stated_members is not None else set()
    if population is not None and population > 0 and regime is not None:
        fewest, most = council_members(population, regime)
        sizes = {fewest, most}
        if fewest == most:
            put(
                "council_members",
                fewest,
                ["LO59-11-128" if regime else "LO59-11-127"],
                "/commune/council/members",
            )
    vps = {vice_presidents(size) for size in sizes}
    if len(vps) == 1 and None not in vps:
        put("vice_presidents", vps.pop(), ["LO113-14-16"], "/commune/council/vice_presidents")
    members = out["council_members"].value if "council_members" in out else stated_members
    if population is not None and members is not None:
        put(
            "council_women_seats_min",
            council_women_seats_min(population, members, bool(regime)),
            ["LO59-11-128bis", "LO59-11-130"],
            "/commune/council/women_members",
            "information",
        )
    vps = _get(answers, "commune", "council", "vice_presidents")
    if "vice_presidents" in out:
        vps = out["vice_presidents"].value
    if vps is not None and vps > 0:
        put(
            "women_vice_president_candidates_min",
            women_vice_president_candidates_min(vps),
            ["LO113-14-17"],
            "/commune/council/women_vice_president_candidates",
            "minimum",
        )
    return out
