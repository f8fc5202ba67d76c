#include "source/header.h"

#include <gtest/gtest.h>

namespace strata::source {
namespace {

const std::string kPath = "migrations/001_x.sql";

Metadata MustParse(std::string_view text) {
  Result<Metadata> r = ParseMetadata(text, kPath);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Metadata{};
}

Sections MustSplit(std::string_view text) {
  Result<Sections> r = SplitSections(text, kPath);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Sections{};
}

// ---------------------------------------------------------------------------
// ParseMetadata

TEST(ParseMetadata, ReadsEveryKnownKey) {
  const Metadata m = MustParse(
      "-- Version: 2.1.0\n"
      "-- Author: Jane Doe <jane@example.com>\n"
      "-- Ticket: OPS-42\n"
      "-- Breaking: true\n"
      "-- Depends: 001, 004\n"
      "CREATE TABLE t (a int);\n");
  EXPECT_EQ(m.schema_version, "2.1.0");
  EXPECT_EQ(m.author, "Jane Doe <jane@example.com>");
  EXPECT_EQ(m.ticket, "OPS-42");
  ASSERT_TRUE(m.breaking.has_value());
  EXPECT_TRUE(*m.breaking);
  EXPECT_EQ(m.depends, (std::vector<std::string>{"001", "004"}));
  EXPECT_FALSE(m.no_transaction);
}

TEST(ParseMetadata, AbsentKeysStayEmpty) {
  const Metadata m = MustParse("CREATE TABLE t (a int);\n");
  EXPECT_EQ(m.schema_version, "");
  EXPECT_EQ(m.author, "");
  EXPECT_FALSE(m.breaking.has_value());
  EXPECT_TRUE(m.depends.empty());
  EXPECT_FALSE(m.no_transaction);
}

TEST(ParseMetadata, KeysAreCaseInsensitiveAndValuesTrimmed) {
  const Metadata m = MustParse("--version:1.0.0-rc.1  \n--   BREAKING :  False\n-- AUTHOR:  x  \n");
  EXPECT_EQ(m.schema_version, "1.0.0-rc.1");
  ASSERT_TRUE(m.breaking.has_value());
  EXPECT_FALSE(*m.breaking);
  EXPECT_EQ(m.author, "x");
}

TEST(ParseMetadata, ReadsDependencyListsInBothSpellings) {
  struct Case {
    const char* line;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"-- Depends: 001", {"001"}},
      {"-- Depends: 001, 004", {"001", "004"}},
      {"-- Dependencies: [20250101_090000, 20250102_090000]",
       {"20250101_090000", "20250102_090000"}},
      {"-- dependencies: [a,b,]", {"a", "b"}},
      {"-- Depends: []", {}},
      {"-- Depends:", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(MustParse(c.line).depends, c.want) << c.line;
}

TEST(ParseMetadata, ReadsNoTransactionDirective) {
  EXPECT_TRUE(MustParse("-- strata:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);\n")
                  .no_transaction);
  EXPECT_TRUE(MustParse("-- Author: x\n--  STRATA:NO-TRANSACTION  \n").no_transaction);
  EXPECT_FALSE(MustParse("-- strata:no-transactions\n").no_transaction);
}

TEST(ParseMetadata, HeaderEndsAtTheFirstSqlLine) {
  const Metadata m = MustParse(
      "-- Author: a\n"
      "\n"
      "CREATE TABLE t (a int);\n"
      "-- Author: b\n"
      "-- Version: not checked here\n"
      "-- strata:no-transaction\n");
  EXPECT_EQ(m.author, "a");
  EXPECT_EQ(m.schema_version, "");
  EXPECT_FALSE(m.no_transaction);
}

TEST(ParseMetadata, IgnoresProseAndMarkerLines) {
  const Metadata m = MustParse(
      "-- This migration adds users.\n"
      "-- Note: run during the maintenance window\n"
      "-- strata:up\n"
      "-- Ticket: T-1\n"
      "CREATE TABLE users (id int);\n");
  EXPECT_EQ(m.ticket, "T-1");
}

TEST(ParseMetadata, BadValuesAreErrorsAtTheirLine) {
  struct Case {
    const char* text;
    int line;
    const char* value;
  };
  const Case cases[] = {
      {"-- Version: 2.1\n", 1, "2.1"},
      {"-- Author: a\n\n-- Version: v2.1.0\n", 3, "v2.1.0"},
      {"-- Version: 2.1.0.4\n", 1, "2.1.0.4"},
      {"-- Version:\n", 1, "Version"},
      {"-- Author: a\n-- Breaking: yes\n", 2, "yes"},
      {"-- Author: a\n-- Ticket: b\n-- strata:up\n-- Breaking: 1\n", 4, "1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const Result<Metadata> r = ParseMetadata(c.text, kPath);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().is_invalid_input());
    EXPECT_EQ(r.status().context().file, kPath);
    EXPECT_EQ(r.status().context().line, c.line);
    EXPECT_NE(r.status().message().find(c.value), std::string::npos) << r.status().message();
  }
}

// ---------------------------------------------------------------------------
// SplitSections

TEST(SplitSections, FileWithoutMarkersIsAllUp) {
  const std::string text = "-- Author: a\nCREATE TABLE t (a int);\n";
  const Sections s = MustSplit(text);
  EXPECT_FALSE(s.has_markers);
  EXPECT_EQ(s.up.sql, text);
  EXPECT_EQ(s.up.first_line, 1);
  EXPECT_EQ(s.up.path, kPath);
  EXPECT_FALSE(s.down.has_value());
  EXPECT_FALSE(s.no_transaction);
}

TEST(SplitSections, CutsAtStrataMarkersWithTheirFirstLines) {
  const Sections s = MustSplit(
      "-- Author: a\n"             // 1
      "-- strata:up\n"             // 2
      "CREATE TABLE t (a int);\n"  // 3
      "\n"                         // 4
      "-- strata:down\n"           // 5
      "DROP TABLE t;\n");          // 6
  EXPECT_TRUE(s.has_markers);
  EXPECT_EQ(s.up.sql, "CREATE TABLE t (a int);\n\n");
  EXPECT_EQ(s.up.first_line, 3);
  ASSERT_TRUE(s.down.has_value());
  EXPECT_EQ(s.down->sql, "DROP TABLE t;\n");
  EXPECT_EQ(s.down->first_line, 6);
  EXPECT_EQ(s.down->path, kPath);
  EXPECT_FALSE(s.no_transaction);
}

TEST(SplitSections, ReadsDbmateMarkersAndTransactionFalse) {
  const Sections s = MustSplit(
      "-- migrate:up transaction:false\n"
      "CREATE INDEX CONCURRENTLY i ON t (a);\n"
      "-- migrate:down\n"
      "DROP INDEX i;\n");
  EXPECT_TRUE(s.has_markers);
  EXPECT_TRUE(s.no_transaction);
  EXPECT_EQ(s.up.sql, "CREATE INDEX CONCURRENTLY i ON t (a);\n");
  EXPECT_EQ(s.up.first_line, 2);
  ASSERT_TRUE(s.down.has_value());
  EXPECT_EQ(s.down->sql, "DROP INDEX i;\n");
  EXPECT_EQ(s.down->first_line, 4);
  EXPECT_FALSE(MustSplit("-- migrate:up\nSELECT 1;\n").no_transaction);
}

// A tab ends a marker as a blank does, and the option is read without case and
// only as a word of its own (known_directives.h rejects other words).
TEST(SplitSections, ReadsTransactionFalseAfterATabAndInAnyCase) {
  const Sections s = MustSplit("-- migrate:up\tTransaction:False\nA;\n-- strata:down\t\nB;\n");
  EXPECT_TRUE(s.no_transaction);
  EXPECT_EQ(s.up.sql, "A;\n");
  ASSERT_TRUE(s.down.has_value());
  EXPECT_EQ(s.down->sql, "B;\n");
  EXPECT_FALSE(MustSplit("-- migrate:up notransaction:falsely\nA;\n").no_transaction);
}

TEST(SplitSections, MarkersAreCaseInsensitiveAndMustBeWholeWords) {
  const Sections s = MustSplit("  -- STRATA:UP\nA;\n--strata:Down\nB;\n");
  EXPECT_EQ(s.up.sql, "A;\n");
  ASSERT_TRUE(s.down.has_value());
  EXPECT_EQ(s.down->sql, "B;\n");

  const Sections not_markers = MustSplit("-- strata:upgrade\n-- strata:downtime\nA;\n");
  EXPECT_FALSE(not_markers.has_markers);
  EXPECT_FALSE(not_markers.down.has_value());
}

TEST(SplitSections, DownOnlyFileTakesEverythingAboveAsUp) {
  const Sections s = MustSplit(
      "CREATE TABLE t (a int);\n"  // 1
      "-- strata:down\n"           // 2
      "DROP TABLE t;\n");          // 3
  EXPECT_TRUE(s.has_markers);
  EXPECT_EQ(s.up.sql, "CREATE TABLE t (a int);\n");
  EXPECT_EQ(s.up.first_line, 1);
  ASSERT_TRUE(s.down.has_value());
  EXPECT_EQ(s.down->sql, "DROP TABLE t;\n");
  EXPECT_EQ(s.down->first_line, 3);
}

TEST(SplitSections, MarkerOnTheLastLineGivesAnEmptySection) {
  const Sections s = MustSplit("-- strata:up\nSELECT 1;\n-- strata:down");
  EXPECT_EQ(s.up.sql, "SELECT 1;\n");
  ASSERT_TRUE(s.down.has_value());
  EXPECT_EQ(s.down->sql, "");
}

TEST(SplitSections, MisplacedMarkersAreErrorsAtTheirLine) {
  struct Case {
    const char* text;
    int line;
  };
  const Case cases[] = {
      {"-- strata:up\nA;\n-- strata:up\nB;\n", 3},
      {"-- strata:up\nA;\n-- strata:down\nB;\n-- strata:down\n", 5},
      {"-- migrate:up\nA;\n-- strata:up\n", 3},  // either spelling counts as the same marker
      {"-- strata:down\nB;\n-- strata:up\nA;\n", 3},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const Result<Sections> r = SplitSections(c.text, kPath);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().is_invalid_input());
    EXPECT_EQ(r.status().context().file, kPath);
    EXPECT_EQ(r.status().context().line, c.line);
  }
}

// ---------------------------------------------------------------------------
// Seed 003's template, read in place

TEST(SplitSections, ARollbackCommentStartsTheDownSection) {
  const std::string text =
      "-- Migration: Add user preferences\n"
      "BEGIN;\n"
      "CREATE TABLE prefs (id int);\n"
      "COMMIT;\n"
      "\n"
      "-- Rollback: Drop the preferences table\n"
      "BEGIN;\n"
      "DROP TABLE prefs;\n"
      "COMMIT;\n";
  const Sections s = MustSplit(text);
  EXPECT_EQ(s.up.sql.find("DROP TABLE"), std::string::npos) << s.up.sql;
  ASSERT_TRUE(s.down.has_value());
  EXPECT_EQ(s.down->first_line, 7);
  EXPECT_NE(s.down->sql.find("DROP TABLE prefs"), std::string::npos);
}

TEST(SplitSections, TheTemplatesPhasesRollbackAndValidation) {
  const std::string text =
      "-- Migration: users.email_verified\n"
      "-- ID: 20251120_150000_schema_email_verified\n"
      "-- Database: postgresql\n"
      "-- Created: 2025-11-20\n"
      "-- Dependencies: [20251101_090000_schema_users]\n"
      "\n"
      "-- Phase 1: EXPAND (deploy the database change first)\n"
      "ALTER TABLE users ADD COLUMN email_verified boolean;\n"
      "\n"
      "-- Phase 2: MIGRATE (optional)\n"
      "-- Data migration logic\n"
      "\n"
      "-- Phase 3: CONTRACT (after every instance is updated)\n"
      "ALTER TABLE users ALTER COLUMN email_verified SET NOT NULL;\n"
      "\n"
      "-- Rollback: drop the column\n"
      "ALTER TABLE users DROP COLUMN email_verified;\n"
      "\n"
      "-- Validation:\n"
      "-- SELECT count(*) FROM users WHERE email_verified IS NULL; -- should be 0\n";
  const Sections s = MustSplit(text);
  ASSERT_EQ(s.phases.size(), 2u);  // the migrate phase holds comments only
  EXPECT_EQ(s.phases[0].phase, Phase::kExpand);
  EXPECT_EQ(s.phases[1].phase, Phase::kContract);
  EXPECT_NE(s.phases[1].up.sql.find("SET NOT NULL"), std::string::npos);
  EXPECT_EQ(s.phases[1].up.sql.find("DROP COLUMN"), std::string::npos) << s.phases[1].up.sql;
  // The rollback undoes the whole file when the expand phase is rolled back.
  ASSERT_TRUE(s.phases[0].down.has_value());
  EXPECT_NE(s.phases[0].down->sql.find("DROP COLUMN"), std::string::npos);
  EXPECT_EQ(s.phases[0].down->sql.find("SELECT"), std::string::npos) << s.phases[0].down->sql;
  ASSERT_TRUE(s.phases[1].down.has_value());
  EXPECT_EQ(s.phases[1].down->sql, "");

  const Metadata m = MustParse(text);
  EXPECT_EQ(m.template_id, "20251120_150000_schema_email_verified");
  EXPECT_EQ(m.database, "postgresql");
  EXPECT_EQ(m.created, "2025-11-20");
  EXPECT_EQ(m.depends, std::vector<std::string>{"20251101_090000_schema_users"});
}

TEST(SplitSections, SqlInTheValidationSectionIsRefusedAtItsLine) {
  Result<Sections> r = SplitSections(
      "CREATE TABLE t (a int);\n-- Validation:\n-- a note\nSELECT count(*) FROM t;\n", kPath);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().context().line, 4) << r.status().ToString();
  EXPECT_NE(r.status().message().find("strata:check post"), std::string::npos);
}

TEST(SplitSections, ProseThatMentionsValidationOrPhasesIsNoMarker) {
  const Sections s = MustSplit(
      "-- Validation: reviewed by QA\n"
      "-- Phase one of the project\n"
      "CREATE TABLE t (a int);\n");
  EXPECT_FALSE(s.has_markers);
  EXPECT_NE(s.up.sql.find("CREATE TABLE"), std::string::npos);
}

TEST(ParseMetadata, ACreatedDateMustBeADate) {
  Result<Metadata> r = ParseMetadata("-- Created: YYYY-MM-DD\nSELECT 1;\n", kPath);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().context().line, 1);
  EXPECT_NE(r.status().message().find("not a date"), std::string::npos);
}

}  // namespace
}  // namespace strata::source
