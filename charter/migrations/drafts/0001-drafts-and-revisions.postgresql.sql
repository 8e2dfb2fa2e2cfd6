-- Drafts and their append-only revisions. Times are ISO 8601 text and answers canonical JSON
-- text, as in SQLite, so both back-ends give back the same bytes.
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
