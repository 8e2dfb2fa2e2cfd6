"""The catalogue of provisions: look-up, numbers the law fixes, citations.

The catalogue (``schemas/provisions.json``) is checked against its meta-schema when first
loaded. Code reads the law's numbers from here (``number("LO113-14-123",
"population_threshold")``), never from literals.
"""

from dataclasses import dataclass, field
from functools import cache

from jsonschema import Draft202012Validator

from charter.errors import ConfigurationError
from charter.findings import Citation
from charter.resources import load_schema_file


@dataclass(frozen=True)
class Provision:
    id: str
    law: str
    article: str
    title: dict
    summary: dict
    numbers: dict
    status: str
    source: str
    note: dict | None = None
    tables: dict | None = None

    @property
    def citation(self):
        return Citation(self.id, self.law, self.article)

    @property
    def verified(self):
        return self.status == "confirmed-text"


@dataclass(frozen=True)
class Catalogue:
    laws: dict
    provisions: dict  # id -> Provision, in catalogue order
    counterparts: dict = field(default_factory=dict)

    def __getitem__(self, provision_id):
        try:
            return self.provisions[provision_id]
        except KeyError:
            raise ConfigurationError(f"unknown provision {provision_id!r}") from None

    def __contains__(self, provision_id):
        return provision_id in self.provisions

    def law_title(self, provision_id, lang):
        return self.laws[self[provision_id].law]["title"][lang]

    def article(self, provision_id, lang):
        """The article's number as printed: "128bis" is «128 bis» / «128 المكررة»."""
        article = self[provision_id].article
        if article.endswith("bis"):
            article = article[:-3] + (" المكررة" if lang == "ar" else " bis")
        return article

    def cite(self, provision_id, lang):
        """Return a short citation such as ``LO 113-14, art. 123`` in ``lang``."""
        p = self[provision_id]
        short = self.laws[p.law]["short"][lang]
        several = any(c in p.article for c in "-,")  # "19-21": المواد, not المادة
        word = {"ar": "المواد" if several else "المادة", "fr": "art.", "en": "art."}[lang]
        if p.law == "CONST" and lang == "ar":
            word = "الفصول" if several else "الفصل"
        article = self.article(provision_id, lang)
        return f"{short}, {word} {article}" if lang != "ar" else f"{short}، {word} {article}"


def table_problems(rows):
    """Say what is wrong with a table's rows: each row's bounds in order, each row after the
    previous one, only the first row open below and only the last open above."""
    for i, row in enumerate(rows):
        lo, hi = row.get("min"), row.get("max")
        if lo is not None and hi is not None and lo > hi:
            yield f"row {i} has min {lo} above max {hi}"
        if lo is None and i > 0:
            yield f"row {i} has no min"
        if hi is None and i < len(rows) - 1:
            yield f"row {i} has no max"
        before = rows[i - 1].get("max") if i > 0 else None
        if lo is not None and before is not None and lo <= before:
            yield f"row {i} overlaps row {i - 1}"


@cache
def catalogue():
    """Return the catalogue of provisions, checked against its meta-schema."""
    data = load_schema_file("provisions.json")
    meta = load_schema_file("provisions.schema.json")
    validator = Draft202012Validator(meta, format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]
    ids = [p["id"] for p in data.get("provisions", [])]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    problems += [f"duplicate provision id {i}" for i in duplicates]
    problems += [
        f"provision {p['id']} names unknown law {p['law']}"
        for p in data.get("provisions", [])
        if p.get("law") not in data.get("laws", {})
    ]
    problems += [
        f"provision {p['id']} table {name}: {problem}"
        for p in data.get("provisions", [])
        for name, rows in (p.get("tables") or {}).items()
        for problem in table_problems(rows)
    ]
    counterparts = data.get("counterparts", {})
    problems += [
        f"counterparts: unknown provision {pid}"
        for level in ("province", "region")
        for key, ids in counterparts.get(level, {}).items()
        for pid in (key, *ids)
        if pid not in _known_ids(data)
    ]
    if problems:
        raise ConfigurationError("schemas/provisions.json: " + "; ".join(problems))
    provisions = {p["id"]: Provision(**p) for p in data["provisions"]}
    return Catalogue(laws=data["laws"], provisions=provisions, counterparts=counterparts)


def _known_ids(data):
    return {p.get("id") for p in data.get("provisions", [])}


def for_level(provision_ids, level):
    """Return the provisions an article shared by the three levels cites in a ``level``'s
    charter: a provision of a commune law (113-14, its decrees) becomes its counterpart in
    112-14 or 111-14 (``counterparts`` in the catalogue); a provision of another level's law
    is not cited; the others (the Constitution, law 31-13…) stay."""
    cat = catalogue()
    mapping = cat.counterparts.get(level, {}) if level != "commune" else {}
    others = {
        law
        for other, laws in cat.counterparts.get("laws", {}).items()
        if other != level
        for law in laws
    }
    out = []
    for pid in provision_ids:
        for p in mapping.get(pid, (pid,)):
            if p not in cat or cat[p].law not in others:
                out.append(p)
    return tuple(dict.fromkeys(out))


def number(provision_id, name):
    """Return the number ``name`` that provision ``provision_id`` fixes."""
    numbers = catalogue()[provision_id].numbers
    try:
        return numbers[name]
    except KeyError:
        raise ConfigurationError(f"provision {provision_id} fixes no number {name!r}") from None


def table_value(provision_id, name, x):
    """Return the value that table ``name`` of provision ``provision_id`` gives for ``x``,
    or None where no row covers ``x`` (the law says nothing of it)."""
    tables = catalogue()[provision_id].tables or {}
    try:
        rows = tables[name]
    except KeyError:
        raise ConfigurationError(f"provision {provision_id} has no table {name!r}") from None
    for row in rows:
        if row.get("min", x) <= x <= row.get("max", x):
            return row["value"]
    return None


def citations(provision_ids):
    """Return the citations of ``provision_ids``, in order."""
    cat = catalogue()
    return tuple(cat[i].citation for i in provision_ids)
