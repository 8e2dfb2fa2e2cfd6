"""The advisors' login throttle (charter.logins) in the advisors' database: every instance on
one database sees the same count and the same delay, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from charter.database import close_pools
from charter.library import AdvisorsLibrary
from charter.logins import MAX_DELAY

ROOT = Path(__file__).resolve().parent.parent


def expire(lib: AdvisorsLibrary) -> None:
    """As if the running delay had passed (the count stays)."""
    with lib.db.transaction() as tx:
        tx.execute("UPDATE login_throttle SET blocked_until = 0")


def test_the_delay_doubles_per_failure_up_to_five_minutes_and_a_success_resets_it(db_location):
    throttle = AdvisorsLibrary(db_location).logins
    assert throttle.wait() == 0 and throttle.failures() == 0
    lib = AdvisorsLibrary(db_location)
    for n in range(1, 12):
        expire(lib)
        throttle.record(False)
        expected = min(2 ** (n - 1), MAX_DELAY)
        assert expected - 1.5 < throttle.wait() <= expected, n
    assert throttle.failures() == 11
    assert MAX_DELAY - 2 < throttle.wait() <= MAX_DELAY  # 2^10 s capped at five minutes
    throttle.record(True)
    assert throttle.wait() == 0 and throttle.failures() == 0


def test_another_instance_sees_the_failures_and_the_delay(db_location):
    """Two libraries on one database are two app instances: a failure on one delays the
    other; concurrent failures are each counted."""
    first, second = AdvisorsLibrary(db_location), AdvisorsLibrary(db_location)
    first.logins.record(False)
    assert second.logins.failures() == 1 and 0 < second.logins.wait() <= 1
    threads = [threading.Thread(target=second.logins.record, args=(False,)) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert first.logins.failures() == 21  # none lost between racing writers
    assert MAX_DELAY - 2 < first.logins.wait() <= MAX_DELAY
    second.logins.record(True)
    assert first.logins.failures() == 0 and first.logins.wait() == 0


FAIL_ONCE = """
import sys
from charter.library import AdvisorsLibrary
AdvisorsLibrary(sys.argv[1]).logins.record(False)
"""


def test_a_failure_in_another_process_delays_this_one(db_location):
    """A separate server process (its own memory, its own connections) records a failure."""
    here = AdvisorsLibrary(db_location)
    here.logins.record(False)
    expire(here)
    subprocess.run(
        [sys.executable, "-c", FAIL_ONCE, str(db_location)],
        check=True,
        cwd=ROOT,
        env=os.environ,
        timeout=120,
    )
    assert here.logins.failures() == 2
    assert 0 < here.logins.wait() <= 2  # 2^(2-1) s from its failure, less the time since
    close_pools()


@pytest.mark.parametrize("ok", [True, False])
def test_each_gate_counts_its_own(db_location, ok):
    from charter.logins import LoginThrottle

    lib = AdvisorsLibrary(db_location)
    other = LoginThrottle(lib.db, gate="trainers")
    other.record(ok)
    assert lib.logins.failures() == 0 and lib.logins.wait() == 0
    assert other.failures() == (0 if ok else 1)
