"""The grammar the clauses need, in one place: numbers with the nouns they count, the Arabic
prefix ل joined to its word, French numbers and French typography.

Used through THE Jinja environment (``charter.render.environment``) as filters, and by the model
for the French typographic pass. Pure functions of text and numbers; no wording of the charter
lives here, only the forms of the counted nouns.

Arabic counted nouns (``{{ n|count("month") }}``), as a Moroccan legal text writes them:

- 1 → the noun and واحد/واحدة: «شهر واحد», «مرة واحدة»;
- 2 → the dual: «شهرين», «مرتين»;
- 3-10 → the number in words, of the opposite gender to the noun, and the plural:
  «ثلاثة أشهر», «عشرة أيام عمل», «ست مرات»;
- 11 and more → digits, and the singular: accusative from 11 to 99 in the last two digits
  («15 يوما», «20 يوم عمل»), genitive after a round hundred («200 يوم»), the plural after
  103-110 («103 أيام»).

``definite=True`` gives the definite form used before an adjective such as الأولى:
«السنوات الثلاث» (3-10 only; other numbers keep the indefinite form).

French: ``{{ n|count("month") }}`` → «2 mois», «1 jour ouvrable», numbers through Babel (fr_MA):
«96 300», «4,2». Years and numbers under 10 000 are not grouped (French typography: «2024»).
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal
from markupsafe import Markup, escape

FSI, PDI = "\u2068", "\u2069"
NBSP, NNBSP = "\u00a0", "\u202f"
# Parsed once: Babel parses a locale given by name on every call (5× the formatting itself).
_FR_MA = Locale.parse("fr_MA")


# Forms of each counted noun. Arabic: (singular, dual, plural, singular accusative, gender).
# French: (singular, plural).
NOUNS: dict[str, dict[str, tuple]] = {
    "month": {"ar": ("شهر", "شهرين", "أشهر", "شهرا", "m"), "fr": ("mois", "mois")},
    "day": {"ar": ("يوم", "يومين", "أيام", "يوما", "m"), "fr": ("jour", "jours")},
    "working_day": {
        "ar": ("يوم عمل", "يومي عمل", "أيام عمل", "يوم عمل", "m"),
        "fr": ("jour ouvrable", "jours ouvrables"),
    },
    "year": {"ar": ("سنة", "سنتين", "سنوات", "سنة", "f"), "fr": ("an", "ans")},
    "time": {"ar": ("مرة", "مرتين", "مرات", "مرة", "f"), "fr": ("fois", "fois")},
    "meeting": {
        "ar": ("اجتماع", "اجتماعين", "اجتماعات", "اجتماعا", "m"),
        "fr": ("réunion", "réunions"),
    },
    "seat": {"ar": ("مقعد", "مقعدين", "مقاعد", "مقعدا", "m"), "fr": ("siège", "sièges")},
    "woman": {"ar": ("امرأة", "امرأتين", "نساء", "امرأة", "f"), "fr": ("femme", "femmes")},
    "man": {"ar": ("رجل", "رجلين", "رجال", "رجلا", "m"), "fr": ("homme", "hommes")},
    "session": {"ar": ("دورة", "دورتين", "دورات", "دورة", "f"), "fr": ("session", "sessions")},
    "vote": {"ar": ("صوت", "صوتين", "أصوات", "صوتا", "m"), "fr": ("voix", "voix")},
    "member": {"ar": ("عضو", "عضوين", "أعضاء", "عضوا", "m"), "fr": ("membre", "membres")},
    "inhabitant": {"ar": ("نسمة", "نسمتين", "نسمات", "نسمة", "f"), "fr": ("habitant", "habitants")},
    "signatory": {
        "ar": ("موقع", "موقعين", "موقعين", "موقعا", "m"),
        "fr": ("signataire", "signataires"),
    },
    "young_member": {"ar": ("شاب", "شابين", "شبان", "شابا", "m"), "fr": ("jeune", "jeunes")},
    "signature": {
        "ar": ("توقيع", "توقيعين", "توقيعات", "توقيعا", "m"),
        "fr": ("signature", "signatures"),
    },
}

# The collectivity whose charter it is, one vocabulary per kind (a province's charter takes the
# prefecture's or the province's words from ``province.kind``). Arabic: the noun with its article
# (``ct``), with the prefix ل (``l_ct``: ل before ال gives لل), without the article (``indef``), its
# council and president, its administration and services (a construct «إدارة الإقليم», never an
# adjective: عمالة has none), its development programme; ``gender`` drives the agreement of verbs,
# adjectives and pronouns (``agree``). French: every noun is feminine («la région», «la
# préfecture»): «de {{ term.ct }}», «à {{ term.ct }}» need no form of their own; ``Ct`` starts a
# sentence; ``adj_fs`` / ``adj_mp`` are the adjectives («action régionale», «services régionaux»).
COLLECTIVITIES: dict[str, dict] = {
    "commune": {
        "gender": "f",
        "ar": {
            "ct": "الجماعة",
            "l_ct": "للجماعة",
            "indef": "جماعة",
            "council": "مجلس الجماعة",
            "president": "رئيس الجماعة",
            "council_president": "رئيس مجلس الجماعة",
            "administration": "الإدارة الجماعية",
            "services": "المصالح الجماعية",
            "facilities": "المرافق الجماعية",
            "programme": "برنامج عمل الجماعة",
            "plural": "الجماعات",
            "bodies": "الهيئة والهيئات الاستشارية الأخرى",
            "equality_body": "هيئة المساواة وتكافؤ الفرص ومقاربة النوع",
        },
        "fr": {
            "ct": "la commune",
            "Ct": "La commune",
            "adj_fs": "communale",
            "adj_mp": "communaux",
            "programme": "programme d'action de la commune",
            "abbr": "PAC",
            "president": "président de la commune",
            "plural": "communes",
            "Bodies": "L'instance et les autres instances consultatives",
            "equality_body": (
                "l'Instance de l'équité, de l'égalité des chances et de l'approche genre"
            ),
        },
    },
    "region": {
        "gender": "f",
        "ar": {
            "ct": "الجهة",
            "l_ct": "للجهة",
            "indef": "جهة",
            "council": "مجلس الجهة",
            "president": "رئيس مجلس الجهة",
            "council_president": "رئيس مجلس الجهة",
            "administration": "إدارة الجهة",
            "services": "مصالح الجهة",
            "facilities": "مرافق الجهة",
            "programme": "برنامج التنمية الجهوية",
            "plural": "الجهات",
            "bodies": "الهيئات الاستشارية",
            "equality_body": "الهيئة الاستشارية المكلفة بقضايا المساواة وتكافؤ الفرص ومقاربة النوع",
        },
        "fr": {
            "ct": "la région",
            "Ct": "La région",
            "adj_fs": "régionale",
            "adj_mp": "régionaux",
            "programme": "programme de développement régional",
            "abbr": "PDR",
            "president": "président du conseil de la région",
            "plural": "régions",
            "Bodies": "Les instances consultatives",
            "equality_body": (
                "l'instance consultative chargée des questions d'équité, "
                "d'égalité des chances et d'approche genre"
            ),
        },
    },
    "prefecture": {
        "gender": "f",
        "ar": {
            "ct": "العمالة",
            "l_ct": "للعمالة",
            "indef": "عمالة",
            "council": "مجلس العمالة",
            "president": "رئيس مجلس العمالة",
            "council_president": "رئيس مجلس العمالة",
            "administration": "إدارة العمالة",
            "services": "مصالح العمالة",
            "facilities": "مرافق العمالة",
            "programme": "برنامج تنمية العمالة",
            "plural": "العمالات والأقاليم",
            "bodies": "الهيئة والهيئات الاستشارية الأخرى",
            "equality_body": "الهيئة الاستشارية المكلفة بقضايا المساواة وتكافؤ الفرص ومقاربة النوع",
        },
        "fr": {
            "ct": "la préfecture",
            "Ct": "La préfecture",
            "adj_fs": "préfectorale",
            "adj_mp": "préfectoraux",
            "programme": "programme de développement de la préfecture",
            "abbr": "PDP",
            "president": "président du conseil de la préfecture",
            "plural": "préfectures et provinces",
            "Bodies": "L'instance et les autres instances consultatives",
            "equality_body": (
                "l'instance consultative chargée des questions d'équité, "
                "d'égalité des chances et d'approche genre"
            ),
        },
    },
    "province": {
        "gender": "m",
        "ar": {
            "ct": "الإقليم",
            "l_ct": "للإقليم",
            "indef": "إقليم",
            "council": "مجلس الإقليم",
            "president": "رئيس مجلس الإقليم",
            "council_president": "رئيس مجلس الإقليم",
            "administration": "إدارة الإقليم",
            "services": "مصالح الإقليم",
            "facilities": "مرافق الإقليم",
            "programme": "برنامج تنمية الإقليم",
            "plural": "العمالات والأقاليم",
            "bodies": "الهيئة والهيئات الاستشارية الأخرى",
            "equality_body": "الهيئة الاستشارية المكلفة بقضايا المساواة وتكافؤ الفرص ومقاربة النوع",
        },
        "fr": {
            "ct": "la province",
            "Ct": "La province",
            "adj_fs": "provinciale",
            "adj_mp": "provinciaux",
            "programme": "programme de développement de la province",
            "abbr": "PDP",
            "president": "président du conseil de la province",
            "plural": "préfectures et provinces",
            "Bodies": "L'instance et les autres instances consultatives",
            "equality_body": (
                "l'instance consultative chargée des questions d'équité, "
                "d'égalité des chances et d'approche genre"
            ),
        },
    },
}


def collectivity_kind(level: str, province_kind: str | None = None) -> str:
    """The key of ``COLLECTIVITIES`` for a charter: its level, or for a province's charter the
    prefecture or the province (``province.kind``; a province when it is not given)."""
    if level == "province":
        return "prefecture" if province_kind == "prefecture" else "province"
    return level if level in COLLECTIVITIES else "commune"


def vocabulary(kind: str, lang: str) -> dict[str, Markup]:
    """The words of ``kind`` in ``lang`` as Markup (our own wording: printed as it is, with no
    bidi isolate, so a commune's charter reads exactly as its clauses were written), with its
    ``gender``."""
    entry = COLLECTIVITIES[kind]
    words = {key: Markup(escape(value)) for key, value in entry[lang].items()}
    words["gender"] = entry["gender"]
    return words


# The commune's words an answer's title may hold (``x-enum-titles`` of the schema: «موقع الجماعة»,
# «usagers des services communaux»), longest first, rewritten for another collectivity by
# ``reword``. Arabic whole words only: «الجماعات الترابية» and «الذكاء الجماعي» stay as they are.
_REWORDED = {
    "ar": ("programme", "administration", "services", "facilities", "council", "l_ct", "ct"),
    "fr": ("programme", "adj_mp", "adj_fs", "ct"),
}


def reword(text: str, kind: str, lang: str) -> str:
    """``text``, written for a commune, in the words of ``kind`` (a key of ``COLLECTIVITIES``):
    «الموقع الإلكتروني للجماعة» → «الموقع الإلكتروني للجهة», «site internet de la commune» →
    «site internet de la province». A commune's text is returned as it is."""
    if kind == "commune" or lang not in _REWORDED:
        return text
    commune, other = COLLECTIVITIES["commune"][lang], COLLECTIVITIES[kind][lang]
    for key in _REWORDED[lang]:
        before, after = commune[key], other[key]
        if lang == "ar":
            text = re.sub(rf"(?<![\w])(ب|و|)({re.escape(before)})(?![\w])", rf"\g<1>{after}", text)
        else:
            text = re.sub(rf"\b{re.escape(before)}\b", after, text)
    return text


def agree(feminine, masculine, gender: str) -> Markup:
    """The form agreeing with the collectivity: ``feminine`` as the clause is written for a
    commune («تلتزم», «التابعة», «مجلسها»), ``masculine`` for a province («يلتزم», «التابع»,
    «مجلسه»). Our wording, printed without isolates."""
    return Markup(escape(masculine if gender == "m" else feminine))


# 3-10 in words: the form for a masculine noun (ثلاثة أشهر) and for a feminine one (ثلاث سنوات).
_WORDS_FOR_MASCULINE = "ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة".split()
_WORDS_FOR_FEMININE = "ثلاث أربع خمس ست سبع ثماني تسع عشر".split()
_ONE = {"m": "واحد", "f": "واحدة"}


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def count_ar(n: int, noun: str, *, definite: bool = False) -> str:
    """«شهرين», «ثلاثة أشهر», «15 يوما»: ``n`` of ``noun`` (a key of ``NOUNS``) in Arabic."""
    one, two, plural, accusative, gender = NOUNS[noun]["ar"]
    if n == 1:
        return f"{one} {_ONE[gender]}"
    if n == 2:
        return two
    if 3 <= n <= 10:
        words = _WORDS_FOR_MASCULINE if gender == "m" else _WORDS_FOR_FEMININE
        word = words[n - 3]
        if definite:
            return f"ال{plural} ال{word}"
        return f"{word} {plural}"
    last_two = n % 100
    if 11 <= last_two <= 99:
        return f"{n} {accusative}"
    if 3 <= last_two <= 10:
        return f"{n} {plural}"
    return f"{n} {one}"


def format_number(value, lang: str) -> str:
    """A number as the charter prints it: French through Babel (fr_MA) — «96 300», «4,2» —
    with years and numbers under 10 000 left ungrouped; Arabic in Western digits, decimal comma."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return _format_number(type(value), value, lang)


@lru_cache(maxsize=4096)  # bounded: a server renders many charters
def _format_number(kind: type, value: int | float, lang: str) -> str:
    """Babel's formatting is ~50 µs a number and a charter prints the same few hundred numbers
    (counts, percentages, years) again and again: each is formatted once per process. ``kind``
    keeps 1 and 1.0 apart."""
    if lang == "fr":
        text = format_decimal(value, locale=_FR_MA, group_separator=abs(value) >= 10000)
        return text.replace(NNBSP, NBSP) if abs(value) >= 10000 else text
    if isinstance(value, float):
        return format_decimal(value, locale=_FR_MA, group_separator=False)
    return str(value)


def count_fr(n, noun: str) -> str:
    one, many = NOUNS[noun]["fr"]
    return f"{format_number(n, 'fr')}{NBSP}{one if abs(n) < 2 else many}"


def count(n, noun: str, lang: str, *, definite: bool = False) -> Markup:
    """``n`` with its counted ``noun`` in ``lang``, isolated (bidi) as one value."""
    if noun not in NOUNS:
        raise ValueError(f"unknown counted noun {noun!r} (expected one of {', '.join(NOUNS)})")
    whole = _int(n)
    if whole is None:
        return Markup(FSI) + escape(n) + Markup(PDI)
    text = count_ar(whole, noun, definite=definite) if lang == "ar" else count_fr(whole, noun)
    return Markup(FSI) + escape(text) + Markup(PDI)


# Feminine ordinals, for «السنة الثالثة» (the Arabic ordinal agrees with السنة).
_ORDINALS_FEMININE = (
    "الأولى الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة".split()
)


_ORDINALS_FR = (
    "première deuxième troisième quatrième cinquième sixième septième huitième neuvième dixième"
).split()


def ordinal(n, lang: str) -> Markup:
    """``{{ 3|ordinal }}`` before or after a feminine noun: «السنة الثالثة», «la troisième année»
    (1-10 in words in both languages, so both state the same numbers; «12e» / «12» beyond)."""
    whole = _int(n)
    if whole is None:
        return Markup(FSI) + escape(n) + Markup(PDI)
    words = _ORDINALS_FEMININE if lang == "ar" else _ORDINALS_FR
    beyond = str(whole) if lang == "ar" else f"{whole}e"
    text = words[whole - 1] if 1 <= whole <= 10 else beyond
    return Markup(FSI) + escape(text) + Markup(PDI)


def prefix(value, letter: str = "ل") -> Markup:
    """An Arabic one-letter prefix (ل، ب، ك) joined to its word inside one isolate, so the letters
    join («لإقليم», never «لـإقليم»); ل before the article ال gives لل («للجماعة»)."""
    if value is None or value == "":
        return Markup("")
    text = str(value.__html__() if hasattr(value, "__html__") else escape(value))
    text = text.replace(FSI, "").replace(PDI, "")
    if letter == "ل" and text.startswith("ال"):
        text = text[1:]  # ل + الجماعة → للجماعة (the alef of the article drops)
    return Markup(FSI) + Markup(escape(letter)) + Markup(text) + Markup(PDI)


# --- French typography ---------------------------------------------------------------------------

# The text may hold escaped quotes (&#34; &#39;) or raw ones; both are handled.
_DOUBLE = re.compile(r"(?:&#34;|&quot;|\"|“|”)(.*?)(?:&#34;|&quot;|\"|“|”)", re.S)
_APOSTROPHE = re.compile(r"(?:&#39;|&#x27;|'|‘)")
_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE = re.compile(r"[ \u00a0\u202f]*»")
_TYPESET = frozenset("\"“”'‘«»:;!?&")  # a character one of the rules below may change
_BEFORE_DOUBLE_PUNCT = re.compile(r"[ \u202f]([:;!?])(?=\s|$|[\u2068\u2069<])")


def french(text: str) -> Markup:
    """One typographic convention for French: « » with non-breaking spaces, the apostrophe ’,
    a non-breaking space before : ; ! ? — idempotent, on escaped (Markup) text."""
    out = str(text)
    if not _TYPESET.intersection(out):  # most table cells and short lines: nothing to do
        return Markup(out)
    out = _DOUBLE.sub(lambda m: f"«{m.group(1)}»", out)
    out = _APOSTROPHE.sub("’", out)
    out = _OPEN.sub("«" + NBSP, out)
    out = _CLOSE.sub(NBSP + "»", out)
    out = _BEFORE_DOUBLE_PUNCT.sub(NBSP + r"\1", out)
    return Markup(out)


_END = re.compile(r"[.!?؟…]\s*$")


def sentence(value) -> Markup:
    """An answer closing a sentence: isolated, with one final full stop (none added when the
    answer already ends with one), so a clause never prints «critères..»."""
    if value is None or value == "":
        return Markup("")
    text = str(value).rstrip()
    return Markup(FSI) + escape(text) + Markup(PDI) + ("" if _END.search(text) else ".")
