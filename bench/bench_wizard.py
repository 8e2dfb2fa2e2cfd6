"""The wizard's budgets (issues 4 and 11): one step submit, server side, for the largest example
(target: median ≤ 100 ms), and the time from the server's start to the first page drawn in a
browser (target ≤ 3 s).

Step submit is measured two ways:
- the pipeline a submit runs: findings (validation), the autosave (a SQLite revision) and the
  preview (render_html), on answers that change at every iteration so no cache helps;
- the whole Streamlit rerun of a "Save" click on the largest step, through AppTest (it adds
  AppTest's own overhead, so it is an upper bound of the server's work).
"""

from __future__ import annotations

import copy
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui"), str(ROOT / "tests" / "e2e")]

RUNS = 30


def largest() -> dict:
    path = max((ROOT / "examples").glob("*.json"), key=lambda p: p.stat().st_size)
    return json.loads(path.read_text(encoding="utf-8"))


def ms(values: list[float]) -> str:
    q = statistics.quantiles(values, n=10)
    return f"median {statistics.median(values) * 1000:.1f} ms, p90 {q[-1] * 1000:.1f} ms"


def bench_pipeline(answers: dict, data: Path) -> None:
    from charter.store import DraftStore
    from ui import backend

    store = DraftStore(data / "drafts.sqlite3")
    draft = store.create(answers)
    backend.render_html(answers, "ar")  # templates and fonts loaded once per process
    parts: dict[str, list[float]] = {"findings": [], "save": [], "preview": [], "total": []}
    for i in range(RUNS):
        a = copy.deepcopy(answers)
        a["commune"]["population"]["note"] = f"révision {i}"  # a new state every time
        t0 = time.perf_counter()
        backend.findings(a, "ar")
        t1 = time.perf_counter()
        store.save(draft, a, base=i + 1, step="commune")
        t2 = time.perf_counter()
        backend.render_html(a, "ar")
        t3 = time.perf_counter()
        for name, v in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
            parts[name].append(v)
    for name, values in parts.items():
        print(f"submit pipeline, {name:8}: {ms(values)}")


def bench_apptest(answers: dict) -> None:
    from streamlit.testing.v1 import AppTest

    from ui import backend

    step = max(backend.sections(), key=lambda s: len(json.dumps(answers.get(s, ""))))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "ar"
    at.run()
    at.file_uploader(key="start.upload").upload(
        "a.json", backend.answers_file(answers), "application/json"
    ).run()
    at.button(key="start.upload.open").click().run()
    at.button(key=f"nav.step.{step}").click().run()
    at.button(key="step.save").click().run()  # warm
    times = []
    for i in range(RUNS // 3):
        gen = at.session_state["mithaq.gen"]
        fields = [*at.text_input, *at.text_area]
        widget = next(w for w in fields if w.key and w.key.startswith(f"w{gen}/"))
        widget.set_value(f"{widget.value or ''} {i}")
        t0 = time.perf_counter()
        at.button(key="step.save").click().run()
        times.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
    fields = len(at.text_input) + len(at.text_area)
    print(f"submit, whole rerun via AppTest ({step}, {fields} text fields): {ms(times)}")


def bench_startup(data: Path) -> None:
    from appserver import AppServer, launch, settle
    from playwright.sync_api import sync_playwright

    healthy, drawn = [], []
    with sync_playwright() as p:
        browser = launch(p)
        for _ in range(3):
            server = AppServer(data)
            t0 = time.perf_counter()
            healthy.append(server.start())
            page = browser.new_page()
            page.goto(server.url + "/?lang=ar")
            page.locator(".st-key-start-blank button").wait_for(timeout=30_000)
            drawn.append(time.perf_counter() - t0)
            settle(page)
            page.close()
            server.stop()
        browser.close()
    print(f"server start → healthy: median {statistics.median(healthy):.2f} s")
    print(f"server start → first page drawn: median {statistics.median(drawn):.2f} s")


def bench_questionnaire(data: Path) -> None:
    """The trainer's printable questionnaire (target: ≤ 2 s once printed for this version):
    printed by WeasyPrint the first time, then read back from the data folder's cache."""
    from charter import questionnaire

    for lang in ("ar", "fr"):
        t0 = time.perf_counter()
        questionnaire.cached_pdf(lang, folder=data / "cache")
        cold = time.perf_counter() - t0
        warm = []
        for _ in range(5):
            t0 = time.perf_counter()
            questionnaire.cached_pdf(lang, folder=data / "cache")
            warm.append(time.perf_counter() - t0)
        print(
            f"questionnaire {lang}: printed {cold:.2f} s, from the cache "
            f"median {statistics.median(warm):.2f} s ({cold / statistics.median(warm):.0f}x)"
        )


def main() -> None:
    answers = largest()
    with tempfile.TemporaryDirectory() as tmp:
        import os

        os.environ["MITHAQ_DATA"] = str(Path(tmp) / "data")
        bench_questionnaire(Path(tmp))
        bench_pipeline(answers, Path(tmp))
        bench_apptest(answers)
        bench_startup(Path(tmp) / "data")


if __name__ == "__main__":
    main()
