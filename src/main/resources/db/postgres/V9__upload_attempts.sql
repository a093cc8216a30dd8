-- Gleaner schema, version 9: how many times processing of an uploaded dataset was started. It survives restarts, so an
-- upload whose processing never finishes (the service stopped each time) is given up after a bounded number of
-- starts instead of being processed again on every start.
ALTER TABLE datasets ADD COLUMN upload_attempts INTEGER NOT NULL DEFAULT 0;
