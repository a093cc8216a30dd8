-- Cheap re-sync of link-following crawls: the links of the page version a crawled dataset holds (as stored by
-- LinkListBytes: count, then each link's UTF-8 length and bytes, deflated). A crawl whose conditional request for the
-- page gets a 304 follows these instead of fetching the page. NULL when not recorded (uploads, and datasets stored
-- before this version: their next crawl fetches them in full and records them).
ALTER TABLE dataset_files ADD COLUMN links BLOB;
