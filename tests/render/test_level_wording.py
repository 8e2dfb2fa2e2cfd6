"""A region's, a prefecture's and a province's charter speak of themselves, not of a commune.

The shared clauses print the collectivity through its vocabulary (``grammar.COLLECTIVITIES``:
``{{ term.ct }}``, ``{{ term.council }}``…) and agree with it (``{{ "تلتزم"|agree("يلتزم") }}``:
الإقليم is masculine). Read on the model's text of the examples of each level, the annexes
included; a prefecture's charter is the province example with ``province.kind`` = prefecture.
"""

import copy
import re

import pytest

from charter.derive import derive
from charter.model import build_charter
from charter.render.environment import MONTHS
from charter.render.grammar import COLLECTIVITIES, prefix, reword

from .conftest import EXAMPLES, load
from .support import model_lines

REGION = next(p for p in EXAMPLES if load(p)["level"] == "region")
PROVINCE = next(p for p in EXAMPLES if load(p)["level"] == "province")

# A commune's words, Arabic and French; «الجماعات الترابية», «commun», «communication» and the
# answers' «communes rurales» are not.
COMMUNE_WORDS = {
    "ar": re.compile(r"(?<!\w)[وبل]?(?:ال)?جماعة(?!\w)|للجماعة|الجماعية|مجلسها المحلي"),
    "fr": re.compile(r"\b(?:la|La|de la) commune\b|\bcommuna(?:l|le|ux)\b|conseil communal"),
}


def text(answers: dict, lang: str) -> str:
    return "\n".join(model_lines(build_charter(answers, lang), ""))


def prefecture() -> dict:
    answers = copy.deepcopy(load(PROVINCE))
    answers["province"]["kind"] = "prefecture"
    return answers


CHARTERS = {
    "region": lambda: load(REGION),
    "province": lambda: load(PROVINCE),
    "prefecture": prefecture,
}


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("kind", list(CHARTERS))
def test_no_commune_vocabulary_outside_a_communes_charter(kind, lang):
    found = COMMUNE_WORDS[lang].findall(text(CHARTERS[kind](), lang))
    assert not found, f"{kind} [{lang}] speaks of a commune: {sorted(set(found))}"


@pytest.mark.parametrize("kind", list(CHARTERS))
def test_the_council_and_the_collectivity_are_named_in_their_own_words(kind):
    ar, fr = text(CHARTERS[kind](), "ar"), text(CHARTERS[kind](), "fr")
    words = COLLECTIVITIES[kind]
    assert words["ar"]["council"] in ar and words["ar"]["ct"] in ar
    assert f"{words['fr']['Ct']} s’engage" in fr
    assert f"conseil de {words['fr']['ct']}" in fr


def test_a_province_agrees_in_the_masculine_and_a_prefecture_in_the_feminine():
    province, pref = text(load(PROVINCE), "ar"), text(prefecture(), "ar")
    assert "يلتزم الإقليم" in province and "تلتزم الإقليم" not in province
    assert "ويمثله رئيس مجلسه" in province
    assert "يعالج الإقليم المعطيات الشخصية التي يتلقاها" in province
    assert "تلتزم العمالة" in pref and "يلتزم العمالة" not in pref
    assert "ويمثلها رئيس مجلسها" in pref
    assert "من مقاعد مجلس العمالة" in pref and "يتعامل مع مصالح العمالة" in pref
    # the adjective agrees with المرافق (a non-human plural), not with the collectivity
    assert "المرافق العمومية التابعة للإقليم" in province


def test_region_and_province_petition_annexes_follow_their_own_decree_and_article():
    region_ar, region_fr = text(load(REGION), "ar"), text(load(REGION), "fr")
    assert "طبقا للمرسوم رقم 2.16.401" in region_ar
    assert "المادة 120 من القانون التنظيمي رقم 111.14" in region_ar
    assert (
        "décret n° 2-16-401" in region_fr
        and "article 120 de la loi organique n° 111-14" in region_fr
    )
    province_ar = text(load(PROVINCE), "ar")
    assert "طبقا للمرسوم رقم 2.16.402" in province_ar
    assert "المادة 114 من القانون التنظيمي رقم 112.14" in province_ar
    assert "يبين هذا البيان كيف يعالج إقليم" in province_ar
    for charter in (region_ar, province_ar):
        assert "2.16.403" not in charter and "113.14" not in charter


def test_reword_keeps_what_is_not_the_communes():
    assert reword("الجريدة الرسمية للجماعات الترابية", "region", "ar") == (
        "الجريدة الرسمية للجماعات الترابية"
    )
    assert (
        reword("تعبئة الذكاء الجماعي للتنمية", "province", "ar") == "تعبئة الذكاء الجماعي للتنمية"
    )
    assert reword("الموقع الإلكتروني للجماعة", "province", "ar") == "الموقع الإلكتروني للإقليم"
    assert reword("usagers des services communaux", "prefecture", "fr") == (
        "usagers des services préfectoraux"
    )
    assert reword("موقع الجماعة", "commune", "ar") == "موقع الجماعة"


def test_every_collectivity_has_every_word():
    keys = {lang: set(COLLECTIVITIES["commune"][lang]) for lang in ("ar", "fr")}
    for kind, entry in COLLECTIVITIES.items():
        assert entry["gender"] in ("f", "m")
        for lang in ("ar", "fr"):
            assert set(entry[lang]) == keys[lang], kind


def test_the_prefix_la_drops_the_alef_of_the_article():
    assert prefix("القانون التنظيمي 112.14", "ل") == "\u2068للقانون التنظيمي 112.14\u2069"
    assert prefix("الجماعة", "ل") == "\u2068للجماعة\u2069"
    assert prefix("إقليم", "ل") == "\u2068لإقليم\u2069"
    assert prefix("الجماعة", "ب") == "\u2068بالجماعة\u2069"


@pytest.mark.parametrize("kind", list(CHARTERS))
def test_a_region_or_province_calendar_is_tied_to_each_ordinary_session(kind):
    ar, fr = text(CHARTERS[kind](), "ar"), text(CHARTERS[kind](), "fr")
    assert "قبل كل دورة عادية" in ar and "Avant chaque session ordinaire" in fr
    # the months of 111-14 / 112-14 are not in the catalogue: none is printed as the law's
    for lang, months in MONTHS.items():
        model = build_charter(CHARTERS[kind](), lang)
        (article,) = [a for a in model.articles if a.id.startswith("calendar.")]
        assert article.id == "calendar.sessions"
        words = repr(article.blocks)
        assert not [m for m in months if m in words], (lang, words)


def test_a_regions_signature_counts_are_counted_nouns():
    ar, fr = text(load(REGION), "ar"), text(load(REGION), "fr")
    threshold = derive(load(REGION))["signature_threshold"].value
    assert threshold % 100 == 0  # 300 / 400 / 500: after a round hundred, the genitive singular
    assert f"عن {threshold} توقيع،" in ar and f"{threshold} توقيعا" not in ar
    assert f"au moins {threshold}\u00a0signatures" in fr
