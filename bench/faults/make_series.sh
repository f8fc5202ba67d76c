#!/usr/bin/env bash
# Writes the migration series of bench/faults.sh: 50 numbered migrations
# (NNN_name.sql) with their rollbacks (rollback/NNN_rollback.sql) for PostgreSQL
# or SQLite, the same shape for both.
#
#   bench/faults/make_series.sh postgres|sqlite DIR [INSERT_ROWS [BACKFILL_ROWS]]
#
# INSERT_ROWS (default 300000) rows go into `events`, a table without a unique
# key, by a no-transaction migration, so that applying it twice shows as twice
# the rows. BACKFILL_ROWS (default 200000) rows of `big` are incremented by a
# batched backfill (`n = n + 1`, batch=5000), so that a batch done twice shows in
# the data. Two migrations are `-- strata:no-transaction`, each with several
# statements (CREATE/DROP INDEX CONCURRENTLY on PostgreSQL, ALTER TABLE, inserts),
# and their rollbacks too; 026 and its rollback run without a transaction on
# PostgreSQL with no directive (strata infers it from CONCURRENTLY); 036 and its
# rollback manage their own transactions, as files written for psql or
# golang-migrate do: BEGIN ... COMMIT blocks with concurrent index statements
# between them. Every rollback undoes its migration exactly (data
# included), so that down then up gives back the same data and schema. Nothing
# in the data depends on the clock or on sequences: the rows are the same on
# every run.
set -euo pipefail
export LC_ALL=C

dialect="${1:?postgres|sqlite}"
dir="${2:?directory}"
insert_rows="${3:-300000}"
backfill_rows="${4:-200000}"
[[ "$dialect" == postgres || "$dialect" == sqlite ]] || {
  echo "make_series.sh: dialect must be postgres or sqlite" >&2
  exit 2
}
for v in insert_rows backfill_rows; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || {
    echo "make_series.sh: ${v^^} must be a positive integer" >&2
    exit 2
  }
done
mkdir -p "$dir/rollback"

pg() { [[ "$dialect" == postgres ]]; }
# What differs between the dialects, as words to splice into shared text.
if pg; then
  conc="CONCURRENTLY " # CREATE/DROP INDEX without blocking writes
else
  conc=""
fi
# A row source `g` of 1..$1 for INSERT ... SELECT.
series() {
  if pg; then
    echo "generate_series(1, $1) AS s(g)"
  else
    echo "(WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < $1) SELECT g FROM s) AS s"
  fi
}

# up NNN NAME < SQL, rollback NNN < SQL: one file each from stdin.
up() { cat >"$dir/$1_$2.sql"; }
rollback() { cat >"$dir/rollback/$1_rollback.sql"; }
# Seed rows for i in FIRST..LAST, one a line, from a format in which every %d
# stands for i and %% for %; rows end with "," and the last with ";".
seed_rows() {
  local first=$1 last=$2 fmt=$3 i line
  for ((i = first; i <= last; i++)); do
    line="${fmt//%d/$i}"
    line="${line//%%/%}"
    if ((i == last)); then echo "  $line;"; else echo "  $line,"; fi
  done
}

# ---------------------------------------------------------------- 001-010: the shop
up 001 create_customers <<'EOF'
CREATE TABLE customers (
  id bigint PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL UNIQUE
);
EOF
rollback 001 <<<'DROP TABLE customers;'

up 002 create_products <<'EOF'
CREATE TABLE products (
  id bigint PRIMARY KEY,
  sku text NOT NULL UNIQUE,
  title text NOT NULL,
  price numeric(10, 2) NOT NULL CHECK (price >= 0)
);
EOF
rollback 002 <<<'DROP TABLE products;'

up 003 create_orders <<'EOF'
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  status text NOT NULL DEFAULT 'new'
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
EOF
rollback 003 <<<'DROP TABLE orders;'

up 004 create_order_items <<'EOF'
CREATE TABLE order_items (
  order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id bigint NOT NULL REFERENCES products (id),
  qty integer NOT NULL CHECK (qty > 0),
  PRIMARY KEY (order_id, product_id)
);
EOF
rollback 004 <<<'DROP TABLE order_items;'

{
  echo "INSERT INTO customers (id, name, email) VALUES"
  seed_rows 1 20 "(%d, 'customer %d', 'c%d@example.com')"
} | up 005 seed_customers
rollback 005 <<<'DELETE FROM customers WHERE id BETWEEN 1 AND 20;'

