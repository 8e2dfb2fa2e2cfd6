-- Drafts and their append-only revisions (IF NOT EXISTS: data folders made before migrations
-- existed already have these tables, and open unchanged).
CREATE TABLE IF NOT EXISTS drafts (
    id        TEXT PRIMARY KEY,
    created   TEXT NOT NULL,
    training  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS revisions (
    draft_id  TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    number    INTEGER NOT NULL,
    created   TEXT NOT NULL,
    step      TEXT,
    note      TEXT,
    answers   TEXT NOT NULL,
    PRIMARY KEY (draft_id, number)
);
