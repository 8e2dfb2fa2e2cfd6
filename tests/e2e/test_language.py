"""No English in the Arabic (or French) interface: every step of the wizard, the review and the
start page are read as a user sees them (visible text and the values in the fields) and must
hold no Latin word in Arabic, no English word in French, but the answers' own words, the
draft's id, and the names of languages and file formats."""

from __future__ import annotations

import re

import pytest
from appserver import settle
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from walk import goto_step, largest_example, open_example, sidebar_click

import charter
from ui import i18n

# What the page shows, as a user reads it: visible text (Material icons' ligature names left
# out: they are drawn as icons) and what the fields hold.
VISIBLE_TEXT = """() => {
  const out = [];
  for (const root of document.querySelectorAll(
      '[data-testid="stMain"], [data-testid="stSidebarUserContent"]')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('[data-testid="stIconMaterial"], [translate="no"], style, script')) {
        continue;  // icons are drawn from their ligature names
      }
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      if (getComputedStyle(el).fontSize === "0px") continue;  // replaced by the stylesheet
      out.push(node.textContent);
    }
    for (const field of root.querySelectorAll("input, textarea")) {
      if (field.checkVisibility()) out.push(field.value || field.placeholder || "");
    }
  }
  return out.join("\\n");
}"""

# file formats and names: the app's, and a platform the schema cites as an example
NAMES = {"JSON", "PDF", "Word", "DOCX", "CSV", "XLSX", "Mithaq", "Decidim"}
# Words Streamlit or a careless string would show in English on a French page.
ENGLISH = {
    "the", "and", "of", "to", "Upload", "Browse", "files", "file", "Drag", "drop", "No",
    "results", "Choose", "option", "options", "per", "Limit", "Press", "Enter", "apply",
    "Running", "Stop", "Deploy", "Sunday", "Monday", "January", "September", "Clear", "Select",
    "all", "Save", "Next", "Back", "Review", "Download", "Steps", "Draft", "step", "yes",
}  # fmt: skip


def words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]", text))