{
  echo "INSERT INTO products (id, sku, title, price) VALUES"
  seed_rows 1 15 "(%d, 'SKU-%d', 'product %d', %d.50)"
} | up 006 seed_products
rollback 006 <<<'DELETE FROM products WHERE id BETWEEN 1 AND 15;'

# The audit trigger: every new order leaves a row in order_audit.
if pg; then
  up 007 create_order_audit <<'EOF'
CREATE TABLE order_audit (
  order_id bigint NOT NULL,
  op text NOT NULL,
  status text NOT NULL
);
CREATE FUNCTION orders_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO order_audit (order_id, op, status) VALUES (NEW.id, TG_OP, NEW.status);
  RETURN NEW;
END
$$;
CREATE TRIGGER orders_audit_trg AFTER INSERT ON orders
  FOR EACH ROW EXECUTE FUNCTION orders_audit();
EOF
  rollback 007 <<'EOF'
DROP TRIGGER orders_audit_trg ON orders;
DROP FUNCTION orders_audit();
DROP TABLE order_audit;
EOF
else
  up 007 create_order_audit <<'EOF'
CREATE TABLE order_audit (
  order_id bigint NOT NULL,
  op text NOT NULL,
  status text NOT NULL
);
CREATE TRIGGER orders_audit_trg AFTER INSERT ON orders
BEGIN
  INSERT INTO order_audit (order_id, op, status) VALUES (NEW.id, 'INSERT', NEW.status);
END;
EOF
  rollback 007 <<'EOF'
DROP TRIGGER orders_audit_trg;
DROP TABLE order_audit;
EOF
fi

# Orders FIRST..LAST with two items each, and the rollback that removes them and
# what the trigger wrote.
seed_orders() {
  local v=$1 first=$2 last=$3
  {
    echo "INSERT INTO orders (id, customer_id) VALUES"
    local i sep
    for ((i = first; i <= last; i++)); do
      sep=","
      ((i == last)) && sep=";"
      echo "  ($i, $((i % 20 + 1)))$sep"
    done
    echo "INSERT INTO order_items (order_id, product_id, qty) VALUES"
    for ((i = first; i <= last; i++)); do
      sep=","
      ((i == last)) && sep=";"
      echo "  ($i, $((i % 15 + 1)), $((i % 4 + 1))), ($i, $(((i + 7) % 15 + 1)), 1)$sep"
    done
  } | up "$v" "seed_orders_$first"
  rollback "$v" <<EOF
DELETE FROM order_items WHERE order_id BETWEEN $first AND $last;
DELETE FROM order_audit WHERE order_id BETWEEN $first AND $last;
DELETE FROM orders WHERE id BETWEEN $first AND $last;
EOF
}
seed_orders 008 1 30

if pg; then
  up 009 order_totals <<'EOF'
CREATE FUNCTION order_total(p_order bigint) RETURNS numeric LANGUAGE plpgsql STABLE AS $$
DECLARE
  total numeric;
BEGIN
  SELECT coalesce(sum(i.qty * p.price), 0) INTO total
  FROM order_items i JOIN products p ON p.id = i.product_id
  WHERE i.order_id = p_order;
  RETURN total;
END
$$;
CREATE VIEW order_totals AS SELECT o.id, order_total(o.id) AS total FROM orders o;
EOF
  rollback 009 <<'EOF'
DROP VIEW order_totals;
DROP FUNCTION order_total(bigint);
EOF
else
  up 009 order_totals <<'EOF'
CREATE VIEW order_totals AS
  SELECT o.id, coalesce(sum(i.qty * p.price), 0) AS total
  FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
  LEFT JOIN products p ON p.id = i.product_id
  GROUP BY o.id;
EOF
  rollback 009 <<<'DROP VIEW order_totals;'
fi

up 010 customers_add_tier <<'EOF'
ALTER TABLE customers ADD COLUMN tier text NOT NULL DEFAULT 'basic';
UPDATE customers SET tier = 'gold' WHERE id % 5 = 0;
EOF
rollback 010 <<<'ALTER TABLE customers DROP COLUMN tier;'

# ---------------------------------------------------------------- 011-015: bulk data
up 011 create_events <<'EOF'
CREATE TABLE events (
  kind integer NOT NULL,
  customer_id bigint,
  payload text NOT NULL
);
EOF
rollback 011 <<<'DROP TABLE events;'

# No unique key on events: a second application doubles its rows.
up 012 events_load <<EOF
-- strata:no-transaction
INSERT INTO events (kind, customer_id, payload)
  SELECT g % 50, g % 20 + 1, 'event ' || g || ' of customer ' || (g % 20 + 1) || ', kind ' || (g % 50)
  FROM $(series "$insert_rows");
