-- Removed pages and the change report. A dataset a complete sync of its source no longer found is deleted, or, with a
-- grace period, marked at removed_at (it stays searchable) and deleted by the sweep once the grace has passed; a later
-- sync that sees it again clears the mark.
ALTER TABLE datasets ADD COLUMN removed_at BIGINT;
CREATE INDEX datasets_removed ON datasets (removed_at) WHERE removed_at IS NOT NULL;
-- A job's change report, counted as its pages are recorded: new (ingested), updated, unchanged, and removed datasets.
ALTER TABLE jobs ADD COLUMN changes_new BIGINT NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN changes_updated BIGINT NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN changes_unchanged BIGINT NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN changes_removed BIGINT NOT NULL DEFAULT 0;
-- What went wrong reading the job's sitemaps, even when they listed some URLs: a sync whose list may be partial
-- removes nothing.
ALTER TABLE jobs ADD COLUMN seeding_problem TEXT;
