"""Screenshots of trainer mode per level, to look at: for each level (commune, province,
region) and language (ar, fr), the trainer page with the level picked, the sample's
identification step and the review, as a phone (390 px) and a desktop (1366 px) show them.

    .venv/bin/python tests/e2e/training_screenshots.py [OUT_DIR]   (default: tests/output/training)

Not a test: a person looks (``test_training_levels.py`` walks one level per language and size).
"""

from __future__ import annotations

from pathlib import Path

from appserver import settle
from screenshots import app_and_browser, full_height, main
from walk import both_sizes, goto_step, sidebar_click

SAMPLES = {
    "commune": "rural-ait-tamount.json",
    "province": "province-azilal.json",
    "region": "region-draa-tafilalet.json",
}
WORDS = {  # the level's words on the trainer's radio (the schema's)
    "ar": {"commune": "جماعة", "province": "عمالة أو إقليم", "region": "جهة"},
    "fr": {"commune": "commune", "province": "préfecture ou province", "region": "région"},
}


def shoot(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with app_and_browser() as (server, browser):
        for lang in ("ar", "fr"):
            for level, sample in SAMPLES.items():
                page = browser.new_page(viewport={"width": 390, "height": 844})
                page.goto(f"{server.url}/?lang={lang}")
                page.locator(".st-key-start-blank button").wait_for(timeout=30_000)
                settle(page)
                sidebar_click(page, "nav-training")
                radio = page.locator(".st-key-training-level")
                radio.get_by_text(WORDS[lang][level], exact=True).click()
                settle(page)
                for size in both_sizes(page):
                    made.append(full_height(page, out / f"{lang}-{size}-{level}-trainer.png"))
                page.locator(f".st-key-training-open-{sample.replace('.', '-')} button").click()
                settle(page)
                goto_step(page, level)
                for size in both_sizes(page):
                    made.append(full_height(page, out / f"{lang}-{size}-{level}-step.png"))
                sidebar_click(page, "nav-review")
                settle(page)
                for size in both_sizes(page):
                    made.append(full_height(page, out / f"{lang}-{size}-{level}-review.png"))
                page.close()
    return made


if __name__ == "__main__":
    main(shoot, "training")
