--liquibase formatted sql

--changeset alice:1 runInTransaction:false dbms:postgresql,!h2 splitStatements:false
--comment: an index
--validCheckSum: 9:abc
CREATE INDEX CONCURRENTLY i ON t (a);
--rollback DROP INDEX CONCURRENTLY i;

-- changeset "bob smith":"two 2" context:"" ignore:false
--preconditions onFail:WARN onError:HALT
--precondition-sql-check expectedResult:0 SELECT count(*) FROM t
INSERT INTO t VALUES (1);
/* liquibase rollback
DELETE FROM t;
*/