def answer_words(value) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(answer_words(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(answer_words(v) for v in value)) if value else set()
    return words(str(value)) | words(str(value).replace("-", " "))


def strangers(text: str, lang: str, allowed: set[str]) -> set[str]:
    text = re.sub(r"\d+ ?bis\b", "", text)  # article numbers: "128 bis"
    found = words(text) | words(text.replace("-", " "))
    if lang == "ar":
        return {w for w in found if w not in allowed}
    return {w for w in found if w in ENGLISH and w not in allowed}


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_no_foreign_words_on_any_step(server, browser, lang):
    answers = largest_example()
    allowed = answer_words(answers) | NAMES | words(" ".join(i18n.NATIVE_NAMES.values()))
    page = open_example(browser, server.url, lang, "desktop", answers)
    allowed |= words(re.search(r"draft=([\w-]+)", page.url).group(1).replace("-", " "))
    failures = {}
    try:
        for step in charter.steps():
            goto_step(page, step)
            if found := strangers(page.evaluate(VISIBLE_TEXT), lang, allowed):
                failures[step] = sorted(found)
        sidebar_click(page, "nav-review")
        page.locator(".st-key-dl-answers-review").wait_for()
        if found := strangers(page.evaluate(VISIBLE_TEXT), lang, allowed):
            failures["review"] = sorted(found)
        page.goto(f"{server.url}/?lang={lang}")
        page.locator(".st-key-start-blank button").wait_for(timeout=30_000)
        settle(page)
        for tab in range(page.get_by_role("tab").count()):  # every way to start
            page.get_by_role("tab").nth(tab).click()
            settle(page)
            if found := strangers(page.evaluate(VISIBLE_TEXT), lang, allowed):
                failures[f"start, tab {tab + 1}"] = sorted(found)
    finally:
        page.close()
    assert failures == {}


# Streamlit's own words in its widgets (ui/widget_words.py): every text node, and what a screen
# reader says (aria-label, title), of the elements matched; icons left out (drawn from their
# ligature names).
WIDGET_WORDS = """(selector) => {
  const out = [];
  for (const root of document.querySelectorAll(selector)) {
    for (const el of [root, ...root.querySelectorAll("*")]) {
      if (el.closest('[data-testid="stIconMaterial"]')) continue;
      for (const node of el.childNodes) if (node.nodeType === 3) out.push(node.textContent);
      for (const name of ["aria-label", "title"]) out.push(el.getAttribute(name) || "");
    }
  }
  return out.join("\\n");
}"""
DROPDOWN = '[data-testid="stSelectboxVirtualDropdown"]'
UPLOAD = ".st-key-start-upload"


def open_dropdown(page, box) -> None:
    for _ in range(5):  # the list sometimes closes again while the page settles: reopen it
        box.click()
        try:
            page.locator(f'{DROPDOWN} [role="option"]').first.wait_for(timeout=3_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError("the dropdown list does not open")


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_streamlit_widgets_speak_the_page_language(server, browser, lang):
    """A filter that matches nothing, a file chosen, a file over the box's limit: what
    Streamlit writes there is in the page's language, and an Arabic list reads right to left."""
    _ = i18n.gettext_for(lang)
    name = "charte-commune.json"
    allowed = NAMES | words(name) | words(name.replace("-", " "))
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    failures = {}
    try:
        page.goto(f"{server.url}/?lang={lang}")
        page.locator(".st-key-start-blank button").wait_for(timeout=30_000)
        settle(page)
        page.get_by_role("tab").nth(1).click()
        settle(page)
        box = page.locator(".st-key-start-example").get_by_role("combobox")
        open_dropdown(page, box)
        lists = page.evaluate(
            """(sel) => [...document.querySelectorAll(sel + ' [role="option"]')].map((o) => {
                 const text = o.querySelector("span, div") || o, range = document.createRange();
                 range.selectNodeContents(text);
                 const r = range.getBoundingClientRect(), box = o.getBoundingClientRect();
                 return { dir: getComputedStyle(o).direction,
                          left: r.left - box.left, right: box.right - r.right };
               })""",
            DROPDOWN,
        )
        assert lists, "no option in the list"
        for option in lists:  # the text starts on the side the language reads from
            assert option["dir"] == i18n.direction(lang), option
            near, far = (option["right"], option["left"]) if lang == "ar" else (
                option["left"], option["right"])  # fmt: skip
            assert near < far, option
        box.fill("ققق" if lang == "ar" else "zzqq")  # matches no commune
        page.locator(f'{DROPDOWN} [data-empty="true"]').wait_for()
        page.wait_for_timeout(300)
        text = page.evaluate(WIDGET_WORDS, DROPDOWN)
        assert _("No results") in text
        if found := strangers(text, lang, allowed):
            failures["dropdown, nothing matches"] = sorted(found)
        page.keyboard.press("Escape")

        page.get_by_role("tab").nth(2).click()
        settle(page)
        chooser = page.locator(f"{UPLOAD} input[type=file]")
        small = {"name": name, "mimeType": "application/json", "buffer": b"{}" + b" " * 1500}
        chooser.set_input_files(small)
        page.locator(f'{UPLOAD} [data-testid="stFileChip"]').wait_for()
        settle(page)
        text = page.evaluate(WIDGET_WORDS, UPLOAD)
        assert _("{size} KB").replace("{size}", "").strip() in text, text
        if found := strangers(text, lang, allowed):
            failures["file chosen"] = sorted(found)
        page.locator(f'{UPLOAD} [data-testid="stFileChipDeleteBtn"] button').click()
        settle(page)
        big = {**small, "buffer": b"{}" + b" " * 1_300_000}  # the box takes 1 MB at most
        chooser.set_input_files(big)
        alert = page.locator(f'{UPLOAD} [data-testid="stFileChip"] [role="alert"]')
        alert.wait_for()
        page.mouse.move(0, 0)
        page.locator(f'{UPLOAD} [data-testid="stFileChip"]').hover()
        page.locator('[data-testid="stTooltipErrorContent"]').wait_for()
        page.wait_for_timeout(300)
        message = _("This file is over {0}: choose a smaller one.").split("{0}")[0]
        assert alert.is_visible() and message in alert.inner_text()  # seen on a phone too
        text = page.evaluate(WIDGET_WORDS, f'{UPLOAD}, [data-testid="stTooltipErrorContent"]')
        if found := strangers(text, lang, allowed):
            failures["file over the limit"] = sorted(found)
    finally:
        page.close()
    assert failures == {}
