-- Breaking: false
-- strata:up
CREATE TABLE notes (id bigint PRIMARY KEY, body text);
-- strata:check post critical expect=0
SELECT count(*) FROM notes;
-- strata:down
DROP TABLE notes;
