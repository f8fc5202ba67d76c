ALTER SYSTEM SET work_mem = '64MB';
CREATE DATABASE scratch;
UPDATE accounts SET name = U&'d\0061t\+000061' WHERE id BETWEEN :lo AND :hi;
SELECT B'1010', X'ff', 1.5e10, .5, 1::numeric;
