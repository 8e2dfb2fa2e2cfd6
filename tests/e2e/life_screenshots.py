"""Screenshots of the charter's life after adoption, to look at: the trainer opens the
arrondissement sample (two adopted versions, two years of values), then the Adopted versions
page (with the comparison), the Monitoring page, the Drafts and history page and the Trainer
page, in Arabic and French, phone and desktop; a button whose label is cut is printed.

    .venv/bin/python tests/e2e/life_screenshots.py [OUT_DIR [ar,fr]]   (default: tests/output/life)

Not a test: a person looks.
"""

from __future__ import annotations

import sys
from pathlib import Path

from appserver import ROOT, settle
from screenshots import app_and_browser, full_height
from walk import SIZES, both_sizes, measure, sidebar_click

SAMPLE = "arrondissements-madinat-assahil-json"


def shoot(out: Path, langs: tuple[str, ...] = ("fr", "ar")) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with app_and_browser() as (server, browser):
        width, height = SIZES["desktop"]
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{server.url}/?lang={langs[0]}")
        page.locator(".st-key-nav-training button").wait_for(timeout=30_000)
        settle(page)
        sidebar_click(page, "nav-training")
        page.locator(f".st-key-training-open-{SAMPLE} button").click()
        settle(page)
        sidebar_click(page, "nav-versions")
        # the two adoptions run beside the page: it redraws itself when they are recorded
        page.locator(".st-key-versions-old").wait_for(timeout=600_000)
        settle(page, timeout=120_000)
        for lang in langs:
            if lang != langs[0]:
                names = {"ar": "العربية", "fr": "Français"}
                bar = page.locator('[data-testid="stSidebar"]')
                bar.get_by_text(names[lang], exact=True).first.click()
                settle(page, timeout=120_000)
            for name in ("versions", "monitoring", "history", "training"):
                sidebar_click(page, f"nav-{name}")
                settle(page, timeout=120_000)
                for size in both_sizes(page):
                    if cut := measure(page)["cut"]:
                        print(f"{lang} {size} {name}: a button's label is cut: {cut}")
                    made.append(full_height(page, out / f"{lang}-{size}-{name}.png"))
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_timeout(300)
    return made


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "output" / "life"
    langs = tuple(sys.argv[2].split(",")) if len(sys.argv) > 2 else ("fr", "ar")
    for path in shoot(target, langs):
        print(path)
