CREATE FUNCTION total(a int, b int) RETURNS int
LANGUAGE sql
BEGIN ATOMIC
  SELECT a + b;
  SELECT a - b;
END;
SELECT total(1, 2);
