-- Gleaner schema, version 8: key lifecycle and usage quotas.
-- A key may expire (expires_at) or be revoked (revoked_at); last_used_at is written at most once a minute per key
-- and process. Times are epoch milliseconds, NULL when unset.
ALTER TABLE api_keys ADD COLUMN expires_at BIGINT;
ALTER TABLE api_keys ADD COLUMN revoked_at BIGINT;
ALTER TABLE api_keys ADD COLUMN last_used_at BIGINT;
CREATE INDEX api_keys_by_owner ON api_keys (owner_id, created_at);
-- One counter per owner, kind of usage (pages, upload bytes) and UTC day (days since 1970-01-01), raised with a
-- conditional UPDATE so that every process sharing the database sees and respects the same total. The row of kind
-- 'jobs' (day 0) is only locked, to admit an owner's new jobs one at a time.
CREATE TABLE usage_counters (
    owner_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    day BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    PRIMARY KEY (owner_id, kind, day)
);
-- Counting an owner's unfinished jobs when admitting a new one.
CREATE INDEX jobs_by_project_status ON jobs (project_id, status);
