-- The versions of a charter its council adopted: which revision of the draft, the
-- deliberation, the clause library and Word layouts used (a snapshot, so the version can be
-- rendered again as it was), the catalogue's hash, and the hashes of the documents made then.
CREATE TABLE IF NOT EXISTS adoptions (
    draft_id            TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    version             INTEGER NOT NULL,
    revision            INTEGER NOT NULL,
    recorded            TEXT NOT NULL,
    deliberation_number TEXT NOT NULL,
    deliberation_date   TEXT NOT NULL,
    catalogue_sha256    TEXT NOT NULL,
    library_sha256      TEXT NOT NULL,
    templates           BYTEA NOT NULL,
    documents           TEXT NOT NULL,
    PRIMARY KEY (draft_id, version)
);
