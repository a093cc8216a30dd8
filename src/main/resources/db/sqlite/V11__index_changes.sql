-- Gleaner schema, version 11: the chunk change feed. Every transaction that changes what a query may return (a
-- dataset's chunks added, replaced, enabled or disabled, a dataset or knowledgebase deleted) appends one row per dataset
-- or knowledgebase it touched, as its last statement, taking the positions from the one row of index_log. That row's
-- lock is held until the transaction ends, so positions are gapless and in commit order: a reader that sees position
-- n has every change up to n. Each process's search index applies the changes in order and records how far it got.
CREATE TABLE index_log (
    id INTEGER PRIMARY KEY,
    head BIGINT NOT NULL,
    pruned_through BIGINT NOT NULL
);
INSERT INTO index_log (id, head, pruned_through) VALUES (1, 0, 0);
CREATE TABLE index_changes (
    position BIGINT PRIMARY KEY,
    kind TEXT NOT NULL,
    knowledgebase_id TEXT NOT NULL,
    dataset_id TEXT,
    changed_at BIGINT NOT NULL
);
-- The position each process's index has committed, so the log is pruned only below the slowest live one.
CREATE TABLE index_followers (
    process_id TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    seen_at BIGINT NOT NULL
);
