-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY notes_body_idx ON notes (body);

-- migrate:down
DROP INDEX CONCURRENTLY notes_body_idx;
