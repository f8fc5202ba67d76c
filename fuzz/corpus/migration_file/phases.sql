-- Depends: 002
-- strata:expand
ALTER TABLE users ADD COLUMN email_verified boolean;
-- strata:expand:down
ALTER TABLE users DROP COLUMN email_verified;
-- strata:migrate
-- strata:backfill table=users key=id batch=500 pause=10 max_rate=20000
UPDATE users SET email_verified = false WHERE id > :lo AND id <= :hi;
-- strata:migrate:down
SELECT 1;
-- strata:contract transaction:true
ALTER TABLE users ALTER COLUMN email_verified SET NOT NULL;
-- strata:contract:down
ALTER TABLE users ALTER COLUMN email_verified DROP NOT NULL;
