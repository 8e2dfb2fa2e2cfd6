"""The server killed (SIGKILL) in the middle of saving, again and again: every save it had
acknowledged is there afterwards, the file is sound, revisions have no gap (WAL,
``synchronous=FULL``). ``make fuzz``: 200 kills; ``make test``: 3."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from fuzzing import FULL

from charter.store import DraftStore

ROOT = Path(__file__).resolve().parent.parent
KILLS = int(os.environ.get("MITHAQ_FUZZ_KILLS") or (200 if FULL else 3))

# a server's saves: a new draft now and then, each acknowledged on stdout once committed
WRITER = """
import sys
from charter.store import DraftStore
store = DraftStore(sys.argv[1])
draft, base = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
for n in range(base + 1, 10**9):
    answers = {"n": n, "text": "x" * (n % 5000), "ar": "تيغمرت " * (n % 300)}
    if n % 7 == 0:
        print("new", store.create(answers), flush=True)
    base = store.save(draft, answers, base=base)
    print("saved", base, flush=True)
"""


def test_acknowledged_saves_survive_every_kill(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    draft = store.create({"n": 0})
    rng = random.Random(None if FULL else 12)
    created: list[str] = []
    acknowledged = 1
    for _kill in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), draft, str(acknowledged)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert writer.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(1, 40)):
            kind, value = writer.stdout.readline().split()
            if kind == "new":
                created.append(value)
            else:
                acknowledged = int(value)
        writer.send_signal(signal.SIGKILL)  # mid-save: it keeps writing until the signal lands
        writer.wait(30)
        writer.stdout.close()
        latest = DraftStore(path).latest(draft)
        assert latest.number >= acknowledged  # nothing acknowledged lost
        assert latest.answers["n"] == latest.number  # and what is there is whole
        acknowledged = latest.number
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    numbers = [r.number for r in DraftStore(path).revisions(draft)]
    assert numbers == list(range(numbers[0], 0, -1))  # no gap
    assert all(DraftStore(path).exists(d) for d in created)
