"""Screenshots of every page and step of the wizard, in Arabic and French, as a phone (390 px)
and a desktop (1366 px) show them, to look at.

    .venv/bin/python tests/e2e/screenshots.py [OUT_DIR]   (default: tests/output/screenshots)

Starts the app on a free port with a temporary data folder, opens the largest example and
saves <lang>-<size>-start.png, <lang>-<size>-NN-<step>.png and <lang>-<size>-review.png, each
the whole height of the page. Not a test: a person looks.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from appserver import ROOT, AppServer, launch, settle
from playwright.sync_api import sync_playwright
from walk import SIZES, both_sizes, goto_step, open_example, sidebar_click

sys.path.insert(0, str(ROOT))


def full_height(page, path: Path) -> Path:
    """The page from top to bottom: the viewport grows to the content's height for the shot."""
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    tall = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(height, min(tall, 16_000))})
    page.wait_for_timeout(300)
    page.screenshot(path=path)
    page.set_viewport_size({"width": width, "height": height})
    return path


@contextmanager
def app_and_browser() -> Iterator[tuple[AppServer, object]]:
    """The app on a free port with a temporary data folder, and a browser; both stopped after."""
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        server = AppServer(Path(tmp) / "data")
        server.start()
        browser = launch(p)
        try:
            yield server, browser
        finally:
            browser.close()
            server.stop()


def main(shoot: Callable[[Path], list[Path]], default: str) -> None:
    """Run a screenshot script: ``shoot(OUT_DIR)`` (argv[1], else tests/output/<default>), then
    print the files made."""
    sys.path.insert(0, str(ROOT))
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "output" / default
    for path in shoot(target):
        print(path)


def shoot(out: Path) -> list[Path]:
    import charter

    out.mkdir(parents=True, exist_ok=True)
    made = []
    with app_and_browser() as (server, browser):
        for lang in ("ar", "fr"):
            page = open_example(browser, server.url, lang, "phone")
            for i, step in enumerate(charter.steps(), 1):
                goto_step(page, step)
                for size in both_sizes(page):
                    made.append(full_height(page, out / f"{lang}-{size}-{i:02}-{step}.png"))
            sidebar_click(page, "nav-review")
            for size in both_sizes(page):
                made.append(full_height(page, out / f"{lang}-{size}-review.png"))
            page.close()
            for size in SIZES:
                width, height = SIZES[size]
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(f"{server.url}/?lang={lang}")
                page.locator(".st-key-start-blank button").wait_for(timeout=30_000)
                settle(page)
                made.append(full_height(page, out / f"{lang}-{size}-start.png"))
                page.close()
    return made


if __name__ == "__main__":
    main(shoot, "screenshots")
