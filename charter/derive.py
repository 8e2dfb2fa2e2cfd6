"""Values the law fixes for the answers of a commune, a prefecture or province, or a region:
derived, never asked.

Each ``Derived`` value names the provisions it comes from, the answers field it governs (if
any) and how an answer relates to it: ``fixed`` (an answer must equal it), ``maximum`` (a
commitment may be shorter, never longer) or ``minimum``. The numbers themselves come from the
catalogue of provisions.
"""

import datetime as dt
import math
from dataclasses import dataclass

from charter.legal import number, table_value
from charter.schema import level_of


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


def region_signature_threshold(population):
    """Return the minimum number of citizen signatories of a petition to a region council
    (111-14 art. 120): 300 below one million inhabitants, 400 "between one and three million"
    (both ends included: exactly 1,000,000 and exactly 3,000,000 are 400), 500 above three
    million."""
    p = "LO111-14-120"
    if population < number(p, "first_population_threshold"):
        return number(p, "signatures_below_first")
    if population <= number(p, "second_population_threshold"):
        return number(p, "signatures_between")
    return number(p, "signatures_above_second")


def per_province_minimum(threshold):
    """Return the signatories a region petition needs in *each* of the region's prefectures and
    provinces: at least 5% of the required number (111-14 art. 120), rounded up (15, 20, 25)."""
    return math.ceil(threshold * number("LO111-14-120", "per_province_share_pct") / 100)


def association_members_min():
    """Return the fewest members an association needs to petition a prefecture or province
    council: *more than* 100 (112-14 art. 115), so 101 (exactly 100 is not enough)."""
    return number("LO112-14-115", "association_members_more_than") + 1


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


