-- A step's edits not submitted yet (items added or removed in the wizard): one row per draft
-- and step, replaced at each edit and deleted when the step is submitted, so a reload finds
-- them. ``base`` is the revision they were made on: edits of a step saved since are stale.
CREATE TABLE IF NOT EXISTS pending (
    draft_id  TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    section   TEXT NOT NULL,
    base      INTEGER NOT NULL,
    saved     TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (draft_id, section)
);
