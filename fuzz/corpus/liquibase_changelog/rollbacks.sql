--liquibase formatted sql
/* a block comment
   before the first changeset */
--changeset a:drop
DROP TABLE t;
--rollback not required
--changeset a:create
--ignoreLines:start
anything
--ignoreLines:end
--ignoreLines:1
skipped
CREATE TABLE t (id int);
--rollback changesetId:drop changesetAuthor:a
--changeset a:x contxt:y
SELECT 1;
