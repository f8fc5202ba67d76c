-- strata:check pre critical expect=0
SELECT count(*) FROM orders WHERE total < 0;
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
-- strata:check post expect='two words'
WITH x AS (SELECT 'two words' AS v) SELECT v FROM x;
-- strata:check post expect=none
VALUES (1);
-- strata:check pre expect=null
TABLE t;
