-- Sources: a saved crawl, sitemap or batch request of a knowledgebase and its schedule. spec is the request as a job
-- runs it (JSON, its headers sealed like a job's); urls the batch URLs (JSON array). schedule_kind is every, cron or
-- manual, schedule_value the ISO-8601 interval or the cron expression. next_run_at is the next due time (NULL:
-- manual). A run holds the row (lease_holder until lease_until) while it starts the sync, so that among processes
-- sharing the database exactly one runs each due time.
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    project_id TEXT NOT NULL,
    knowledgebase_id TEXT NOT NULL REFERENCES knowledgebases (id),
    name TEXT,
    spec TEXT NOT NULL,
    urls TEXT NOT NULL,
    schedule_kind TEXT NOT NULL,
    schedule_value TEXT,
    next_run_at BIGINT,
    lease_holder TEXT,
    lease_until BIGINT,
    last_skipped_at BIGINT,
    last_skip_reason TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX sources_by_knowledgebase ON sources (knowledgebase_id, created_at);
CREATE INDEX sources_due ON sources (next_run_at) WHERE next_run_at IS NOT NULL;
