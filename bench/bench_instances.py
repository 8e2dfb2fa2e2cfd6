"""Twenty sessions submitting steps at once (issue 15): on one instance over SQLite (the
default), on one instance over PostgreSQL, and on two instances over one PostgreSQL.

An instance is a process of its own, as a Streamlit server is; a session is a thread of it, as
Streamlit runs each browser session. Each session opens its own draft (the largest example) and
submits steps: the server-side work of a submit that touches the store — the findings, the save
of a revision (with its stale-revision check) and reading the draft back. The preview's render
is left out: it costs the same CPU on every back-end and would only measure the two cores.
PostgreSQL is a throw-away cluster on this machine with fsync on, like SQLite's synchronous=FULL.
"""

from __future__ import annotations

import copy
import json
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

SESSIONS = 20
SUBMITS = 15


def largest() -> dict:
    path = max((ROOT / "examples").glob("*.json"), key=lambda p: p.stat().st_size)
    return json.loads(path.read_text(encoding="utf-8"))


def instance(where: str, sessions: int, start, out) -> None:
    """One app instance: ``sessions`` threads submitting steps; puts its latencies on ``out``."""
    from charter import iter_findings
    from charter.store import DraftStore

    store = DraftStore(where)
    answers = largest()
    list(iter_findings(answers, "ar"))  # schema and rules loaded once per process
    drafts = [store.create(answers) for _ in range(sessions)]
    latencies: list[float] = []
    lock = threading.Lock()

    def session(draft: str) -> None:
        mine = []
        for i in range(SUBMITS):
            a = copy.deepcopy(answers)
            a["commune"]["population"]["note"] = f"révision {i}"
            t0 = time.perf_counter()
            list(iter_findings(a, "ar"))
            store.save(draft, a, base=i + 1, step="commune")
            store.latest(draft)
            mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=session, args=(d,)) for d in drafts]
    start.wait()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put(latencies)


def run(where: str, instances: int) -> tuple[list[float], float]:
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=instance, args=(where, SESSIONS // instances, start, out))
        for _ in range(instances)
    ]
    for p in procs:
        p.start()
    time.sleep(3)  # every instance has loaded its schema and made its drafts
    began = time.perf_counter()
    start.set()
    latencies = [x for _ in procs for x in out.get()]
    wall = time.perf_counter() - began
    for p in procs:
        p.join()
    return latencies, wall


def report(name: str, latencies: list[float], wall: float) -> None:
    q = statistics.quantiles(latencies, n=20)
    print(
        f"{name:34} p50 {statistics.median(latencies) * 1000:6.1f} ms   "
        f"p95 {q[-1] * 1000:6.1f} ms   {len(latencies) / wall:6.1f} submits/s"
    )


def main() -> None:
    from pgserver import ThrowawayCluster

    print(f"{SESSIONS} sessions × {SUBMITS} step submits (findings + save + read back)")
    with tempfile.TemporaryDirectory() as tmp:
        report("SQLite, 1 instance", *run(str(Path(tmp) / "drafts.sqlite3"), 1))
    with ThrowawayCluster(durable=True) as pg:
        report("PostgreSQL, 1 instance", *run(pg.create_database("one"), 1))
        report("PostgreSQL, 2 instances", *run(pg.create_database("two"), 2))


if __name__ == "__main__":
    main()
