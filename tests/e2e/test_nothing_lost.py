"""Nothing typed is lost when the user moves by the sidebar (its steps, its pages, its language
switch) instead of the form's own Save / Back / Next: the step's form is submitted first."""

from __future__ import annotations

import re

import pytest
from appserver import settle
from playwright.sync_api import expect
from walk import SIZES, goto_step, sidebar_click

from charter.store import DraftStore

LOADED = 30_000  # ms: a run on a loaded machine (a press is replayed once the save is over)


def field(page, tail: str):
    """The visible input of the widget whose key ends with ``tail`` (keys: w<gen>/<pointer>)."""
    return page.locator(f'[class*="-{tail}"]').locator("input:visible, textarea:visible").first


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_what_is_typed_survives_a_jump_from_the_sidebar(server, browser, size):
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(server.url + "/?lang=ar")
        page.locator(".st-key-start-blank button").click()
        page.wait_for_url(re.compile(r"step=\w+"), timeout=30_000)
        settle(page)
        goto_step(page, "commune")
        draft = re.search(r"draft=([\w-]+)", page.url).group(1)
        store = DraftStore(server.data / "drafts.sqlite3")
        before = store.latest(draft).number

        # a visit that types nothing saves nothing and starts no step
        goto_step(page, "adoption")
        goto_step(page, "commune")
        assert store.latest(draft).number == before
        assert "adoption" not in store.latest(draft).answers

        field(page, "commune-name-ar_rtl").fill("تيغمرت")
        field(page, "commune-region-fr_ltr").fill("Guelmim-Oued Noun")
        goto_step(page, "preamble")  # the sidebar, not the form's buttons
        goto_step(page, "commune")
        expect(field(page, "commune-name-ar_rtl")).to_have_value("تيغمرت", timeout=LOADED)
        expect(field(page, "commune-region-fr_ltr")).to_have_value(
            "Guelmim-Oued Noun", timeout=LOADED
        )
        saved = store.latest(draft).answers["commune"]
        assert saved["name"]["ar"] == "تيغمرت"  # saved, so a reload finds it too

        # to another page of the sidebar and back
        field(page, "commune-name-fr_ltr").fill("Tighmert")
        sidebar_click(page, "nav-review")
        page.locator(".st-key-dl-answers-review").wait_for()
        goto_step(page, "commune")
        expect(field(page, "commune-name-fr_ltr")).to_have_value("Tighmert", timeout=LOADED)

        # the interface language switched in the sidebar
        field(page, "commune-region-ar_rtl").fill("كلميم واد نون")
        if size == "phone":
            page.locator('[data-testid="stExpandSidebarButton"]').click()
        page.locator('[data-testid="stSidebar"]').get_by_text("Français").first.click()
        settle(page)
        expect(page.locator(".st-key-step-next button")).to_contain_text("Suivant", timeout=LOADED)
        expect(field(page, "commune-region-ar_rtl")).to_have_value("كلميم واد نون", timeout=LOADED)
        page.reload()
        page.locator(".st-key-step-next").wait_for(timeout=30_000)
        settle(page)
        expect(field(page, "commune-region-ar_rtl")).to_have_value("كلميم واد نون", timeout=LOADED)
    finally:
        page.close()


def test_items_added_but_not_submitted_survive_a_reload(server, browser):
    """Add (and what was typed before it) is no answer yet, but it is kept beside the draft:
    a reload of the page shows the same items, until the step is submitted."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(server.url + "/?lang=ar")
        page.locator(".st-key-start-blank button").click()
        page.wait_for_url(re.compile(r"step=\w+"), timeout=30_000)
        settle(page)
        goto_step(page, "actors")
        draft = re.search(r"draft=([\w-]+)", page.url).group(1)
        store = DraftStore(server.data / "drafts.sqlite3")
        before = store.latest(draft).number
        add = page.locator('[class*="-actors-add"] button')
        add.click()
        settle(page)
        field(page, "actors-0-responsibilities-ar_rtl").fill("تنسيق البرامج")
        add.click()  # submits what was typed with the new item
        settle(page)
        expect(page.locator('[class*="-actors-rm"] button')).to_have_count(2, timeout=LOADED)
        assert store.latest(draft).number == before  # no revision: not an answer yet
        assert "actors" not in store.latest(draft).answers

        page.reload()
        page.locator(".st-key-step-next").wait_for(timeout=30_000)
        settle(page)
        expect(page.locator('[class*="-actors-rm"] button')).to_have_count(2, timeout=LOADED)
        expect(field(page, "actors-0-responsibilities-ar_rtl")).to_have_value(
            "تنسيق البرامج", timeout=LOADED
        )

        page.locator(".st-key-step-save button").click()  # submitted: an answer now
        settle(page)
        assert store.latest(draft).answers["actors"][0]["responsibilities"]["ar"] == (
            "تنسيق البرامج"
        )
        assert store.pending(draft) == {}
    finally:
        page.close()
