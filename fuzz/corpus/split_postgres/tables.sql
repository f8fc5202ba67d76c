CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL DEFAULT 'none;yet');
INSERT INTO accounts VALUES (1, 'it''s'), (2, E'tab\there\'s');
-- a comment; with a semicolon
ALTER TABLE accounts ADD COLUMN created_at timestamptz DEFAULT now();
