"""Walking the wizard in a browser, shared by the browser tests and the screenshot script: the
two sizes a commune official uses, opening an example, moving to a step the way a user does
(on a phone: open the menu, pick the step), and measuring the layout."""

from __future__ import annotations

import json
import re

from appserver import ROOT, settle
from playwright.sync_api import TimeoutError as PlaywrightTimeout

SIZES = {"phone": (390, 844), "desktop": (1366, 900)}
PHONE_MAX = 768  # Streamlit's breakpoint: below it the sidebar overlays the page

# What a layout check needs, measured in the page: overflow, the form's width, and whatever of
# a closed sidebar is still on the screen.
MEASURE = """() => {
  const vw = window.innerWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const block = document.querySelector('[data-testid="stMainBlockContainer"]');
  const bar = document.querySelector('[data-testid="stSidebar"]');
  const closed = bar ? bar.dataset.collapsed === "true" : true;
  const rect = (el) => el.getBoundingClientRect();
  const name = (el) => (el.dataset.testid || el.tagName) + " " + (el.innerText || "").slice(0, 40);
  const outside = [];
  for (const el of main.querySelectorAll("*")) {
    const r = rect(el);
    if (r.width === 0 || r.height === 0) continue;
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    if (el.closest("details:not([open])") && !el.closest("summary")) continue;
    if (el.closest('[data-testid="stDataFrame"], pre, [data-testid="stJson"]')) continue;
    if (r.right > vw + 1 || r.left < -1) outside.push(name(el));
  }
  const leaking = [];
  if (bar && closed) {
    for (const el of bar.querySelectorAll("p, label, button, input")) {
      const r = rect(el);
      if (r.width > 0 && r.height > 0 && r.right > 0 && r.left < vw) leaking.push(name(el));
    }
  }
  // a button whose label is cut (an ellipsis, or text wider than its box)
  const cut = [];
  for (const button of main.querySelectorAll("button")) {
    if (!button.checkVisibility()) continue;
    for (const el of [button, ...button.querySelectorAll("p, span, div")]) {
      if (el.closest('[data-testid="stIconMaterial"]')) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
        cut.push(name(button));
        break;
      }
    }
  }
  const form = document.querySelector('[data-testid="stForm"]');
  return {
    viewport: vw,
    scroll_width: document.documentElement.scrollWidth,
    main_scroll_width: main.scrollWidth,
    main_width: main.clientWidth,
    block_width: rect(block).width,
    form_width: form ? rect(form).width : null,
    sidebar_closed: closed,
    sidebar_right: bar ? rect(bar).right : 0,
    block_left: rect(block).left,
    outside: outside.slice(0, 10),
    leaking: leaking.slice(0, 10),
    cut: cut.slice(0, 10),
    html_lang: document.documentElement.lang,
    html_dir: document.documentElement.dir,
    main_dir: getComputedStyle(block).direction,
  };
}"""


def largest_example() -> dict:
    path = max((ROOT / "examples").glob("*.json"), key=lambda p: p.stat().st_size)
    return json.loads(path.read_text(encoding="utf-8"))


def open_example(browser, url: str, lang: str, size: str, answers: dict | None = None):
    """A new page at ``size`` on an example (the largest by default), at step 1."""
    contains = (answers or largest_example())["commune"]["name"][lang]
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    page.goto(f"{url}/?lang={lang}")
    page.locator(".st-key-start-blank button").wait_for(timeout=30_000)
    settle(page)
    page.get_by_role("tab").nth(1).click()
    settle(page)
    box = page.locator(".st-key-start-example").get_by_role("combobox")
    option = page.get_by_role("option").filter(has_text=contains).first
    for _ in range(5):  # the list sometimes closes again while the page settles: reopen it
        box.click()
        try:
            option.wait_for(timeout=3_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    option.click()
    page.locator(".st-key-start-example-open button").click()
    page.locator(".st-key-step-next").wait_for(timeout=30_000)
    settle(page)
    return page


def is_phone(page) -> bool:
    return page.viewport_size["width"] <= PHONE_MAX


def sidebar_click(page, key: str) -> None:
    """Press a sidebar button (``st-key-…`` class) as a user does: on a phone, open the menu
    first."""
    if is_phone(page):
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        page.locator('[data-testid="stSidebar"][data-collapsed="false"]').wait_for()
    page.locator(f".st-key-{key} button:visible").first.click()
    settle(page)


def goto_step(page, step: str) -> None:
    sidebar_click(page, f"nav-step-{step}")
    page.wait_for_url(re.compile(rf"[?&]step={step}(&|$)"), timeout=15_000)
    settle(page)


def measure(page) -> dict:
    return page.evaluate(MEASURE)


def resize(page, size: str) -> None:
    """Turn the page to ``size``, with the menu closed on a phone and open on a desktop (as
    each kind of user first sees it)."""
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.mouse.move(width // 2, height - 2)  # no tooltip left over a button
    page.wait_for_timeout(100)
    bar = page.locator('[data-testid="stSidebar"]')
    want = "true" if width <= PHONE_MAX else "false"
    if bar.get_attribute("data-collapsed") != want:
        if want == "false":
            page.locator('[data-testid="stExpandSidebarButton"]').click()
        else:
            bar.locator('[data-testid="stSidebarCollapseButton"] button').click(force=True)
    page.locator(f'[data-testid="stSidebar"][data-collapsed="{want}"]').wait_for(state="attached")
    page.wait_for_timeout(350)  # the sidebar slides for 300 ms


def both_sizes(page):
    """Yield ``"phone"`` then ``"desktop"`` with the page at that size, and leave it a phone."""
    resize(page, "phone")
    yield "phone"
    resize(page, "desktop")
    yield "desktop"
    resize(page, "phone")