CREATE INDEX ${conc}events_kind_idx ON events (kind);
CREATE INDEX ${conc}events_payload_idx ON events (payload);
EOF
rollback 012 <<EOF
-- strata:no-transaction
DROP INDEX ${conc}events_payload_idx;
DROP INDEX ${conc}events_kind_idx;
DELETE FROM events;
EOF

up 013 create_big <<EOF
CREATE TABLE big (
  id integer PRIMARY KEY,
  n integer NOT NULL DEFAULT 0,
  label text NOT NULL
);
INSERT INTO big (id, n, label) SELECT g, g % 7, 'row ' || g || ' of the big table' FROM $(series "$backfill_rows");
CREATE INDEX big_label_idx ON big (label);
EOF
rollback 013 <<<'DROP TABLE big;'

seed_orders 014 31 60

# An increment: a batch run twice (or skipped) changes the data.
up 015 big_backfill <<'EOF'
-- strata:backfill table=big key=id batch=5000
UPDATE big SET n = n + 1 WHERE id > :lo AND id <= :hi;
EOF
rollback 015 <<<'UPDATE big SET n = n - 1;'

# ---------------------------------------------------------------- 016-025
up 016 products_add_stock <<'EOF'
ALTER TABLE products ADD COLUMN stock integer NOT NULL DEFAULT 0;
UPDATE products SET stock = id * 3;
EOF
rollback 016 <<<'ALTER TABLE products DROP COLUMN stock;'

up 017 create_payments <<'EOF'
CREATE TABLE payments (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  amount numeric(10, 2) NOT NULL
);
CREATE INDEX payments_order_idx ON payments (order_id);
EOF
rollback 017 <<<'DROP TABLE payments;'

{
  echo "INSERT INTO payments (id, order_id, amount) VALUES"
  seed_rows 1 40 "(%d, %d, %d.25)"
} | up 018 seed_payments
rollback 018 <<<'DELETE FROM payments WHERE id BETWEEN 1 AND 40;'

up 019 events_by_customer <<EOF
-- strata:no-transaction
CREATE INDEX ${conc}events_customer_idx ON events (customer_id, payload);
ALTER TABLE events ADD COLUMN note text;
INSERT INTO events (kind, customer_id, payload, note) VALUES
  (99, 1, 'marker 19a', 'once'),
  (99, 2, 'marker 19b', 'once');
EOF
rollback 019 <<EOF
-- strata:no-transaction
DELETE FROM events WHERE kind = 99;
ALTER TABLE events DROP COLUMN note;
DROP INDEX ${conc}events_customer_idx;
EOF

# SQLite cannot drop a column that is part of a foreign key (the rollback).
fk_categories=""
pg && fk_categories=" REFERENCES categories (id)"
up 020 create_categories <<EOF
CREATE TABLE categories (
  id bigint PRIMARY KEY,
  name text NOT NULL UNIQUE
);
ALTER TABLE products ADD COLUMN category_id bigint$fk_categories;
EOF
rollback 020 <<'EOF'
ALTER TABLE products DROP COLUMN category_id;
DROP TABLE categories;
EOF

{
  echo "INSERT INTO categories (id, name) VALUES"
  seed_rows 1 5 "(%d, 'category %d')"
  echo "UPDATE products SET category_id = id % 5 + 1;"
} | up 021 seed_categories
rollback 021 <<'EOF'
UPDATE products SET category_id = NULL;
DELETE FROM categories WHERE id BETWEEN 1 AND 5;
EOF

up 022 create_shipments <<'EOF'
CREATE TABLE shipments (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  carrier text NOT NULL,
  weight_g integer NOT NULL
);
EOF
rollback 022 <<<'DROP TABLE shipments;'

if pg; then
  up 023 shipping_cost <<'EOF'
CREATE FUNCTION shipping_cost(p_weight_g integer) RETURNS numeric LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF p_weight_g <= 1000 THEN
    RETURN 4.90;
  END IF;
  RETURN 4.90 + ceil((p_weight_g - 1000) / 500.0) * 1.10;
END
$$;
CREATE VIEW shipment_costs AS SELECT id, shipping_cost(weight_g) AS cost FROM shipments;
EOF
  rollback 023 <<'EOF'
DROP VIEW shipment_costs;
DROP FUNCTION shipping_cost(integer);
EOF
else
  up 023 shipping_cost <<'EOF'
CREATE VIEW shipment_costs AS
  SELECT id, CASE WHEN weight_g <= 1000 THEN 4.90
                  ELSE 4.90 + ((weight_g - 1000 + 499) / 500) * 1.10 END AS cost
  FROM shipments;
