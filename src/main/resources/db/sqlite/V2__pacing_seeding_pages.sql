-- Gleaner schema, SQLite, version 2: per-server pacing, a job's seeding task, and the indexes of the pages listing
-- and of content-hash lookups.

-- One row per server (host, and port when not the default) that was claimed from or paced. gap_ms is the server's
-- own least gap between two claims (robots.txt Crawl-delay); next_claim_at is when the next claim of its URLs is
-- allowed (moved by every claim); not_before holds off every claim until then (Retry-After, backoff). Epoch ms.
CREATE TABLE servers (
    server TEXT PRIMARY KEY,
    gap_ms BIGINT NOT NULL,
    next_claim_at BIGINT NOT NULL,
    not_before BIGINT NOT NULL
);

-- A job's seeding task (discovering the URLs its sitemaps list): none | pending | leased | done. While it is pending
-- or leased the job does not finish. seeding_attempts counts its claims.
ALTER TABLE jobs ADD COLUMN seeding TEXT NOT NULL DEFAULT 'none';
ALTER TABLE jobs ADD COLUMN seeding_worker TEXT;
ALTER TABLE jobs ADD COLUMN seeding_expires_at BIGINT;
ALTER TABLE jobs ADD COLUMN seeding_attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX jobs_seeding_open ON jobs (started_at, id) WHERE seeding IN ('pending', 'leased');

-- The pages listing reads a job's rows in admission order.
CREATE INDEX frontier_by_job_seq ON frontier (job_id, seq);

CREATE INDEX datasets_by_content_hash ON datasets (knowledgebase_id, content_hash);
