-- Gleaner schema, version 3: the job events stream.

-- One poller per process reads the jobs whose updated_at moved past its watermark (minus a slack window).
CREATE INDEX jobs_by_updated_at ON jobs (updated_at);

-- Short-lived tokens that open one knowledgebase's job events stream (a browser's EventSource cannot send an
-- Authorization header). Only the SHA-256 hash of a token is stored; every process sharing the database accepts it.
-- expires_at is epoch ms; expired rows are deleted when new tokens are minted.
CREATE TABLE event_tokens (
    token_hash TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    knowledgebase_id TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX event_tokens_by_expiry ON event_tokens (expires_at);