EOF
  rollback 023 <<<'DROP VIEW shipment_costs;'
fi

{
  echo "INSERT INTO shipments (id, order_id, carrier, weight_g) VALUES"
  seed_rows 1 25 "(%d, %d, 'carrier', %d00)"
} | up 024 seed_shipments
rollback 024 <<<'DELETE FROM shipments WHERE id BETWEEN 1 AND 25;'

up 025 orders_add_note <<'EOF'
ALTER TABLE orders ADD COLUMN note text;
UPDATE orders SET note = 'note ' || id WHERE id % 3 = 0;
EOF
rollback 025 <<<'ALTER TABLE orders DROP COLUMN note;'

# ---------------------------------------------------------------- 026-036
up 026 events_index_swap <<EOF
DROP INDEX ${conc}events_kind_idx;
CREATE INDEX ${conc}events_kind_customer_idx ON events (kind, customer_id, payload);
ALTER TABLE events ADD COLUMN source text DEFAULT 'import';
EOF
rollback 026 <<EOF
ALTER TABLE events DROP COLUMN source;
DROP INDEX ${conc}events_kind_customer_idx;
CREATE INDEX ${conc}events_kind_idx ON events (kind);
EOF

{
  echo "INSERT INTO customers (id, name, email) VALUES"
  seed_rows 21 40 "(%d, 'customer %d', 'c%d@example.com')"
} | up 027 seed_more_customers
rollback 027 <<<'DELETE FROM customers WHERE id BETWEEN 21 AND 40;'

up 028 create_reviews <<'EOF'
CREATE TABLE reviews (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  product_id bigint NOT NULL REFERENCES products (id),
  stars integer NOT NULL CHECK (stars BETWEEN 1 AND 5),
  body text
);
EOF
rollback 028 <<<'DROP TABLE reviews;'

{
  echo "INSERT INTO reviews (id, customer_id, product_id, stars, body) VALUES"
  seed_rows 1 30 "(%d, %d %% 40 + 1, %d %% 15 + 1, %d %% 5 + 1, 'fine')"
} | up 029 seed_reviews
rollback 029 <<<'DELETE FROM reviews WHERE id BETWEEN 1 AND 30;'

up 030 orders_status_idx <<<'CREATE INDEX orders_status_idx ON orders (status);'
rollback 030 <<<'DROP INDEX orders_status_idx;'

up 031 create_tags <<'EOF'
CREATE TABLE tags (
  id bigint PRIMARY KEY,
  label text NOT NULL UNIQUE
);
CREATE TABLE product_tags (
  product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  tag_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (product_id, tag_id)
);
EOF
rollback 031 <<'EOF'
DROP TABLE product_tags;
DROP TABLE tags;
EOF

{
  echo "INSERT INTO tags (id, label) VALUES"
  seed_rows 1 6 "(%d, 'tag %d')"
  echo "INSERT INTO product_tags (product_id, tag_id) VALUES"
  seed_rows 1 15 "(%d, %d %% 6 + 1)"
} | up 032 seed_tags
rollback 032 <<'EOF'
DELETE FROM product_tags;
DELETE FROM tags WHERE id BETWEEN 1 AND 6;
EOF

up 033 reviews_rename_body <<<'ALTER TABLE reviews RENAME COLUMN body TO comment;'
rollback 033 <<<'ALTER TABLE reviews RENAME COLUMN comment TO body;'

up 034 customer_orders_view <<'EOF'
CREATE VIEW customer_orders AS
  SELECT c.id AS customer_id, c.name, count(o.id) AS orders
  FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
  GROUP BY c.id, c.name;
EOF
rollback 034 <<<'DROP VIEW customer_orders;'

up 035 big_add_flag <<'EOF'
ALTER TABLE big ADD COLUMN flag boolean NOT NULL DEFAULT false;
EOF
rollback 035 <<<'ALTER TABLE big DROP COLUMN flag;'

up 036 big_index <<EOF
BEGIN;
ALTER TABLE big ADD COLUMN tag text;
INSERT INTO events (kind, customer_id, payload)
  SELECT 77, g % 20 + 1, 'late ' || g FROM $(series 1000);
COMMIT;
CREATE INDEX ${conc}big_n_idx ON big (n, label);
DROP INDEX ${conc}events_customer_idx;
BEGIN;
INSERT INTO events (kind, customer_id, payload)
  SELECT 78, g % 20 + 1, 'later ' || g FROM $(series 500);