def add_months(day, months):
    """Return ``day`` moved by ``months`` months (the 31st becomes the month's last day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def women_vice_president_candidates_min(vice_presidents, provision="LO113-14-17"):
    """Return the number of women candidates the law asks for (113-14 art. 17, 111-14 art. 19,
    112-14 art. 18): at least one third of the vice-presidents, rounded up (the rounding is a
    reading of "not less than one third")."""
    p = provision
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
    """Return the law-fixed values for ``answers`` as a dict name -> ``Derived``, for the level
    the answers are written for (commune, province or region).

    Only what the answers allow is computed: without a population there is no signature
    threshold. Never raises on malformed answers.
    """
    out = {}

    def put(name, value, provisions, path=None, kind="fixed"):
        out[name] = Derived(name, value, tuple(provisions), path, kind)

    _shared(answers, put)
    level = level_of(answers)
    if level == "region":
        _region(answers, put)
    elif level == "province":
        _province(answers, put)
    else:
        _commune(answers, put, out)
    return out


def _shared(answers, put):
    """Law 31-13 and decree 2.17.265 bind every territorial collectivity alike."""
    for name, key in (
        ("ati_response_working_days", "response_working_days"),
        ("ati_extension_working_days", "extension_working_days"),
    ):
        put(name, number("L31-13-16", key), ["L31-13-16"], f"/transparency/{key}", "maximum")
    put(
        "complaints_response_days",
        number("D2.17.265-8", "complaint_response_days"),
        ["D2.17.265-8"],
        "/complaints/response_days",
        "maximum",
    )


def _petitions(put, threshold, provisions):
    """The petition values of a province or region (112-14 arts 114-116, 111-14 arts 120-122)."""
    signatures, associations, rejection = provisions
    if threshold is not None:
        put("signature_threshold", threshold, [signatures], "/petitions/signature_threshold")
    put(
        "signatories_on_electoral_lists",
        bool(number(signatures, "electoral_list_condition")),
        [signatures],
        "/petitions/signatories_on_electoral_lists",
    )
    put(
        "association_min_years",
        number(associations, "association_min_years"),
        [associations],
        "/petitions/association_min_years",
    )
    put(
        "rejection_notice_months",
        number(rejection, "rejection_notice_months"),
        [rejection],
        "/petitions/rejection_notice_months",
        "maximum",
    )


def _council(answers, section, put, members, table):
    """The vice-presidents the law gives a council of ``members`` (112-14 art. 17, 111-14
    art. 18); none where the table says nothing of that size."""
    if members is None:
        return None
    vps = table_value(table, "vice_presidents_by_council_members", members)
    if vps is not None:
        put("vice_presidents", vps, [table], f"/{section}/council/vice_presidents")
    return vps


def _vice_presidents(answers, section, put, provision, vps=None):
    if vps is None:
        vps = _get(answers, section, "council", "vice_presidents")
    if vps is not None and vps > 0:
        put(
            "women_vice_president_candidates_min",
            women_vice_president_candidates_min(vps, provision),
            [provision],
            f"/{section}/council/women_vice_president_candidates",
            "minimum",
        )


def _region(answers, put):
    population = _get(answers, "region", "population", "legal")
    threshold = None
    if population is not None and population > 0:
        threshold = region_signature_threshold(population)
    _petitions(put, threshold, ("LO111-14-120", "LO111-14-121", "LO111-14-122"))
    provinces = answers.get("region", {}).get("provinces") if isinstance(answers, dict) else None
    if threshold is not None and isinstance(provinces, list):
        each = per_province_minimum(threshold)
        put(
            "province_minimums",
            [
                {"hcp_code": p.get("hcp_code"), "name": p.get("name"), "signatures": each}
                for p in provinces
                if isinstance(p, dict)
            ],
            ["LO111-14-120"],
            "/petitions/province_minimums",
        )
    members = _get(answers, "region", "council", "members")
    vps = _council(answers, "region", put, members, "LO111-14-18")
    _vice_presidents(answers, "region", put, "LO111-14-19", vps)
    start = _get(answers, "pdr", "period", "start_year")
    if start is not None:
        years = number("LO111-14-83", "programme_years")
        put("pdr_end_year", start + years - 1, ["LO111-14-83"], "/pdr/period/end_year")
    mandate_start = _date(_get(answers, "region", "mandate", "start_date", kind=str))
    if mandate_start is not None:
        put(
            "pdr_adoption_deadline",
            add_years(mandate_start, number("LO111-14-83", "preparation_deadline_years")),
            ["LO111-14-83"],
            "/pdr/adoption_date",
            "maximum",
        )
        put(
            "pdr_decision_deadline",
            add_months(mandate_start, number("D2.22.475-4", "decision_months")),
            ["D2.22.475-4"],
            "/pdr/decision_date",
            "maximum",
        )


def _province(answers, put):
    threshold = number("LO112-14-114", "signatures")
    _petitions(put, threshold, ("LO112-14-114", "LO112-14-115", "LO112-14-116"))
    put(
        "association_min_members",
        association_members_min(),
        ["LO112-14-115"],
        "/petitions/association_min_members",
    )
    population = _get(answers, "province", "population", "legal")
    members = _get(answers, "province", "council", "members")
    if population is not None and population > 0:
        members = table_value("LO59-11-103", "council_members_by_population", population)
        put("council_members", members, ["LO59-11-103"], "/province/council/members")
    vps = _council(answers, "province", put, members, "LO112-14-17")
    _vice_presidents(answers, "province", put, "LO112-14-18", vps)
    if members is not None:
        num = number("LO59-11-110", "women_share_numerator")
        den = number("LO59-11-110", "women_share_denominator")
        put(
            "council_women_seats_min",
            math.ceil(members * num / den),
            ["LO59-11-110"],
            "/province/council/women_members",
            "information",
        )
    mandate_start = _date(_get(answers, "province", "mandate", "start_date", kind=str))
    if mandate_start is not None:
        put(
            "pdp_adoption_deadline",
            add_years(mandate_start, number("D2.16.300-12", "preparation_deadline_years")),
            ["D2.16.300-12"],
            "/pdp/adoption_date",
            "maximum",
        )
    put(
        "pdp_visa_days",
        number("D2.16.300-12", "visa_days"),
        ["D2.16.300-12"],
        kind="information",
    )
    put(
        "pdp_preparation_posting_days",
        number("D2.16.300-4", "posting_days"),
        ["D2.16.300-4"],
        kind="information",
    )


def _commune(answers, put, out):
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
        "signatories_on_electoral_lists",
        bool(number("LO113-14-123", "electoral_list_condition")),
        ["LO113-14-123"],
        "/petitions/signatories_on_electoral_lists",
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
    put(
        "decisions_posting_days",
        number("LO113-14-273", "decisions_posting_days"),
        ["LO113-14-273"],
        "/transparency/decisions_posting_days",
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
