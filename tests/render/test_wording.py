"""The wording as a Moroccan jurist reads it: every example, both languages, the model's text.

Fails on the patterns issue 9 found: a digit before a singular counted noun («2 أشهر», «10 يوم»),
a tatweel after ل («لـإقليم»), mixed quote kinds or a decimal point in French («4.2»), an
ungrouped large number («96300»), a colon after «s'engage à» / «par» / «vigueur»; and checks that
each article carries the same numbers and citations in Arabic and in French.
"""

import copy
import html
import io
import re
from collections import Counter
from functools import cache

import docx
import pytest

from charter.model import build_charter
from charter.render.grammar import NOUNS, count_ar
from charter.schema import schema as answers_schema

from .conftest import EXAMPLES, load
from .support import pdfium_body_text


def article_texts(model):
    """Every article's text (paragraphs, list items, headings, table cells), by article id."""
    out = {}
    for article in model.articles:
        parts = [str(article.title)]
        for block in article.blocks:
            if block.kind in ("paragraph", "heading"):
                parts.append(str(block.text))
            elif block.kind == "list":
                parts.extend(str(i) for i in block.items)
            elif block.kind == "table":
                parts.extend(str(c) for row in (block.header, *block.rows) for c in row)
        out[article.id] = "\n".join(parts)
    return out


def annex_texts(model):
    parts = []
    for annex in model.annexes:
        parts.append(str(annex.title))
        for block in annex.blocks:
            if block.kind in ("paragraph", "heading"):
                parts.append(str(block.text))
            elif block.kind == "list":
                parts.extend(str(i) for i in block.items)
            elif block.kind == "table":
                parts.extend(str(c) for row in (block.header, *block.rows) for c in row)
    return "\n".join(parts)


def plain(text: str) -> str:
    """The text as read: entities decoded, bidi isolates dropped."""
    return re.sub("[\u2066-\u2069]", "", html.unescape(text))


@pytest.fixture(scope="module")
def models():
    return {(p.name, lang): build_charter(load(p), lang) for p in EXAMPLES for lang in ("ar", "fr")}


SINGULAR_OR_PLURAL = "|".join(
    sorted({f for forms in NOUNS.values() for f in forms["ar"][:4]}, key=len, reverse=True)
)
# 1-10 written in digits before a counted noun (the words are expected: «شهرين», «ثلاثة أشهر»).
DIGIT_SMALL = re.compile(rf"(?<![\d.,/-])(?:[1-9]|10)\s+(?:{SINGULAR_OR_PLURAL})(?![\w])")
# 11-99 (last two digits) before a plural: «15 أيام» (the singular is expected: «15 يوما»).
PLURALS = "|".join({forms["ar"][2] for forms in NOUNS.values()} - {"موقعين"})
DIGIT_PLURAL = re.compile(rf"(?<![\d.,/-])(\d*(?:[1-9]\d))\s+(?:{PLURALS})(?![\w])")


def test_arabic_numbers_agree_with_their_counted_nouns(models):
    for (example, lang), model in models.items():
        if lang != "ar":
            continue
        for aid, text in article_texts(model).items():
            text = plain(text)
            assert not DIGIT_SMALL.search(text), (example, aid, DIGIT_SMALL.search(text))
            for m in DIGIT_PLURAL.finditer(text):
                assert not 11 <= int(m.group(1)) % 100 <= 99, (example, aid, m.group(0))


def test_no_tatweel_and_no_unjoined_prefix_in_arabic(models):
    for (example, lang), model in models.items():
        if lang != "ar":
            continue
        text = "\n".join(article_texts(model).values()) + annex_texts(model)
        assert "\u0640" not in text, example  # tatweel: «لـإقليم»
        assert not re.search("(?:^|\\s)[لب]\u2068", text), example  # a prefix cut from its word


def test_french_has_one_typographic_convention(models):
    for (example, lang), model in models.items():
        if lang != "fr":
            continue
        text = plain("\n".join(article_texts(model).values()) + annex_texts(model))
        text += str(model.title) + "".join(map(str, model.letterhead))
        for bad in ('"', "'", "“", "”", "‘", "&#34;", "&#39;"):
            assert bad not in text, (example, bad)
        assert not re.search(r"«[^\u00a0]|[^\u00a0]»", text), example
        assert not re.search(r"\d\.\d", text), (example, re.search(r".{20}\d\.\d.{10}", text))
        assert not re.search(r"(?<![\d/-])\d{5,}(?![\d/])", text), example
        for pattern in (
            r"s’engage à\s*:",
            r"(?<!entend )\bpar\s*:",
            r"vigueur\s*:",
            r"égalité et égalité",
        ):
            assert not re.search(pattern, text), (example, pattern)


