-- The source a sync job runs (NULL for a one-off crawl), and the source a dataset came from: the last source whose sync
-- stored, updated or confirmed it. A complete sync of a source removes the source's datasets it did not see again.
ALTER TABLE jobs ADD COLUMN source_id TEXT;
CREATE INDEX jobs_by_source ON jobs (source_id, started_at);
ALTER TABLE datasets ADD COLUMN source_id TEXT;
CREATE INDEX datasets_by_source ON datasets (source_id);
