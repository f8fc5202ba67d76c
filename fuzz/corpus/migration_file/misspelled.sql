-- strata:donw
-- strata:check pre critcal expect=1
SELECT 1;
