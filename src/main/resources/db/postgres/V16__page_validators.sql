-- Cheap re-sync: what the server of a crawled page identified the stored version by (ETag, Last-Modified, as sent)
-- and when it was fetched, in epoch milliseconds. The next crawl of the page makes its request conditional with them;
-- a sitemap's lastmod not after fetched_at confirms the dataset without fetching the page. NULL for uploads and for
-- datasets stored before this version (their next crawl is unconditional and records them).
ALTER TABLE datasets ADD COLUMN etag TEXT;
ALTER TABLE datasets ADD COLUMN last_modified TEXT;
ALTER TABLE datasets ADD COLUMN fetched_at BIGINT;
