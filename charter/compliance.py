"""The compliance matrix: each legal obligation → the charter's articles that meet it → status.

Computed here once; the charter's annex (``charter.render.tables``), the review page and the
trainer's coloured table all show these rows. The obligations and their wording are data in
``templates/clauses/_annexes.yaml``, one list per level (``obligations``: the commune's under
113-14; ``level_obligations``: a prefecture's or province's under 112-14, a region's under
111-14); each names one provision.

Status of an obligation:

- ``missing``: an error finding cites its provision;
- ``warning``: a warning cites it, or no article of the charter rests on it (to check by hand);
- ``met``: an article rests on it and no finding cites it.
"""

from dataclasses import dataclass

from charter.legal import catalogue

STATUSES = ("met", "warning", "missing")


@dataclass(frozen=True)
class Obligation:
    provision: str
    obligation: str  # its wording, in the language asked
    citation: str  # "LO 113-14, art. 120"
    articles: tuple[str, ...]  # labels of the charter's articles resting on it
    status: str  # one of STATUSES
    warnings: int = 0  # warning findings that cite the provision


def wording(annexes, level="commune"):
    """The obligations of ``level``'s compliance matrix, as ``_annexes.yaml`` words them."""
    if level == "commune":
        return annexes["obligations"]
    return annexes["level_obligations"][level]


def _citing(findings, severity):
    counts = {}
    for f in findings:
        d = f if isinstance(f, dict) else f.to_dict()
        if d.get("severity") == severity:
            for c in d.get("citations") or ():
                counts[c["provision"]] = counts.get(c["provision"], 0) + 1
    return counts


def obligations(wording, lang, articles, findings):
    """Return an ``Obligation`` per entry of ``wording`` (each ``{"provision", "ar", "fr"}``),
    judged against the charter's ``articles`` (each with ``label`` and ``provisions``) and the
    ``findings`` (``Finding`` objects or their dicts)."""
    errors, warnings = _citing(findings, "error"), _citing(findings, "warning")
    cat = catalogue()
    rows = []
    for ob in wording:
        pid = ob["provision"]
        meeting = tuple(a.label for a in articles if pid in a.provisions)
        if pid in errors:
            status = "missing"
        elif pid in warnings or not meeting:
            status = "warning"
        else:
            status = "met"
        rows.append(
            Obligation(pid, ob[lang], cat.cite(pid, lang), meeting, status, warnings.get(pid, 0))
        )
    return rows
