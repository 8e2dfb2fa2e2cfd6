-- An uploaded Word layout's bytes live in the database, not in a file of one machine's data
-- folder, so every instance sharing the database renders with it. Layouts uploaded before this
-- migration are read into this column from $MITHAQ_DATA/layouts/ when the library opens.
ALTER TABLE layout_versions ADD COLUMN content BLOB;
