-- Gleaner schema, SQLite. Times are epoch milliseconds; booleans are 0/1 integers (as in the PostgreSQL script, so
-- the application's SQL is the same for both). Rows below a project are deleted explicitly, in one transaction.

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX projects_by_owner ON projects (owner_id, created_at);

CREATE TABLE knowledgebases (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    embedding_model_name TEXT NOT NULL,
    chunk_size INTEGER NOT NULL,
    chunk_overlap INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX knowledgebases_by_project ON knowledgebases (project_id, created_at);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    knowledgebase_id TEXT NOT NULL REFERENCES knowledgebases (id),
    mode TEXT NOT NULL,
    url TEXT,
    spec TEXT NOT NULL,
    status TEXT NOT NULL,
    total BIGINT NOT NULL,
    done BIGINT NOT NULL,
    failed BIGINT NOT NULL,
    skipped_robots BIGINT NOT NULL,
    skipped_out_of_scope BIGINT NOT NULL,
    skipped_duplicate BIGINT NOT NULL,
    skipped_over_limit BIGINT NOT NULL,
    limit_reached INTEGER NOT NULL,
    error TEXT,
    started_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX jobs_by_knowledgebase ON jobs (knowledgebase_id, started_at);
CREATE INDEX jobs_by_project ON jobs (project_id);

-- seq is the admission order: here the rowid, which SQLite assigns as one more than the largest present, so it only
-- grows among the rows that exist. The key of a row is (job_id, url_key), declared UNIQUE because the rowid takes
-- the PRIMARY KEY slot; ON CONFLICT (job_id, url_key) targets it the same way as PostgreSQL's primary key.
CREATE TABLE frontier (
    seq INTEGER PRIMARY KEY,
    job_id TEXT NOT NULL REFERENCES jobs (id),
    url_key TEXT NOT NULL,
    url TEXT NOT NULL,
    host TEXT NOT NULL,
    depth INTEGER NOT NULL,
    state TEXT NOT NULL,
    outcome TEXT,
    reason TEXT,
    http_status INTEGER,
    attempts INTEGER NOT NULL,
    worker_id TEXT,
    lease_expires_at BIGINT,
    not_before BIGINT NOT NULL,
    dataset_id TEXT,
    updated_at BIGINT NOT NULL,
    UNIQUE (job_id, url_key)
);
CREATE INDEX frontier_claimable ON frontier (not_before, seq) WHERE state = 'pending';
CREATE INDEX frontier_leases ON frontier (lease_expires_at) WHERE state = 'leased';
CREATE INDEX frontier_leases_by_host ON frontier (host) WHERE state = 'leased';
CREATE INDEX frontier_by_job_state ON frontier (job_id, state);
CREATE INDEX frontier_by_dataset ON frontier (dataset_id) WHERE dataset_id IS NOT NULL;

CREATE TABLE datasets (
    id TEXT PRIMARY KEY,
    knowledgebase_id TEXT NOT NULL REFERENCES knowledgebases (id),
    job_id TEXT,
    filename TEXT NOT NULL,
    file_url TEXT NOT NULL,
    source_url TEXT,
    title TEXT,
    extension_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    parsed INTEGER NOT NULL,
    content_hash TEXT,
    chunk_count BIGINT NOT NULL,
    error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX datasets_by_knowledgebase ON datasets (knowledgebase_id, created_at);

CREATE TABLE dataset_files (
    dataset_id TEXT PRIMARY KEY REFERENCES datasets (id),
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL
);

-- vector: float32 little-endian.
CREATE TABLE chunks (
    id TEXT PRIMARY KEY,
    dataset_id TEXT NOT NULL REFERENCES datasets (id),
    knowledgebase_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    content TEXT NOT NULL,
    heading_path TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    vector BLOB NOT NULL
);
CREATE INDEX chunks_by_dataset ON chunks (dataset_id, position);
CREATE INDEX chunks_by_knowledgebase ON chunks (knowledgebase_id);
