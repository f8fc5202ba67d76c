-- Version: 1
-- strata:lint-ignore drop-table the table is empty
DROP TABLE old;
--strata:DOWN
CREATE TABLE old (id int);
