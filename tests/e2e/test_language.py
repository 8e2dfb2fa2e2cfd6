"""No English in the Arabic (or French) interface: every step of the wizard, the review and the
start page are read as a user sees them (visible text and the values in the fields) and must
hold no Latin word in Arabic, no English word in French, but the answers' own words, the
draft's id, and the names of languages and file formats."""

from __future__ import annotations

import re

import pytest
from appserver import settle
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
