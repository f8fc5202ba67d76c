-- Every object kind strata reads from SQLite, built one way; sqlite_every_kind_reordered.sql
-- builds the same schema another way, and the schema dump tests need both to dump alike.
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name text DEFAULT 'anon' CHECK (length(name) < 100),
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  score REAL DEFAULT -1.5,
  name_upper TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL,
  name_len INTEGER AS (length(name)) STORED
);
CREATE TABLE orders (
  id INTEGER NOT NULL,
  user_id INTEGER NOT NULL CONSTRAINT fk_orders_user REFERENCES users (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  total NUMERIC(10,2) CHECK (total>=0),
  note BLOB DEFAULT x'00ff',
  CONSTRAINT pk_orders PRIMARY KEY (id),
  CONSTRAINT ck_total_max CHECK (total < 1000000),
  UNIQUE (user_id, id)
);
CREATE TABLE kv (k TEXT PRIMARY KEY, v ANY) WITHOUT ROWID, STRICT;
CREATE INDEX idx_orders_total ON orders (total DESC, user_id) WHERE total > 0;
CREATE UNIQUE INDEX uq_users_lower_email ON users (lower(email));
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
CREATE VIEW order_ids (order_id) AS SELECT id FROM big_orders;
CREATE TRIGGER trg_orders_audit AFTER INSERT ON orders BEGIN
  UPDATE users SET score = score + 1 WHERE id = NEW.user_id;
END;
CREATE TABLE strata_schema_history (x);
CREATE TABLE strata_schema_history_meta (x);
CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = 'porter');