def test_the_first_article_is_numbered_as_moroccan_texts_do(models):
    for (_example, lang), model in models.items():
        assert model.articles[0].label == {"ar": "المادة الأولى", "fr": "Article premier"}[lang]


# --- Arabic and French in step ------------------------------------------------------------------

_WORDS = sorted(
    (
        (count_ar(n, noun, definite=d), f"{n} {noun}")
        for noun in NOUNS
        for n in range(1, 11)
        for d in (False, True)
        if (n, noun) != (1, "time")  # «مرة واحدة» is «une seule fois»: "once", not a count
    ),
    key=lambda pair: len(pair[0]),
    reverse=True,
)


def numbers(text: str) -> Counter:
    """The numbers a text states, Arabic words for 1-10 read as digits, «96 300» as 96300."""
    text = plain(text)
    for words, digits in _WORDS:
        start = "(?:(?<!\\w)|(?<=(?<!\\w)[بل]))"  # a word, or one prefixed with ب or ل
        text = re.sub(rf"{start}{re.escape(words)}(?!\w)", digits.split()[0], text)
    text = text.replace("1er", "1").replace("1re", "1")
    text = re.sub(r"(\d)[\u00a0\u202f ](?=\d{3}\b)", r"\1", text)
    return Counter(re.findall(r"\d+", text))


def neutral(answers):
    """The answers with every free text the same in both languages (the commune's own prose may
    state numbers in one language only): what remains is the clauses' wording."""
    if isinstance(answers, dict):
        if set(answers) == {"ar", "fr"}:
            return {"ar": "نص", "fr": "texte"}
        return {k: neutral(v) for k, v in answers.items()}
    if isinstance(answers, list):
        return [neutral(v) for v in answers]
    return answers


@cache
def enum_title_pairs() -> list[tuple[str, str]]:
    """(ar, fr) enum titles of the schema that spell their numbers differently («كل ثلاثة أشهر» /
    «trimestrielle»): answers, not the clauses' wording."""
    found: set[tuple[str, str]] = set()

    def walk(node):
        if isinstance(node, dict):
            for title in (node.get("x-enum-titles") or {}).values():
                if numbers(title["ar"]) != numbers(title["fr"]):
                    found.add((title["ar"], title["fr"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(answers_schema())
    return sorted(found, key=lambda pair: len(pair[0]), reverse=True)


def without_answers_numbers(ar: str, fr: str) -> tuple[str, str]:
    ar, fr = plain(ar), plain(fr)
    for title_ar, title_fr in enum_title_pairs():
        if title_ar in ar and title_fr in fr:
            ar, fr = ar.replace(title_ar, " "), fr.replace(title_fr, " ")
    return ar, fr


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_each_article_states_the_same_numbers_and_citations_in_both_languages(example):
    answers = neutral(copy.deepcopy(load(example)))
    ar, fr = (article_texts(build_charter(answers, lang)) for lang in ("ar", "fr"))
    assert list(ar) == list(fr)
    # The references list gives each law's dahir and Official Bulletin in French only (the
    # catalogue holds those references in French): it is compared article number by article.
    ar.pop("references.legal"), fr.pop("references.legal")
    for aid in ar:
        a, f = (numbers(t) for t in without_answers_numbers(ar[aid], fr[aid]))
        assert a == f, (aid, a, f)


# --- what the reader gets: the PDF's and the DOCX's text (urban example, shared renders) ------

URBAN = next(p for p in EXAMPLES if p.name.startswith("urban"))


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_printed_files_keep_the_conventions(rendered):
    """pdfium's text of the PDFs and python-docx's text of the DOCX files: no straight or curly
    quote and no decimal point in French, no digit before a counted noun in Arabic."""
    fr_pdf = pdfium_body_text(rendered.get(URBAN, "fr", "pdf"))
    fr_docx = "\n".join(
        p.text for p in docx.Document(io.BytesIO(rendered.get(URBAN, "fr", "docx"))).paragraphs
    )
    for text in (fr_pdf, fr_docx):
        text = plain(text)
        for bad in ('"', "'", "“", "”"):
            assert bad not in text, bad
        assert not re.search(r"(?<!Version )\d\.\d", text)  # «Version 1.0» is a version
        assert "96 300" in text.replace("\u202f", " ").replace("\u00a0", " ")
    ar_docx = "\n".join(
        p.text for p in docx.Document(io.BytesIO(rendered.get(URBAN, "ar", "docx"))).paragraphs
    )
    ar_pdf = pdfium_body_text(rendered.get(URBAN, "ar", "pdf"))
    for text in (plain(ar_docx), plain(ar_pdf)):
        assert not DIGIT_SMALL.search(text), DIGIT_SMALL.search(text)
        assert "شهرين" in text and "المادة الأولى" in text
