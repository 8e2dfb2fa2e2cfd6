"""A national service: two app instances on two ports over one PostgreSQL database. A draft
saved on one is opened on the other; an advisor's edit saved on one renders on the other. Each
instance has a data folder of its own, so nothing can pass through files."""

from __future__ import annotations

import re

import pytest
from appserver import AppServer, settle
from playwright.sync_api import expect

from charter.library import AdvisorsLibrary
from charter.store import DraftStore

PASSWORD = "two-instances-test"
MARKER = "Texte modifié sur la première instance"


@pytest.fixture(scope="module")
def database(postgres):
    return postgres.create_database("instances")


@pytest.fixture(scope="module")
def instances(database, tmp_path_factory):
    env = {"MITHAQ_DATABASE_URL": database, "MITHAQ_ADVISORS_PASSWORD": PASSWORD}
    servers = [AppServer(tmp_path_factory.mktemp(f"data{i}"), env=env) for i in (1, 2)]
    for server in servers:
        server.start()
    yield servers
    for server in servers:
        server.stop()


def test_a_draft_saved_on_one_instance_opens_on_the_other(instances, browser, database):
    first, second = instances
    page = browser.new_page()
    page.goto(first.url + "/?lang=fr")
    page.locator(".st-key-start-blank button").wait_for(timeout=30_000)
    page.get_by_role("tab").nth(1).click()
    settle(page)
    page.locator(".st-key-start-example-open button").click()
    page.wait_for_url(re.compile(r"draft="), timeout=30_000)
    settle(page)
    draft = re.search(r"draft=([\w-]+)", page.url).group(1)
    answers = DraftStore(database).latest(draft).answers  # saved in the shared database
    name = answers["commune"]["name"]["fr"]
    page.close()

    other = browser.new_page()
    other.goto(f"{second.url}/wizard?lang=fr&draft={draft}&step=commune")
    other.wait_for_function(
        "name => [...document.querySelectorAll('input')].some(e => e.value === name)",
        arg=name,
        timeout=30_000,
    )
    assert not (second.data / "drafts.sqlite3").exists()
    other.close()


def test_an_advisors_edit_saved_on_one_instance_renders_on_the_other(instances, browser, database):
    first, second = instances
    page = browser.new_page()
    login(page, first.url)
    cid = chosen_article(page)
    page.locator(".st-key-advisors-author input").fill("Me Amina Alaoui")
    page.locator(".st-key-advisors-author input").press("Enter")
    settle(page)
    text_fr = page.locator("textarea").nth(1)
    text_fr.fill(MARKER)
    text_fr.blur()  # a text area sends its value when it loses the focus
    settle(page)
    page.locator(".st-key-advisors-save button").click()
    settle(page)
    expect(page.get_by_text("version 1", exact=False).first).to_be_visible()
    [edited] = AdvisorsLibrary(database).edited()
    page.close()

    other = browser.new_page()
    login(other, second.url)
    assert chosen_article(other).replace(" ✎", "") == cid
    # the preview: ui.frames' outer document, holding the article in a sandboxed inner frame
    frame = other.frame_locator("iframe").first.frame_locator("iframe").first
    expect(frame.get_by_text(MARKER)).to_be_visible(timeout=30_000)
    assert edited in cid
    other.close()


def chosen_article(page) -> str:
    """The article the editor shows: "Title (clause id)"."""
    return page.locator(".st-key-advisors-clause input").input_value().strip()


def login(page, url: str) -> None:
    page.goto(url + "/advisors?lang=fr")
    page.locator(".st-key-advisors-password input").fill(PASSWORD)
    page.locator(".st-key-advisors-password input").press("Enter")  # submits the form
    settle(page)
    page.locator(".st-key-advisors-clause").wait_for(timeout=30_000)
