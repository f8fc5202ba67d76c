-- strata:check post expect='open quote
SELECT 1;
-- strata:check sometimes expect=1
-- strata:backfill table=users batch=-1 key=
-- strata:checkpoint is not a directive
-- STRATA:CHECK PRE EXPECT=TRUE
SELECT true
