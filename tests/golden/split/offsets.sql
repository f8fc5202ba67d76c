

   SELECT 1;SELECT 2;
	-- a tab-indented comment
	SELECT 'é';   SELECT 3
-- no semicolon after the last statement
