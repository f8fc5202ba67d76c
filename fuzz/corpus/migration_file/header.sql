-- Version: 2.1.0
-- Author: Ada Example <ada@example.org>
-- Ticket: DB-42
-- Breaking: true
-- Depends: 001, 004
-- strata:no-transaction
-- Adds the accounts table.
CREATE INDEX CONCURRENTLY accounts_name_idx ON accounts (name);
