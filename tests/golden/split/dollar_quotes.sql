CREATE FUNCTION add_one(i int) RETURNS int AS $$
BEGIN
  RETURN i + 1;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION touch() RETURNS trigger AS $body$
BEGIN
  NEW.note := 'a $$ inside a tagged body; still the body';
  RETURN NEW;
END;
$body$ LANGUAGE plpgsql;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app') THEN
    RAISE NOTICE 'no role; skipping';
  END IF;
END
$$;
SELECT $q$;$q$ AS semi;
