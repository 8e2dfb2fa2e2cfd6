"""The wizard's budgets (issues 4 and 11), each printed against its target:

- the first page drawn in a browser, from the server's start: ≤ 3 s;
- the trainer's printable questionnaire: ≤ 2 s (once printed for this version);
- any step action, server side: ≤ 0.5 s — Add, Remove, Save and Next on the largest step that
  has a repeatable group, and each choice of the census picker (region, province, commune,
  then "Fill in"), each a whole Streamlit rerun through AppTest (which adds its own overhead:
  an upper bound of the server's work);
- the submit pipeline (findings, autosave, preview) on its own: median ≤ 100 ms.

Figures on a shared machine are noisy: the load average is printed with them.

Step submit is measured two ways:
- the pipeline a submit runs: findings (validation), the autosave (a SQLite revision) and the
  preview (render_html), on answers that change at every iteration so no cache helps;
- the whole Streamlit rerun of a "Save" click on the largest step, through AppTest (it adds
  AppTest's own overhead, so it is an upper bound of the server's work).
"""

from __future__ import annotations

import copy
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui"), str(ROOT / "tests" / "e2e")]

RUNS = 30
TARGETS = {"first page": 3.0, "questionnaire": 2.0, "action": 0.5, "pipeline": 0.1}  # seconds


def verdict(seconds: float, target: float) -> str:
    return f"target ≤ {target:g} s: {'within' if seconds <= target else 'OVER'}"


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min), {os.cpu_count()} cores"


def largest() -> dict:
    path = max((ROOT / "examples").glob("*.json"), key=lambda p: p.stat().st_size)
    return json.loads(path.read_text(encoding="utf-8"))


def ms(values: list[float]) -> str:
    q = statistics.quantiles(values, n=10, method="inclusive")
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
    total = statistics.median(parts["total"])
    print(f"submit pipeline: median {total * 1000:.0f} ms, {verdict(total, TARGETS['pipeline'])}")


def _opened(answers: dict):
    """An AppTest session on the answers, opened from an answers file, in Arabic."""
    from streamlit.testing.v1 import AppTest

    from ui import backend

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "ar"
    at.run()
    at.file_uploader(key="start.upload").upload(
        "a.json", backend.answers_file(answers), "application/json"
    ).run()
    at.button(key="start.upload.open").click().run()
    return at


def _timed(at, press) -> tuple[float, float]:
    """Wall time and CPU time of one rerun. AppTest runs the script in a thread of this
    process, so the process's CPU time is the server's work whatever else loads the machine."""
    t0, c0 = time.perf_counter(), time.process_time()
    press().run()
    spent = time.perf_counter() - t0, time.process_time() - c0
    assert not at.exception, at.exception
    return spent


def _action(name: str, times: list[tuple[float, float]]) -> None:
    wall, cpu = [t[0] for t in times], [t[1] for t in times]
    target = TARGETS["action"]
    print(f"{name}: wall {ms(wall)}, {verdict(statistics.median(wall), target)}; "
          f"CPU {ms(cpu)}, {verdict(statistics.median(cpu), target)}")  # fmt: skip


def bench_actions(answers: dict) -> None:
    """Add, Remove, Save, Next on the largest step with a repeatable group, whole reruns."""
    from ui import backend

    def size(step: str) -> int:
        return len(json.dumps(answers.get(step, "")))

    at = _opened(answers)
    steps = sorted(backend.sections(answers), key=size, reverse=True)
    step = None
    for candidate in steps:  # the largest step where a group can be added to
        at.button(key=f"nav.step.{candidate}").click().run()
        if any(b.key and b.key.endswith("~add") for b in at.button):
            step = candidate
            break
    assert step, "no step with a repeatable group"
    at.button(key="step.save").click().run()  # warm
    found: dict[str, list[tuple[float, float]]] = {"Add": [], "Remove": [], "Save": [], "Next": []}
    for i in range(RUNS // 3):
        add = next(b.key for b in at.button if b.key and b.key.endswith("~add"))
        found["Add"].append(_timed(at, lambda add=add: at.button(key=add).click()))
        group = add.split("/", 1)[1].removesuffix("~add")  # the item just added: its group's last
        remove = max(
            (
                b.key
                for b in at.button
                if b.key and b.key.split("/", 1)[-1].startswith(group + "~rm")
            ),
            key=lambda k: int(k.rsplit("~rm", 1)[1]),
        )
        found["Remove"].append(_timed(at, lambda r=remove: at.button(key=r).click()))
        gen = at.session_state["mithaq.gen"]
        fields = [*at.text_input, *at.text_area]
        widget = next(w for w in fields if w.key and w.key.startswith(f"w{gen}/"))
        widget.set_value(f"{widget.value or ''} {i}")
        found["Save"].append(_timed(at, lambda: at.button(key="step.save").click()))
        found["Next"].append(_timed(at, lambda: at.button(key="step.next").click()))
        at.button(key=f"nav.step.{step}").click().run()  # back to the step
    fields = len(at.text_input) + len(at.text_area)
    print(f"step actions on “{step}” ({size(step)} bytes of answers, {fields} text fields):")
    for name, times in found.items():
        _action(f"  {name:6}", times)


def bench_census(answers: dict) -> None:
    """The census picker on the identification step: each choice is a rerun."""
    from ui import backend

    at = _opened(answers)
    level = backend.level_of(answers)
    at.button(key=f"nav.step.{level}").click().run()
    found: dict[str, list[tuple[float, float]]] = {
        "region": [], "province": [], "commune": [], "Fill in": []
    }  # fmt: skip
    census = ("region", "province", "commune")
    chain = census[: census.index(level) + 1]
    for i in range(RUNS // 6):
        for part in chain:
            box = at.selectbox(key=f"census.{part}")
            option = box.options[i % len(box.options)]
            found[part].append(_timed(at, lambda box=box, o=option: box.select(o)))
        found["Fill in"].append(_timed(at, lambda: at.button(key="census.fill").click()))
    print(f"census picker ({level}):")
    for name, times in found.items():
        if times:
            _action(f"  {name if name == 'Fill in' else 'choice of ' + name}", times)


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
    first = statistics.median(drawn)
    print(f"server start → healthy: median {statistics.median(healthy):.2f} s")
    print(f"server start → first page drawn: median {first:.2f} s, "
          f"{verdict(first, TARGETS['first page'])}")  # fmt: skip


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
        median = statistics.median(warm)
        print(
            f"questionnaire {lang}: printed {cold:.2f} s, from the cache median {median:.3f} s "
            f"({cold / median:.0f}x), {verdict(median, TARGETS['questionnaire'])}"
        )


def main() -> None:
    answers = largest()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MITHAQ_DATA"] = str(Path(tmp) / "data")
        print(load())
        bench_questionnaire(Path(tmp))
        bench_pipeline(answers, Path(tmp))
        bench_actions(answers)
        bench_census(answers)
        bench_startup(Path(tmp) / "data")
        print(load())


if __name__ == "__main__":
    main()
