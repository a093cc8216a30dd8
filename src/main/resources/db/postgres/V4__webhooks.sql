-- Gleaner schema, PostgreSQL, version 4: the webhook outbox, its delivery log, and deployment settings.

-- One row per event of a job that has a webhook, written in the transaction that made the change it reports. seq
-- orders a job's events (its rows are written under the job's row lock); body is the exact JSON sent on every
-- attempt. status: pending | delivered | failed. A pending event is due at next_attempt_at; while a dispatcher holds
-- it, worker_id and lease_expires_at say who and until when. Times are epoch ms.
CREATE TABLE webhook_events (
    id TEXT PRIMARY KEY,
    job_id TEXT NOT NULL REFERENCES jobs (id),
    seq BIGINT NOT NULL,
    event TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    worker_id TEXT,
    lease_expires_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX webhook_events_by_job_seq ON webhook_events (job_id, seq);
CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE status = 'pending';

-- Every attempt at delivering an event: when, the receiver's status or why there was none, how long it took and the
-- start of the answer.
CREATE TABLE webhook_attempts (
    event_id TEXT NOT NULL REFERENCES webhook_events (id),
    attempt INTEGER NOT NULL,
    at BIGINT NOT NULL,
    http_status INTEGER,
    error TEXT,
    duration_ms BIGINT NOT NULL,
    response_snippet TEXT,
    PRIMARY KEY (event_id, attempt)
);

-- Values a deployment keeps across restarts and shares between its processes (webhook_secret).
CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
