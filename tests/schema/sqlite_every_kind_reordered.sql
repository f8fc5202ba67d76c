-- The schema of sqlite_every_kind.sql written differently: other creation order, column
-- constraints as table constraints and back, other spacing and case, a column added by ALTER TABLE.
create table strata_schema_history_meta (y);
create virtual table docs using fts5( body,tokenize='porter' );
CREATE TABLE kv (k TEXT, v ANY, PRIMARY KEY (k)) STRICT, WITHOUT ROWID;
CREATE VIEW order_ids (order_id) AS SELECT id FROM big_orders;
CREATE TABLE orders (
  id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  total NUMERIC(10,2) CHECK (total >= 0),
  CONSTRAINT pk_orders PRIMARY KEY (id),
  CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  UNIQUE (user_id, id),
  CONSTRAINT ck_total_max CHECK (total < 1000000)
);
ALTER TABLE orders ADD COLUMN note BLOB DEFAULT x'00ff';
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name text DEFAULT ('anon') CHECK (length( name ) < 100),
  created_at TEXT NOT NULL DEFAULT (datetime( 'now' )),
  score REAL DEFAULT (-1.5),
  name_upper TEXT AS (upper(name)),
  name_len INTEGER GENERATED ALWAYS AS (length(name)) STORED
);
CREATE TRIGGER trg_orders_audit AFTER INSERT ON orders
BEGIN
  UPDATE users   SET score = score + 1 WHERE id = NEW.user_id;
END;
CREATE UNIQUE INDEX uq_users_lower_email ON users (lower( email ));
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
CREATE INDEX IF NOT EXISTS idx_orders_total ON orders(total DESC, user_id) WHERE total>0;
