-- The schema of postgres_every_kind.sql built in another order: objects created in a different
-- order, columns added by ALTER TABLE, constraints and indexes added later, partitions attached,
-- enum labels inserted, domain constraints added afterwards.
CREATE TABLE public.parent (a int);
ALTER TABLE public.parent ADD COLUMN b int;
ALTER TABLE public.parent ADD CONSTRAINT parent_a_check CHECK (a > 0);
CREATE TABLE public.child (c int) INHERITS (public.parent);
ALTER TABLE public.parent ADD CONSTRAINT parent_b_check CHECK (b > 0);
CREATE UNLOGGED TABLE public.scratch (a int);
CREATE TABLE "CamelCase" ("Id" int NOT NULL, "select" text);
ALTER TABLE "CamelCase" ADD COLUMN "user" text;
ALTER TABLE "CamelCase" ADD PRIMARY KEY ("Id");
COMMENT ON TABLE "CamelCase" IS 'it''s camel; \ backslash';
CREATE FUNCTION public.camel_count() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM "CamelCase"; END;
CREATE VIEW public.v_count AS SELECT public.camel_count() AS n;
CREATE FUNCTION public.all_camels() RETURNS SETOF "CamelCase" LANGUAGE sql STABLE AS 'SELECT * FROM "CamelCase"';
CREATE SCHEMA app;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE PROCEDURE app.noop(IN x integer) LANGUAGE plpgsql AS $$ BEGIN PERFORM x; END $$;
CREATE FUNCTION app.add(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE FUNCTION app.add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS 'SELECT a + b';
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TYPE app.mood AS ENUM ('sad', 'happy');
ALTER TYPE app.mood ADD VALUE 'ok' BEFORE 'happy';
CREATE DOMAIN app.positive_int AS integer DEFAULT 1;
ALTER DOMAIN app.positive_int SET NOT NULL;
ALTER DOMAIN app.positive_int ADD CONSTRAINT positive_int_check CHECK (VALUE > 0);
CREATE DOMAIN app.email AS citext COLLATE "C" CHECK (VALUE ~ '@');
CREATE TYPE app.address AS (street text, city text COLLATE "C", zip app.positive_int);
CREATE SEQUENCE app.order_no START 1000 INCREMENT 5 MAXVALUE 1000000 CACHE 10 CYCLE;
CREATE TABLE app.events (id bigint NOT NULL, at timestamptz NOT NULL, kind text NOT NULL) PARTITION BY RANGE (at);
CREATE INDEX events_kind_idx ON app.events (kind);
CREATE TABLE app.events_default PARTITION OF app.events DEFAULT;
CREATE TABLE app.events_2026 (id bigint NOT NULL, at timestamptz NOT NULL, kind text NOT NULL) PARTITION BY LIST (id);
CREATE TABLE app.events_2026_a PARTITION OF app.events_2026 FOR VALUES IN (2, 1);
ALTER TABLE app.events ATTACH PARTITION app.events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
ALTER TABLE app.events ADD PRIMARY KEY (id, at);
CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE app.orders (
  id serial,
  customer_id bigint NOT NULL,
  during tstzrange,
  room int,
  total numeric(12,2)
);
CREATE UNIQUE INDEX orders_room_nnd ON app.orders (room) NULLS NOT DISTINCT;
CREATE INDEX orders_customer_idx ON app.orders USING btree (customer_id DESC NULLS LAST) INCLUDE (total) WHERE total > 0;
COMMENT ON INDEX app.orders_customer_idx IS 'by customer';
CREATE TABLE app.customers (
  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 7 INCREMENT BY 3),
  email app.email NOT NULL,
  name text COLLATE "C" NOT NULL DEFAULT '',
  mood app.mood DEFAULT 'ok',
  home app.address,
  name_upper text GENERATED ALWAYS AS (upper(name)) STORED,
  order_seq integer NOT NULL DEFAULT nextval('app.order_no')
) WITH (fillfactor = 80);
ALTER TABLE app.customers ADD COLUMN updated_at timestamptz;
CREATE POLICY customers_ins ON app.customers FOR INSERT WITH CHECK (length(name) > 0);
CREATE POLICY customers_self ON app.customers AS RESTRICTIVE FOR SELECT TO PUBLIC USING (name = current_user);
COMMENT ON POLICY customers_self ON app.customers IS 'own rows';
ALTER TABLE app.customers FORCE ROW LEVEL SECURITY;
ALTER TABLE app.customers ENABLE ROW LEVEL SECURITY;
CREATE TRIGGER customers_touch2 BEFORE INSERT OR UPDATE OF name ON app.customers FOR EACH ROW EXECUTE FUNCTION app.touch();
ALTER TABLE app.customers DISABLE TRIGGER customers_touch2;
CREATE TRIGGER customers_touch BEFORE UPDATE ON app.customers FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION app.touch();
COMMENT ON TRIGGER customers_touch ON app.customers IS 'keeps updated_at';
CREATE INDEX customers_expr ON app.customers ((id + 1), name COLLATE "POSIX");
CREATE UNIQUE INDEX customers_lower_email ON app.customers (lower(email::text) text_pattern_ops);
ALTER TABLE app.customers ADD CONSTRAINT customers_name_check CHECK (length(name) < 100);
ALTER TABLE app.customers ADD CONSTRAINT customers_email_key UNIQUE (email) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE app.customers ADD PRIMARY KEY (id);
ALTER TABLE app.orders ADD PRIMARY KEY (id);
ALTER TABLE app.orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app.customers (id) ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE;
ALTER TABLE app.orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
ALTER TABLE app.orders ADD CONSTRAINT orders_total_check2 CHECK (total < 1000000) NOT VALID;
COMMENT ON CONSTRAINT orders_total_check2 ON app.orders IS 'sanity';
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE app.orders ADD EXCLUDE USING gist (room WITH =, during WITH &&);
CREATE MATERIALIZED VIEW app.order_totals AS SELECT customer_id, sum(total) AS total FROM app.orders GROUP BY customer_id;
CREATE UNIQUE INDEX order_totals_customer ON app.order_totals (customer_id);
COMMENT ON MATERIALIZED VIEW app.order_totals IS 'sums';
CREATE VIEW app.big_orders AS SELECT o.id, o.total FROM app.orders o WHERE o.total > 100;
CREATE VIEW app.big_order_ids AS SELECT id FROM app.big_orders;
ALTER VIEW app.big_order_ids SET (security_barrier = true);
COMMENT ON VIEW app.big_orders IS 'large';
COMMENT ON COLUMN app.customers.email IS 'login';
COMMENT ON TABLE app.customers IS 'people who buy';
COMMENT ON FUNCTION app.add(integer, integer) IS 'adds';
COMMENT ON TYPE app.mood IS 'how it feels';
COMMENT ON SCHEMA app IS 'application objects';
-- strata's own tables differ, and are left out of dumps.
CREATE TABLE public.strata_schema_history (y text);
CREATE TABLE public.strata_schema_history_meta (k text PRIMARY KEY);
CREATE TABLE public.plain (a int);
ALTER TABLE public.plain ADD COLUMN b text;
CREATE TABLE app.code_uses (code text);
CREATE FUNCTION app.default_rank() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 3';
CREATE DOMAIN app.rank AS integer DEFAULT app.default_rank() CHECK (VALUE > app.default_rank() - 10);
CREATE TABLE app.codes (code text NOT NULL, r app.rank);
CREATE UNIQUE INDEX codes_code ON app.codes (code);
ALTER TABLE app.code_uses ADD FOREIGN KEY (code) REFERENCES app.codes (code);
