-- Gleaner schema, version 12: which uploads a process is working on. An upload accepted by a process that does not
-- process uploads (`--role api`) waits unclaimed (NULL) until a worker process claims it; a claim holds it until the
-- time stored here (epoch milliseconds), renewed while the work goes on, so a process that stops has its uploads taken
-- over once that time has passed. Uploads left unparsed before this version were started by the process that accepted
-- them: they are marked as claimed long ago, so taking them up again counts as one more interrupted start.
ALTER TABLE datasets ADD COLUMN upload_lease_until BIGINT;
UPDATE datasets SET upload_lease_until = 0 WHERE parsed = 0 AND error IS NULL AND job_id IS NULL;
