-- Failed advisors' logins, counted in the database every instance shares (not in the memory of
-- one server process): the delay after them holds whichever instance the next try reaches.
-- blocked_until is in seconds since 1970 by the database's own clock.
CREATE TABLE IF NOT EXISTS login_throttle (
    gate          TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL DEFAULT 0,
    blocked_until DOUBLE PRECISION NOT NULL DEFAULT 0
);
