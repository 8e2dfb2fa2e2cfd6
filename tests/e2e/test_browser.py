"""The wizard in a real browser (Debian's Chromium through Playwright), against the real server.

One commune is typed in Arabic; the page must be right-to-left with the app's own Amiri font;
a reload half-way finds every answer; the PDF downloaded from the review carries the commune's
name in its text; a server killed with SIGKILL and started again still has the draft.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from appserver import settle
from playwright.sync_api import expect
from render.support import norm, pdf_text_logical
from walk import goto_step

from charter.store import DraftStore

COMMUNE = {
    "name": {"ar": "تيغمرت", "fr": "Tighmert"},
    "region": {"ar": "كلميم واد نون", "fr": "Guelmim-Oued Noun"},
    "province": {"kind": "province", "name": {"ar": "كلميم", "fr": "Guelmim"}},
    "category": "rural",
    "population": {"legal": 7420, "census_year": 2024},
    "arrondissement_regime": False,
    "council": {"women_members": 5},  # its size and vice-presidents are the law's: never asked
    "mandate": {"start_date": "2021-09-21", "end_year": 2027},
}


def field(page, pointer_tail: str):
    """The widget whose key ends with this pointer (keys are w<generation>/<pointer>)."""
    return page.locator(f'[class*="-{pointer_tail}"]').first


def fill_text(page, tail: str, value: str) -> None:
    field(page, tail).locator("input, textarea").first.fill(value)


def pick(page, tail: str, option: str) -> None:
    box = field(page, tail).get_by_role("combobox")
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    expect(box).to_have_value(option)


def test_arabic_wizard_reload_pdf_and_restart(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1300, "height": 1000}, accept_downloads=True)
    outside = []  # trainers work offline: the app must fetch nothing beyond its own server
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if urlsplit(r.url).hostname not in ("127.0.0.1", "localhost", None)
            else None
        ),
    )
    page.goto(server.url + "/?lang=ar")
    page.locator(".st-key-start-blank button").wait_for(timeout=30_000)
    settle(page)
    assert page.evaluate("getComputedStyle(document.querySelector('.stApp')).direction") == "rtl"
    assert page.evaluate("document.fonts.check('16px Amiri')")
    page.evaluate("document.fonts.ready")
    amiri = page.evaluate(
        "Array.from(document.fonts).some(f => f.family.includes('Amiri') && f.status == 'loaded')"
    )
    assert amiri, "the app serves its own Amiri font"

    page.locator(".st-key-start-blank button").click()
    page.wait_for_url(re.compile(r"step=\w+"), timeout=30_000)
    settle(page)
    goto_step(page, "commune")
    field(page, "commune-mandate-end_year_ltr").wait_for(timeout=30_000)

    c = COMMUNE
    fill_text(page, "commune-name-ar_rtl", c["name"]["ar"])
    fill_text(page, "commune-name-fr_ltr", c["name"]["fr"])
    fill_text(page, "commune-region-ar_rtl", c["region"]["ar"])
    fill_text(page, "commune-region-fr_ltr", c["region"]["fr"])
    pick(page, "commune-province-kind", "إقليم")
    fill_text(page, "commune-province-name-ar_rtl", c["province"]["name"]["ar"])
    fill_text(page, "commune-province-name-fr_ltr", c["province"]["name"]["fr"])
    pick(page, "commune-category", "قروية")
    fill_text(page, "commune-population-legal_ltr", "7420")
    fill_text(page, "commune-population-census_year_ltr", "2024")
    field(page, "commune-arrondissement_regime").get_by_text("لا", exact=True).click()
    fill_text(page, "commune-council-women_members_ltr", "5")
    # the date in Arabic: day, month by its Moroccan name, year
    pick(page, "commune-mandate-start_date_ltr-day", "21")
    pick(page, "commune-mandate-start_date_ltr-month", "شتنبر (9)")
    pick(page, "commune-mandate-start_date_ltr-year", "2021")
    fill_text(page, "commune-mandate-end_year_ltr", "2027")
    page.locator(".st-key-step-next button").click()
    page.wait_for_url(re.compile(r"step=adoption"), timeout=30_000)
    settle(page)

    draft = re.search(r"draft=([\w-]+)", page.url).group(1)
    saved = DraftStore(server.data / "drafts.sqlite3").latest(draft).answers
    assert saved["commune"] == c  # every answer typed reached the store at once

    pick(page, "adoption-status", "مشروع")
    page.locator(".st-key-step-next button").click()
    page.wait_for_url(re.compile(r"step=preamble"), timeout=30_000)
    settle(page)

    # half-way: a reload (a new session) finds every answer
    page.reload()
    page.locator(".st-key-step-next button").wait_for(timeout=30_000)
    settle(page)
    assert "step=preamble" in page.url
    page.locator(".st-key-nav-step-commune button").first.click()
    settle(page)
    for tail, value in [
        ("commune-name-ar_rtl", c["name"]["ar"]),
        ("commune-name-fr_ltr", c["name"]["fr"]),
        ("commune-province-name-ar_rtl", "كلميم"),
        ("commune-population-legal_ltr", "7420"),
        ("commune-council-women_members_ltr", "5"),
    ]:
        expect(field(page, tail).locator("input")).to_have_value(value)
    for part, shown in (("day", "21"), ("month", "شتنبر (9)"), ("year", "2021")):
        box = field(page, f"commune-mandate-start_date_ltr-{part}").get_by_role("combobox")
        expect(box).to_have_value(shown)
    expect(field(page, "commune-category").get_by_role("combobox")).to_have_value("قروية")
    assert page.evaluate("getComputedStyle(document.querySelector('.stApp')).direction") == "rtl"

    # the review's PDF (a watermarked draft: most steps are still empty) carries the name
    page.locator(".st-key-nav-review button").first.click()
    settle(page)
    with page.expect_download(timeout=60_000) as dl:
        page.locator(".st-key-dl-pdf button").click()
    pdf = dl.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    text = norm(pdf_text_logical(pdf))
    assert norm(c["name"]["ar"]) in text

    with page.expect_download() as dl:
        page.locator(".st-key-dl-answers-review button").click()
    answers = json.loads(dl.value.path().read_text(encoding="utf-8"))
    assert answers["commune"] == c
    assert outside == []
    page.close()

    # the server is lost (SIGKILL) and started again: the draft is intact
    server.kill()
    server.start()
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.goto(f"{server.url}/wizard?lang=ar&draft={draft}&step=commune")
    page.locator(".st-key-step-next button").wait_for(timeout=30_000)
    settle(page)
    expect(field(page, "commune-name-fr_ltr").locator("input")).to_have_value("Tighmert")
    assert DraftStore(server.data / "drafts.sqlite3").latest(draft).answers["commune"] == c
    page.close()