UPDATE big SET tag = 'tagged' WHERE n % 1000 = 0;
COMMIT;
EOF
rollback 036 <<EOF
CREATE INDEX ${conc}events_customer_idx ON events (customer_id, payload);
BEGIN;
DELETE FROM events WHERE kind IN (77, 78);
ALTER TABLE big DROP COLUMN tag;
COMMIT;
DROP INDEX ${conc}big_n_idx;
EOF

# ---------------------------------------------------------------- 037-050
seed_orders 037 61 90

up 038 create_coupons <<'EOF'
CREATE TABLE coupons (
  code text PRIMARY KEY,
  percent integer NOT NULL CHECK (percent BETWEEN 1 AND 100),
  customer_id bigint REFERENCES customers (id)
);
EOF
rollback 038 <<<'DROP TABLE coupons;'

{
  echo "INSERT INTO coupons (code, percent, customer_id) VALUES"
  seed_rows 1 12 "('C%d', %d %% 50 + 1, %d)"
} | up 039 seed_coupons
rollback 039 <<<'DELETE FROM coupons;'

up 040 payments_add_method <<'EOF'
ALTER TABLE payments ADD COLUMN method text NOT NULL DEFAULT 'card';
UPDATE payments SET method = 'invoice' WHERE id % 4 = 0;
EOF
rollback 040 <<<'ALTER TABLE payments DROP COLUMN method;'

up 041 create_inventory_log <<'EOF'
CREATE TABLE inventory_log (
  product_id bigint NOT NULL REFERENCES products (id),
  delta integer NOT NULL,
  reason text NOT NULL
);
CREATE INDEX inventory_log_product_idx ON inventory_log (product_id);
EOF
rollback 041 <<<'DROP TABLE inventory_log;'

{
  echo "INSERT INTO inventory_log (product_id, delta, reason) VALUES"
  seed_rows 1 15 "(%d, %d * 10, 'initial')"
} | up 042 seed_inventory_log
rollback 042 <<<"DELETE FROM inventory_log WHERE reason = 'initial';"

up 043 update_prices <<<'UPDATE products SET price = price + 1 WHERE id % 2 = 0;'
rollback 043 <<<'UPDATE products SET price = price - 1 WHERE id % 2 = 0;'

up 044 create_settings <<'EOF'
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO settings (key, value) VALUES ('schema_level', '44'), ('currency', 'EUR');
EOF
rollback 044 <<<'DROP TABLE settings;'

if pg; then
  up 045 customer_rank <<'EOF'
CREATE FUNCTION customer_rank(p_customer bigint) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  n integer;
BEGIN
  SELECT count(*) INTO n FROM orders WHERE customer_id = p_customer;
  RETURN CASE WHEN n >= 5 THEN 'frequent' WHEN n > 0 THEN 'occasional' ELSE 'none' END;
END
$$;
EOF
  rollback 045 <<<'DROP FUNCTION customer_rank(bigint);'
else
  up 045 customer_rank <<'EOF'
CREATE VIEW customer_ranks AS
  SELECT c.id, CASE WHEN count(o.id) >= 5 THEN 'frequent' WHEN count(o.id) > 0 THEN 'occasional'
                    ELSE 'none' END AS rank
  FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
  GROUP BY c.id;
EOF
  rollback 045 <<<'DROP VIEW customer_ranks;'
fi

up 046 create_sessions <<'EOF'
CREATE TABLE sessions (
  token text PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE
);
EOF
rollback 046 <<<'DROP TABLE sessions;'

up 047 orders_add_priority <<'EOF'
ALTER TABLE orders ADD COLUMN priority integer NOT NULL DEFAULT 0;
UPDATE orders SET priority = 1 WHERE id % 10 = 0;
CREATE INDEX orders_priority_idx ON orders (priority);
EOF
rollback 047 <<'EOF'
DROP INDEX orders_priority_idx;
ALTER TABLE orders DROP COLUMN priority;
EOF

{
  echo "INSERT INTO payments (id, order_id, amount) VALUES"
  seed_rows 41 80 "(%d, %d, %d.75)"
} | up 048 seed_more_payments
rollback 048 <<<'DELETE FROM payments WHERE id BETWEEN 41 AND 80;'

up 049 order_items_product_idx <<<'CREATE INDEX order_items_product_idx ON order_items (product_id);'
rollback 049 <<<'DROP INDEX order_items_product_idx;'

up 050 settings_level <<<"UPDATE settings SET value = '50' WHERE key = 'schema_level';"
rollback 050 <<<"UPDATE settings SET value = '44' WHERE key = 'schema_level';"
