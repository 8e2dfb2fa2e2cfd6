"""Two browser tabs on one draft (two Playwright contexts, two Streamlit sessions): the stale
tab's save is refused with a message naming the step saved elsewhere; its typed text stays;
"Keep my answers" saves its own steps over the newest revision without undoing the other tab's
step; "Reload the saved draft" shows what was saved elsewhere. No save is ever lost silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from appserver import AppServer, settle
from playwright.sync_api import expect

from charter.store import DraftStore

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = json.loads((ROOT / "examples" / "rural-ait-tamount.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = AppServer(tmp_path_factory.mktemp("data"))
    srv.start()
    yield srv
    srv.stop()


def field(page, tail: str):
    return page.locator(f'[class*="-{tail}"]').first.locator("input, textarea").first


def open_tab(browser, url: str):
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    page.goto(url)
    page.locator(".st-key-step-save button").wait_for(timeout=30_000)
    settle(page)
    return page


def save(page) -> None:
    page.locator(".st-key-step-save button").click()
    settle(page)


def test_two_tabs_no_lost_update(server, tmp_path, browser):
    store = DraftStore(server.data / "drafts.sqlite3")
    draft = store.create(EXAMPLE, note="example:rural-ait-tamount.json")
    a = open_tab(browser, f"{server.url}/wizard?lang=fr&draft={draft}&step=commune")
    b = open_tab(browser, f"{server.url}/wizard?lang=fr&draft={draft}&step=adoption")

    # tab A saves the commune step: revision 2
    field(a, "commune-region-fr_ltr").fill("Souss-Massa (A)")
    save(a)
    assert store.latest(draft).answers["commune"]["region"]["fr"] == "Souss-Massa (A)"
    assert a.locator(".st-key-conflict").count() == 0

    # tab B, still on revision 1, saves the adoption step: refused, named, text kept
    field(b, "adoption-version").fill("2.0-B")
    save(b)
    notice = b.locator(".st-key-conflict")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Non enregistré")
    expect(notice).to_contain_text("Identification de la commune")
    expect(field(b, "adoption-version")).to_have_value("2.0-B")
    assert store.latest(draft).number == 2
    assert store.latest(draft).answers["adoption"] == EXAMPLE["adoption"]
    b.screenshot(path=str(tmp_path / "conflict-fr.png"), full_page=False)

    # B keeps its answers: its adoption step over revision 2, A's commune step kept
    b.locator(".st-key-conflict-keep button").click()
    settle(b)
    expect(b.locator(".st-key-conflict")).to_have_count(0)
    latest = store.latest(draft)
    assert latest.number == 3
    assert latest.answers["adoption"]["version"] == "2.0-B"
    assert latest.answers["commune"]["region"]["fr"] == "Souss-Massa (A)"

    # A (now stale) types again and saves: refused; A reloads and sees B's step
    field(a, "commune-region-fr_ltr").fill("typed in A, then dropped")
    save(a)
    expect(a.locator(".st-key-conflict")).to_contain_text("Élaboration et adoption")
    a.locator(".st-key-conflict-reload button").click()
    settle(a)
    expect(a.locator(".st-key-conflict")).to_have_count(0)
    expect(field(a, "commune-region-fr_ltr")).to_have_value("Souss-Massa (A)")
    assert store.latest(draft).number == 3
    # and A's next save goes through, on revision 3
    field(a, "commune-region-fr_ltr").fill("Souss-Massa")
    save(a)
    assert store.latest(draft).number == 4
    assert store.latest(draft).answers["adoption"]["version"] == "2.0-B"
