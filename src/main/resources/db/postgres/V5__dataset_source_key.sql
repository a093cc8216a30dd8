-- Gleaner schema, version 5: the key of the page a crawled dataset was made from, so that importing the same page
-- again updates that dataset instead of adding another. source_key is the normalized form of the page's final URL
-- (as UrlNormalizer folds it); it is NULL for uploads and for datasets stored before this version (those are found
-- by their source_url and get their key when they are next updated). Unique per knowledgebase: two jobs importing
-- the same page at once store one dataset (NULLs are distinct, so uploads are not constrained).
ALTER TABLE datasets ADD COLUMN source_key TEXT;
CREATE UNIQUE INDEX datasets_by_source_key ON datasets (knowledgebase_id, source_key);
-- Finding a dataset stored before this version by its page's URL.
CREATE INDEX datasets_by_source_url ON datasets (knowledgebase_id, source_url);
