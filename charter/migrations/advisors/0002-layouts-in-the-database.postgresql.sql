-- An uploaded Word layout's bytes live in the database, shared by every instance.
ALTER TABLE layout_versions ADD COLUMN IF NOT EXISTS content BYTEA;
