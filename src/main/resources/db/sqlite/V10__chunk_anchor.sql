-- Gleaner schema, version 10: the id of the section a chunk is in (its nearest heading that has one), so a query
-- result can link to that place in its page (sourceUrl#anchor). NULL for a chunk in no section with an id, and for
-- chunks stored before this version (they get one when their page is next updated).
ALTER TABLE chunks ADD COLUMN anchor TEXT;
