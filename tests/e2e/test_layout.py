"""The layout on a phone (390×844) and a desktop (1366×900), in Arabic and French, on every step
of the wizard and on the start and review pages: nothing wider than the screen, the form the
width of the phone with the menu closed, nothing of a closed menu left on the page, the menu
closing once a step is picked in it, no button whose label is cut, and the document's ``lang``
and ``dir``."""

from __future__ import annotations

import pytest
from appserver import settle
from walk import both_sizes, goto_step, measure, open_example, sidebar_click

import charter


def problems(m: dict, lang: str, phone: bool) -> list[str]:
    found = []
    if m["scroll_width"] > m["viewport"] or m["main_scroll_width"] > m["main_width"]:
        found.append(f"wider than the screen ({m['scroll_width']} px, {m['main_scroll_width']} px)")
    if m["outside"]:
        found.append(f"off the screen: {m['outside']}")
    if m["cut"]:
        found.append(f"a button's label is cut: {m['cut']}")
    if m["leaking"]:
        found.append(f"the closed menu shows: {m['leaking']}")
    direction = "rtl" if lang == "ar" else "ltr"
    if (m["html_lang"], m["html_dir"], m["main_dir"]) != (lang, direction, direction):
        found.append(f"lang/dir {m['html_lang']}/{m['html_dir']}/{m['main_dir']}")
    if phone:
        if not m["sidebar_closed"]:
            found.append("the menu stayed open after a choice")
        if m["form_width"] is not None and m["form_width"] < 0.9 * m["viewport"]:
            found.append(f"form {m['form_width']:.0f} px wide")
        if m["block_width"] < 0.9 * m["viewport"]:
            found.append(f"page {m['block_width']:.0f} px wide")
    else:
        if m["sidebar_closed"]:
            found.append("no menu on the desktop")
        if m["block_left"] < m["sidebar_right"] - 1:
            found.append("the menu covers the page")
        if m["form_width"] is not None and m["form_width"] < 0.4 * (
            m["viewport"] - m["sidebar_right"]
        ):
            found.append(f"form {m['form_width']:.0f} px wide")
    return found


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_step_fits_the_screen(server, browser, lang):
    """One page per language, moved through the steps from the phone's menu; each step is
    measured as a phone, then as a desktop with the menu open."""
    page = open_example(browser, server.url, lang, "phone")
    failures = {}

    def check(where: str) -> None:
        for size in both_sizes(page):
            if found := problems(measure(page), lang, phone=size == "phone"):
                failures[f"{where} ({size})"] = found

    try:
        check("step 1")
        for step in charter.steps():
            goto_step(page, step)  # on the phone: open the menu, pick the step
            check(step)
        sidebar_click(page, "nav-review")
        page.locator(".st-key-dl-answers-review").wait_for()
        check("review")
        page.goto(f"{server.url}/?lang={lang}")
        page.locator(".st-key-start-blank button").wait_for(timeout=30_000)
        settle(page)
        check("start")
    finally:
        page.close()
    assert failures == {}
