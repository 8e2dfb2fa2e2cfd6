"""Screenshots of every page and step of the wizard, in Arabic and French, to look at.

    .venv/bin/python tests/e2e/screenshots.py [OUT_DIR]   (default: tests/output/screenshots)

Starts the app on a free port with a temporary data folder, opens the largest example and
saves <lang>-start.png, <lang>-NN-<step>.png and <lang>-review.png. Not a test: a person looks.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from appserver import ROOT, AppServer, launch, settle
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(ROOT))


def shoot(out: Path) -> list[Path]:
    import charter

    steps = charter.steps()
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        server = AppServer(Path(tmp) / "data")
        server.start()
        browser = launch(p)
        try:
            for lang in ("ar", "fr"):
                page = browser.new_page(viewport={"width": 1400, "height": 2400})
                page.goto(f"{server.url}/?lang={lang}")
                page.locator(".st-key-start-blank button").wait_for(timeout=30_000)
                settle(page)
                made.append(out / f"{lang}-start.png")
                page.screenshot(path=made[-1])
                page.get_by_role("tab").nth(1).click()
                settle(page)
                examples = page.locator(".st-key-start-example")
                examples.get_by_role("combobox").click()
                page.get_by_role("option").filter(has_text="arrondissements").first.click()
                page.locator(".st-key-start-example-open button").click()
                page.locator(".st-key-step-next").wait_for(timeout=30_000)
                for i, step in enumerate(steps, 1):
                    page.locator(f".st-key-nav-step-{step} button").first.click()
                    settle(page)
                    made.append(out / f"{lang}-{i:02}-{step}.png")
                    page.screenshot(path=made[-1])
                page.locator(".st-key-nav-review button").first.click()
                settle(page)
                made.append(out / f"{lang}-review.png")
                page.screenshot(path=made[-1])
                page.close()
        finally:
            browser.close()
            server.stop()
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "output" / "screenshots"
    for path in shoot(target):
        print(path)
