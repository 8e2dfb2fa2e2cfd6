"""Trainer mode per level in a real browser (Debian's Chromium): the trainer picks the level,
opens that level's sample, walks to its identification step and the review, and downloads the
PDF, which carries the collectivity's name, its own organic law and its compliance matrix.
One walk per level, each in one language and one size (the other pairings were looked at by
hand: ``tests/e2e/training_screenshots.py``)."""

from __future__ import annotations

import re

import pytest
from appserver import settle
from playwright.sync_api import expect
from render.support import norm, pdf_text_logical
from walk import SIZES, goto_step, measure, sidebar_click

WALKS = [
    # level, its words on the radio, sample, language, size, name, law, matrix title
    (
        "province",
        "عمالة أو إقليم",
        "province-azilal.json",
        "ar",
        "desktop",
        "أزيلال",
        "112.14",
        "مصفوفة المطابقة القانونية",
    ),
    (
        "region",
        "région",
        "region-draa-tafilalet.json",
        "fr",
        "phone",
        "Drâa-Tafilalet",
        "111-14",
        "Matrice de conformité juridique",
    ),
]


def open_level_sample(browser, url, level_words, sample, lang, size):
    """A new page at ``size``: trainer mode, the level picked, its sample opened."""
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    page.goto(f"{url}/?lang={lang}")
    page.locator(".st-key-start-blank button").wait_for(timeout=30_000)
    settle(page)
    sidebar_click(page, "nav-training")
    page.locator(".st-key-training-level").get_by_text(level_words, exact=True).click()
    settle(page)
    page.locator(f".st-key-training-open-{sample.replace('.', '-')} button").click()
    page.wait_for_url(re.compile(r"step=\w+"), timeout=30_000)
    settle(page)
    return page


@pytest.mark.parametrize(
    ("level", "words", "sample", "lang", "size", "name", "law", "matrix"),
    WALKS,
    ids=[w[0] for w in WALKS],
)
def test_the_trainer_walks_a_levels_sample_to_its_pdf(
    server, browser, level, words, sample, lang, size, name, law, matrix
):
    page = open_level_sample(browser, server.url, words, sample, lang, size)
    expect(page.locator(".st-key-training-banner")).to_be_visible()
    goto_step(page, level)
    name_box = page.locator(f'[class*="-{level}-name-{lang}_"]').first.locator("input")
    expect(name_box).to_have_value(name)
    seen = measure(page)
    assert seen["scroll_width"] <= seen["viewport"], seen["outside"]
    assert seen["main_dir"] == ("rtl" if lang == "ar" else "ltr")

    sidebar_click(page, "nav-review")
    with page.expect_download(timeout=120_000) as dl:
        page.locator(".st-key-dl-pdf button").click()
    pdf = dl.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    text = norm(pdf_text_logical(pdf))
    for wanted in (name, law, matrix):
        assert norm(wanted) in text, wanted
    assert "113-14" not in text and "113.14" not in text  # the commune's law is not theirs
    page.close()
