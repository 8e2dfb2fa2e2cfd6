"""The data behind the trainer's pictures: composition of the bodies, the development programme's
cycle on the mandate (the commune's PAC, the region's PDR, the prefecture's or province's PDP), the
compliance matrix. Plain data only: the app draws it (HTML bars, coloured tables) and says it
in its own words; nothing here knows about Streamlit, HTML or a language's wording.

Every number of the law comes from ``charter.derive`` or the catalogue of provisions. Each
threshold says whether it is the **law's** (``source="law"``: a floor, or an obligation of means
``binding=False``) or the **commune's own** target (``source="commune"``, from ``parity``).
Functions never raise on incomplete answers: what cannot be computed is ``None``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from charter.compliance import Obligation, obligations, wording
from charter.derive import derive
from charter.legal import number
from charter.schema import level_of
from charter.validate import renderable

ELECTED = "elected_members"
# --- composition ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Threshold:
    """A line to compare a share with: the law's floor or the commune's own target."""

    source: str  # "law" | "commune"
    pct: float | None = None  # a share of the total, in percent
    count: int | None = None  # or a number of people
    binding: bool = True  # False: an obligation of means ("strive to")
    provisions: tuple[str, ...] = ()
    path: str | None = None  # the answer that sets it (the commune's target)
    when: str | None = None  # a condition the answers do not settle (e.g. "list_voting")


@dataclass(frozen=True)
class Measure:
    """One bar: how many of the body's members are women, civil society, youth, pwd.

    ``floors`` are the law's (several only when they are alternatives, each with its ``when``);
    ``target`` is the commune's own.
    """

    key: str  # women | civil_society | youth | pwd
    count: int | None  # None: the answers do not say
    total: int
    floors: tuple[Threshold, ...] = ()
    target: Threshold | None = None

    @property
    def floor(self) -> Threshold | None:
        return self.floors[0] if len(self.floors) == 1 else None

    @property
    def share(self) -> float | None:
        """Percent of the total (None when unknown or the body is empty)."""
        if self.count is None or not self.total:
            return None
        return 100 * self.count / self.total

    @property
    def status(self) -> str:
        """``below_floor`` (under the law's floor), ``below_aim`` (under an obligation of means),
        ``depends`` (under one of alternative floors: it depends on what the answers do not
        say), ``below_target`` (under the commune's own target), ``ok``, or ``unknown``."""
        if self.count is None or not self.total:
            return "unknown"
        missed = [f for f in self.floors if not _reaches(self, f)]
        if missed and len(missed) == len(self.floors):
            return "below_floor" if all(f.binding for f in missed) else "below_aim"
        if missed:
            return "depends"
        if self.target is not None and not _reaches(self, self.target):
            return "below_target"
        return "ok"


def _reaches(m: Measure, t: Threshold) -> bool:
    if t.count is not None:
        return m.count >= t.count
    if t.pct is not None:
        return m.share >= t.pct - 1e-9
    return True


@dataclass(frozen=True)
class Body:
    """A body of the commune and who sits in it."""

    key: str  # council | vice_president_candidates | ieecag | consultative_body
    path: str  # JSON pointer of its answers
    name: dict | None  # {"ar", "fr"} for a consultative body (others are named by the app)
    women: int
    men: int
    measures: tuple[Measure, ...]
    categories: tuple[tuple[str, int, int], ...] = ()  # (category, women, men)
    provisions: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.women + self.men

    def measure(self, key: str) -> Measure | None:
        return next((m for m in self.measures if m.key == key), None)


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _rows(composition) -> tuple[tuple[str, int, int], ...]:
    rows = []
    for m in _list(composition):
        if isinstance(m, dict):
            rows.append(
                (str(m.get("category", "")), _int(m.get("women")) or 0, _int(m.get("men")) or 0)
            )
    return tuple(rows)


def _targets(answers) -> tuple[Threshold | None, Threshold | None]:
    parity = _dict(answers.get("parity"))
    women, youth = _int(parity.get("women_target_pct")), _int(parity.get("youth_target_pct"))
    return (
        Threshold("commune", pct=women, provisions=("CONST-19",), path="/parity/women_target_pct")
        if women is not None
        else None,
        Threshold("commune", pct=youth, path="/parity/youth_target_pct")
        if youth is not None
        else None,
    )


def _civil_society_floor() -> Threshold:
    # 113-14 art. 120: the IEECAG is created in partnership with civil society: at least one of
    # its members comes from it. The law fixes no size and no share (catalogue note).
    return Threshold("law", count=1, provisions=("LO113-14-120",))


def _composed(key, path, name, rows, women_target, youth=None, youth_target=None, pwd=None):
    women = sum(w for _, w, _ in rows)
    men = sum(h for _, _, h in rows)
    total = women + men
    elected = sum(w + h for c, w, h in rows if c == ELECTED)
    measures = [
        Measure("women", women, total, target=women_target),
        Measure(
            "civil_society",
            total - elected,
            total,
            floors=(_civil_society_floor(),) if key == "ieecag" else (),
        ),
        Measure("youth", youth, total, target=youth_target),
        Measure("pwd", pwd, total),
    ]
    provisions = ("LO113-14-120", "MRI-63") if key == "ieecag" else ("CONST-13",)
    return Body(key, path, name, women, men, tuple(measures), rows, provisions)


def composition(answers: dict) -> list[Body]:
    """Each body of the commune with its members: the council (women seats), the lists of
    vice-president candidates, the IEECAG and each consultative body."""
    answers = _dict(answers)
    derived = derive(answers)
    women_target, youth_target = _targets(answers)
    bodies = []
    level = level_of(answers)

    council = _dict(_dict(answers.get(level)).get("council"))
    members, women = _int(council.get("members")), _int(council.get("women_members"))
    if "council_members" in derived:  # the law's size (59-11 arts 103, 127-128), never asked
        members = derived["council_members"].value
    if level != "commune" and members is not None and women is not None:
        # 59-11 art. 110: a third of a province's seats for women; a region's share (art. 76)
        # is counted per constituency, which the answers do not hold: no floor is drawn.
        d = derived.get("council_women_seats_min")
        floors = (Threshold("law", count=d.value, provisions=d.provisions),) if d else ()
        bodies.append(
            Body(
                "council",
                f"/{level}/council",
                None,
                women,
                max(members - women, 0),
                (Measure("women", women, members, floors=floors),),
                provisions=d.provisions if d else (),
            )
        )
    elif members is not None and women is not None:
        # 59-11 arts 128 bis and 130 reserve seats for women: five where members are elected
        # one by one (50,000 inhabitants or fewer), one third where they are elected by lists.
        # The commune's target is for its participatory bodies, not for the elected council.
        d = derived.get("council_women_seats_min")
        p = "LO59-11-128bis"
        if d is not None:
            floors = (Threshold("law", count=d.value, provisions=d.provisions),)
        else:  # no population: the voting mode, hence the floor, is not known
            pct = 100 * number(p, "list_share_numerator") / number(p, "list_share_denominator")
            floors = (
                Threshold(
                    "law",
                    count=number(p, "single_member_seats"),
                    provisions=(p,),
                    when="single_member_voting",
                ),
                Threshold("law", pct=pct, provisions=(p,), when="list_voting"),
            )
        bodies.append(
            Body(
                "council",
                "/commune/council",
                None,
                women,
                max(members - women, 0),
                (Measure("women", women, members, floors=floors),),
                provisions=(p,),
            )
        )
    vps = _int(council.get("vice_presidents"))
    if "vice_presidents" in derived:  # the law's number (113-14 art. 16), never asked
        vps = derived["vice_presidents"].value
    candidates = _int(council.get("women_vice_president_candidates"))
    if vps and candidates is not None and "women_vice_president_candidates_min" in derived:
        d = derived["women_vice_president_candidates_min"]
        floor = Threshold("law", count=d.value, binding=False, provisions=d.provisions)
        bodies.append(
            Body(
                "vice_president_candidates",
                f"/{level}/council/women_vice_president_candidates",
                None,
                candidates,
                max(vps - candidates, 0),
                (Measure("women", candidates, vps, floors=(floor,)),),
                provisions=d.provisions,
            )
        )

    ieecag = _dict(answers.get("ieecag"))
    if "composition" in ieecag:
        bodies.append(
            _composed(
                "ieecag",
                "/ieecag/composition",
                None,
                _rows(ieecag.get("composition")),
                women_target,
                _int(ieecag.get("youth_members")),
                youth_target,
                _int(ieecag.get("pwd_members")),
            )
        )
    for i, body in enumerate(_list(answers.get("bodies"))):  # 111-14 art. 117, 112-14 art. 111
        body = _dict(body)
        bodies.append(
            _composed(
                "statutory_body",
                f"/bodies/{i}/composition",
                _dict(body.get("name")) or None,
                _rows(body.get("composition")),
                women_target,
            )
        )
    for i, body in enumerate(_list(answers.get("consultative_bodies"))):
        body = _dict(body)
        bodies.append(
            _composed(
                "consultative_body",
                f"/consultative_bodies/{i}/composition",
                _dict(body.get("name")) or None,
                _rows(body.get("composition")),
                women_target,
            )
        )
    return bodies


# --- the PAC cycle on the mandate ----------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step of decree 2.16.301, placed on the commune's calendar where the answers allow."""

    key: str
    provisions: tuple[str, ...]
    start: dt.date | None = None  # when the step can start / starts
    end: dt.date | None = None  # its deadline (inclusive: the last day allowed)
    days: int | None = None  # the law's number of days, when the step has one
    relative_to: str | None = None  # the step a ``days`` counts from (or before)
    years: tuple[int, ...] = ()  # calendar years the step recurs in (evaluation)
    done: dt.date | None = None  # the date the answers give (adoption)
    late: bool = False


@dataclass(frozen=True)
class Timeline:
    """The programme on the mandate. ``pac_start_year`` / ``pac_end_year`` are the programme's
    years whatever it is (``programme``: ``pac``, ``pdr`` or ``pdp``)."""

    mandate_start: dt.date | None
    mandate_end_year: int | None
    pac_start_year: int | None
    pac_end_year: int | None
    first_year_end: dt.date | None  # the last day of the mandate's first year
    steps: tuple[Step, ...] = field(default_factory=tuple)
    programme: str = "pac"

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years the picture spans (mandate and PAC)."""
        ends = [y for y in (self.mandate_end_year, self.pac_end_year) if y]
        start = self.mandate_start.year if self.mandate_start else self.pac_start_year
        if start is None:
            return ()
        return tuple(range(start, max([start, *ends]) + 1))

    def step(self, key: str) -> Step | None:
        return next((s for s in self.steps if s.key == key), None)


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def pac_timeline(answers: dict) -> Timeline:
    """The eleven steps of decree 2.16.301 (rules.md §2.3) on the commune's mandate; for a region
    the PDR (``_pdr_timeline``), for a prefecture or province the PDP (``_pdp_timeline``).

    Adoption must come before the end of the mandate's first year (the anniversary is already
    late), so ``first_year_end`` is the day before it; the committees get the draft at least
    ``pac_committee_lead_days`` before the session; the governor's visa follows within
    ``pac_visa_days`` of adoption; the evaluation is annual; an update is possible from the
    PAC's third year.
    """
    answers = _dict(answers)
    if level_of(answers) == "region":
        return _pdr_timeline(answers)
    if level_of(answers) == "province":
        return _pdp_timeline(answers)
    d = derive(answers)
    commune = _dict(answers.get("commune"))
    mandate = _dict(commune.get("mandate"))
    pac = _dict(answers.get("pac"))
    start = _date(mandate.get("start_date"))
    adopted = _date(pac.get("adoption_date"))
    pac_start = _int(_dict(pac.get("period")).get("start_year"))
    pac_end = d["pac_end_year"].value if "pac_end_year" in d else None
    deadline = d["pac_adoption_deadline"].value if "pac_adoption_deadline" in d else None
    first_year_end = deadline - dt.timedelta(days=1) if deadline else None
    posting = d["pac_preparation_posting_days"]
    lead = d["pac_committee_lead_days"]
    visa = d["pac_visa_days"]
    session = adopted or first_year_end
    assistance = "D2.16.301-9"

    steps = [
        Step("information_meeting", ("D2.16.301-4",), start=start, end=first_year_end),
        Step(
            "preparation_decision_posted",
            posting.provisions,
            start=start,
            days=posting.value,
            relative_to="information_meeting",
        ),
        Step("diagnosis_and_projects", ("D2.16.301-6",), start=start, end=first_year_end),
        Step("consultations", ("D2.16.301-7", "LO113-14-119"), start=start, end=first_year_end),
        Step(
            "governor_coordination",
            ("D2.16.301-9",),
            start=start,
            days=number(assistance, "technical_assistance_days"),
            relative_to="request",
        ),
        Step(
            "committees",
            lead.provisions,
            end=session - dt.timedelta(days=lead.value) if session else None,
            days=lead.value,
            relative_to="adoption",
        ),
        Step(
            "adoption",
            d["pac_adoption_deadline"].provisions if deadline else ("D2.16.301-11",),
            start=start,
            end=first_year_end,
            done=adopted,
            late=bool(adopted and deadline and adopted >= deadline),
        ),
        Step(
            "governor_visa",
            visa.provisions,
            start=session,
            end=session + dt.timedelta(days=visa.value) if session else None,
            days=visa.value,
            relative_to="adoption",
        ),
        Step(
            "execution",
            (),  # decree art. 13 (execution by the president) is not in the catalogue
            years=tuple(range(pac_start, pac_end + 1)) if pac_start and pac_end else (),
        ),
        Step(
            "annual_evaluation",
            ("D2.16.301-14", "D2.16.301-15"),
            years=tuple(range(pac_start, pac_end + 1)) if pac_start and pac_end else (),
        ),
        Step(
            "update",
            d["pac_update_from_year"].provisions
            if "pac_update_from_year" in d
            else ("D2.16.301-16",),
            years=tuple(range(d["pac_update_from_year"].value, pac_end + 1))
            if "pac_update_from_year" in d and pac_end
            else (),
        ),
    ]
    return Timeline(
        mandate_start=start,
        mandate_end_year=_int(mandate.get("end_year")),
        pac_start_year=pac_start,
        pac_end_year=pac_end,
        first_year_end=first_year_end,
        steps=tuple(steps),
    )


def _years(first: int | None, last: int | None) -> tuple[int, ...]:
    return tuple(range(first, last + 1)) if first and last else ()


def _deadline_day(d: dict, name: str) -> dt.date | None:
    """The last day allowed by a derived deadline (the deadline's own day is already late)."""
    return d[name].value - dt.timedelta(days=1) if name in d else None


def _pdr_timeline(answers: dict) -> Timeline:
    """The region's development programme on the mandate, with the steps whose rule is in the
    catalogue: the president's decision to prepare it within the mandate's first months (decree
    2.22.475 arts 4-5), the consultation of citizens, associations and the three bodies (111-14
    arts 116-117; decree art. 4), adoption in the mandate's first year (111-14 art. 83), execution
    over its six years. Decree 2.22.475's other steps (committees, visa, evaluation, update) are
    not in the catalogue: not drawn."""
    d = derive(answers)
    mandate = _dict(_dict(answers.get("region")).get("mandate"))
    pdr = _dict(answers.get("pdr"))
    start = _date(mandate.get("start_date"))
    adopted = _date(pdr.get("adoption_date"))
    first = _int(_dict(pdr.get("period")).get("start_year"))
    last = d["pdr_end_year"].value if "pdr_end_year" in d else None
    deadline = d["pdr_adoption_deadline"].value if "pdr_adoption_deadline" in d else None
    adoption = ("LO111-14-83",)
    steps = (
        Step(
            "preparation_decision",
            ("D2.22.475-4",),
            start=start,
            end=_deadline_day(d, "pdr_decision_deadline"),
            done=_date(pdr.get("decision_date")),
        ),
        Step(
            "consultations_bodies",
            ("D2.22.475-4", "LO111-14-116", "LO111-14-117"),
            start=start,
            end=_deadline_day(d, "pdr_adoption_deadline"),
        ),
        Step(
            "adoption",
            adoption,
            start=start,
            end=_deadline_day(d, "pdr_adoption_deadline"),
            done=adopted,
            late=bool(adopted and deadline and adopted >= deadline),
        ),
        Step("execution", adoption, years=_years(first, last)),
    )
    return Timeline(
        mandate_start=start,
        mandate_end_year=_int(mandate.get("end_year")),
        pac_start_year=first,
        pac_end_year=last,
        first_year_end=_deadline_day(d, "pdr_adoption_deadline"),
        steps=steps,
        programme="pdr",
    )


def _pdp_timeline(answers: dict) -> Timeline:
    """The prefecture's or province's development programme on the mandate, the steps of decree
    2.16.300 whose rule is in the catalogue: information meeting and decision posted within its
    days (arts 4-5), consultation of citizens, associations and the body (art. 7; 112-14 arts
    110-111), committees before the session, adoption in the mandate's first year and the
    governor's visa (arts 10-12), execution, the annual evaluation and the update from the
    programme's third year (arts 14-16)."""
    d = derive(answers)
    mandate = _dict(_dict(answers.get("province")).get("mandate"))
    pdp = _dict(answers.get("pdp"))
    start = _date(mandate.get("start_date"))
    adopted = _date(pdp.get("adoption_date"))
    period = _dict(pdp.get("period"))
    first, last = _int(period.get("start_year")), _int(period.get("end_year"))
    deadline = d["pdp_adoption_deadline"].value if "pdp_adoption_deadline" in d else None
    first_year_end = _deadline_day(d, "pdp_adoption_deadline")
    session = adopted or first_year_end
    lead = number("D2.16.300-12", "committee_lead_days")
    visa = d["pdp_visa_days"]
    posting = d["pdp_preparation_posting_days"]
    update_from = number("D2.16.300-14", "update_from_year")
    steps = (
        Step("information_meeting", ("D2.16.300-4",), start=start, end=first_year_end),
        Step(
            "preparation_decision_posted",
            posting.provisions,
            start=start,
            days=posting.value,
            relative_to="information_meeting",
        ),
        Step(
            "consultations_body",
            ("D2.16.300-7", "LO112-14-110", "LO112-14-111"),
            start=start,
            end=first_year_end,
        ),
        Step(
            "committees",
            ("D2.16.300-12",),
            end=session - dt.timedelta(days=lead) if session else None,
            days=lead,
            relative_to="adoption",
        ),
        Step(
            "adoption",
            ("D2.16.300-12",),
            start=start,
            end=first_year_end,
            done=adopted,
            late=bool(adopted and deadline and adopted >= deadline),
        ),
        Step(
            "governor_visa",
            visa.provisions,
            start=session,
            end=session + dt.timedelta(days=visa.value) if session else None,
            days=visa.value,
            relative_to="adoption",
        ),
        Step("annual_evaluation", ("D2.16.300-14",), years=_years(first, last)),
        Step(
            "update",
            ("D2.16.300-14",),
            years=_years(first + update_from - 1, last) if first and last else (),
        ),
    )
    return Timeline(
        mandate_start=start,
        mandate_end_year=_int(mandate.get("end_year")),
        pac_start_year=first,
        pac_end_year=last,
        first_year_end=first_year_end,
        steps=steps,
        programme="pdp",
    )


# --- the compliance matrix -----------------------------------------------------------------------


def compliance(answers: dict, lang: str = "fr", lib=None) -> list[Obligation]:
    """The compliance matrix of ``answers`` in ``lang`` (ar, fr): the rows of the charter's annex
    (``charter.compliance``), judged on a draft of the charter so that it works on answers that
    still have errors; ``lib`` is the clause library (default: the shipped one)."""
    from charter.model import build_charter
    from charter.render.clauses import shipped_library
    from charter.validate import iter_findings

    lib = lib or shipped_library()
    findings = list(iter_findings(answers, lang))
    model = build_charter(renderable(answers), lang, draft=True, findings=findings, lib=lib)
    level = level_of(answers)
    return obligations(wording(lib.annexes, level), lang, model.articles, findings)
