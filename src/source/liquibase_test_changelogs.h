// Formatted SQL changelogs in the shapes Liquibase's checksum must survive, shared
// by the unit test of the checksum (liquibase_checksum_test.cc: the MD5SUMs
// Liquibase 4.28.0 wrote for these very texts) and the integration test in which
// Liquibase itself applies them and strata adopts its history
// (tests/integration/liquibase_checksum_test.cc). Test code only.
#pragma once

namespace strata::source::testing {

// Several statements, comments, blank lines, tabs, trailing blanks, UTF-8, a
// --comment, rollbacks in lines and in a block, splitStatements:false,
// runInTransaction:false and preconditions.
inline constexpr const char* kAwkwardChangelog =
    "--liquibase formatted sql\n"
    "\n"
    "-- a comment before the first changeset\n"
    "\n"
    "--changeset alice:create-items\n"
    "--comment: several statements, comments and blank lines\n"
    "CREATE TABLE items (\n"
    "    id integer PRIMARY KEY,   \n"
    "\tname text NOT NULL,\n"
    "    note text\n"
    ");\n"
    "\n"
    "-- a comment between statements\n"
    "INSERT INTO items (id, name, note) VALUES (1, 'caf\xC3\xA9', 'two  spaces');   \n"
    "INSERT INTO items (id, name) VALUES (2, 'b'); -- a trailing comment\n"
    "\n"
    "\n"
    "--rollback DELETE FROM items;\n"
    "--rollback DROP TABLE items;\n"
    "\n"
    "--changeset alice:items-view splitStatements:false\n"
    "CREATE VIEW item_names AS\n"
    "  SELECT name FROM items;   \n"
    "--rollback DROP VIEW item_names;\n"
    "\n"
    "--changeset bob:items-index runInTransaction:false\n"
    "/* a multi-line comment\n"
    "   before the statement; a semicolon in it */\n"
    "CREATE INDEX items_name ON items (name);\n"
    "/* liquibase rollback\n"
    "DROP INDEX items_name;\n"
    "*/\n"
    "\n"
    "--changeset bob:notes\n"
    "--preconditions onFail:HALT onError:HALT\n"
    "--precondition-sql-check expectedResult:2 SELECT count(*) FROM items\n"
    "UPDATE items SET note = 'seen' WHERE note IS NULL;\n"
    "--rollback empty\n";

// CRLF line endings throughout, one inside a string literal.
inline constexpr const char* kCrlfChangelog =
    "--liquibase formatted sql\r\n"
    "\r\n"
    "--changeset carol:crlf\r\n"
    "CREATE TABLE crlf_notes (id integer PRIMARY KEY, body text);\r\n"
    "INSERT INTO crlf_notes VALUES (1, 'line\r\n"
    "two');  \r\n"
    "--rollback DROP TABLE crlf_notes;\r\n";

}  // namespace strata::source::testing
