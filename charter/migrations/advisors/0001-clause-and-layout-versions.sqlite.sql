-- The advisors' versions of articles and Word layouts (IF NOT EXISTS: data folders made before
-- migrations existed already have these tables).
CREATE TABLE IF NOT EXISTS clause_versions (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    clause_id TEXT NOT NULL,
    number    INTEGER NOT NULL,
    created   TEXT NOT NULL,
    author    TEXT NOT NULL,
    note      TEXT,
    article   TEXT NOT NULL,
    UNIQUE (clause_id, number)
);
CREATE TABLE IF NOT EXISTS layout_versions (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    lang      TEXT NOT NULL,
    number    INTEGER NOT NULL,
    created   TEXT NOT NULL,
    author    TEXT NOT NULL,
    note      TEXT,
    sha256    TEXT NOT NULL,
    size      INTEGER NOT NULL,
    UNIQUE (lang, number)
);
