"""A growing delay after failed logins, kept in the advisors' database.

After n failures in a row, no password is even checked for 2^(n-1) seconds (at most
``MAX_DELAY``); a success resets the count. The count and the end of the delay live in the
table ``login_throttle`` of the database the advisors' library uses, so every instance of a
national deployment (several app processes on one PostgreSQL, docs/deployment.md) sees the same
count, and neither a new session nor another instance nor a restart resets it. Times are the
database's clock, so instances whose clocks differ still agree.
"""

from __future__ import annotations

from charter.database import Database

MAX_DELAY = 300.0

# seconds since 1970, by the database's clock
_NOW = {
    "sqlite": "(julianday('now') - 2440587.5) * 86400.0",
    "postgresql": "extract(epoch from clock_timestamp())::double precision",
}


class LoginThrottle:
    """The failed logins of one ``gate`` (``"advisors"``) in ``db``."""

    def __init__(self, db: Database, gate: str = "advisors") -> None:
        self.db, self.gate = db, gate

    def wait(self) -> float:
        """Seconds before the next password may be tried (0: now)."""
        now = _NOW[self.db.dialect]
        with self.db.transaction(write=False) as tx:
            row = tx.execute(
                f"SELECT blocked_until - {now} FROM login_throttle WHERE gate = ?", (self.gate,)
            ).fetchone()
        return max(0.0, float(row[0])) if row else 0.0

    def failures(self) -> int:
        """Failed logins in a row so far."""
        with self.db.transaction(write=False) as tx:
            row = tx.execute(
                "SELECT failures FROM login_throttle WHERE gate = ?", (self.gate,)
            ).fetchone()
        return int(row[0]) if row else 0

    def record(self, ok: bool) -> None:
        """Count a try: a failure lengthens the delay, a success resets it."""
        with self.db.transaction() as tx:
            tx.lock(f"login:{self.gate}")
            tx.execute(
                "INSERT INTO login_throttle (gate, failures, blocked_until) VALUES (?, 0, 0) "
                "ON CONFLICT (gate) DO NOTHING",
                (self.gate,),
            )
            if ok:
                tx.execute(
                    "UPDATE login_throttle SET failures = 0, blocked_until = 0 WHERE gate = ?",
                    (self.gate,),
                )
                return
            tx.execute(
                "UPDATE login_throttle SET failures = failures + 1 WHERE gate = ?", (self.gate,)
            )
            (failures,) = tx.execute(
                "SELECT failures FROM login_throttle WHERE gate = ?", (self.gate,)
            ).fetchone()
            delay = min(2.0 ** min(failures - 1, 64), MAX_DELAY)
            tx.execute(
                f"UPDATE login_throttle SET blocked_until = {_NOW[self.db.dialect]} + ? "
                "WHERE gate = ?",
                (delay, self.gate),
            )
