#include "source/known_directives.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/strings.h"
#include "source/migration.h"

namespace strata::source {
namespace {

constexpr const char* kPath = "migrations/001_a.sql";

// A misspelling, the line it is on, and words the error must hold: the
// directive or option as written and the suggestion.
struct BadCase {
  std::string text;
  int line;
  std::vector<std::string> words;
};

TEST(CheckDirectives, MisspelledDirectivesNameTheLineAndTheNearestSpelling) {
  const BadCase cases[] = {
      {"-- strata:donw\nDROP TABLE t;\n", 1, {"'-- strata:donw'", "did you mean -- strata:down?"}},
      {"-- strata:dwn\n", 1, {"did you mean -- strata:down?"}},
      {"-- strata:upp\n", 1, {"did you mean -- strata:up?"}},
      {"-- strata:down;\n", 1, {"'-- strata:down;'", "did you mean -- strata:down?"}},
      {"-- migrate:dwn\n", 1, {"'-- migrate:dwn'", "did you mean -- migrate:down?"}},
      {"-- migrate:pu\n", 1, {"did you mean -- migrate:up?"}},
      {"--strata:up\nSELECT 1;\n--STRATA:DONW\n", 3, {"'--STRATA:DONW'", "-- strata:down?"}},
      {"CREATE TABLE t (id int);\n-- strata:chek pre critical expect=0\nSELECT 0;\n",
       2,
       {"'-- strata:chek'", "did you mean -- strata:check?"}},
      {"-- strata:no-transation\n", 1, {"did you mean -- strata:no-transaction?"}},
      {"-- strata:no-transactions\n", 1, {"did you mean -- strata:no-transaction?"}},
      {"-- strata:expnad\n", 1, {"did you mean -- strata:expand?"}},
      {"-- strata:expand\nA;\n-- strata:expand:dwon\n", 3, {"did you mean -- strata:expand:down?"}},
      {"-- strata:migrat\n", 1, {"did you mean -- strata:migrate?"}},
      {"-- strata:contarct\n", 1, {"did you mean -- strata:contract?"}},
      {"-- strata:contract-down\n", 1, {"did you mean -- strata:contract:down?"}},
      {"-- strata:backfil table=t key=id batch=10\n", 1, {"did you mean -- strata:backfill?"}},
      {"-- strata:lint-ingore drop-table reason\n", 1, {"did you mean -- strata:lint-ignore?"}},
      {"-- strata:lint-ignore-fil x reason\n", 1, {"did you mean -- strata:lint-ignore-file?"}},
      {"-- migrate:expand\n", 1, {"did you mean -- strata:expand?"}},  // the other prefix's word
      {"-- strta:down\n", 1, {"'-- strta:down'", "did you mean -- strata:down?"}},  // the prefix
      {"-- migrat:up\n", 1, {"did you mean -- migrate:up?"}},
      {"  --  Strata:Donw  \n", 1, {"'--  Strata:Donw'", "-- strata:down?"}},
      {"-- strata:frobnicate\n",
       1,
       {"'-- strata:frobnicate'", "the directives after -- strata: are up, down"}},
      {"-- strata:checkpoint is prose\n", 1, {"'-- strata:checkpoint'"}},
  };
  for (const BadCase& c : cases) {
    const Status st = CheckDirectives(c.text, kPath);
    ASSERT_FALSE(st.ok()) << c.text;
    EXPECT_TRUE(st.is_invalid_input()) << st.ToString();
    EXPECT_EQ(st.context().file, kPath);
    EXPECT_EQ(st.context().line, c.line) << st.ToString();
    for (const std::string& w : c.words) {
      EXPECT_NE(st.message().find(w), std::string::npos)
          << "'" << w << "' not in " << st.ToString();
    }
  }
}

TEST(CheckDirectives, UnknownOptionsNameTheNearestOption) {
  const BadCase cases[] = {
      {"-- strata:check pre critcal expect=0\nSELECT 0;\n",
       1,
       {"'critcal' is not an option of -- strata:check", "did you mean critical?",
        "pre, post, critical, expect=<value>"}},
      {"-- strata:check pst expect=0\n", 1, {"did you mean post?"}},
      {"-- strata:check pre expct=0\n", 1, {"'expct=0'", "did you mean expect=0?"}},
      {"-- strata:check pre expect=0 because\n", 1, {"'because' is not an option"}},
      {"-- strata:backfill table=t key=id batch=10 pasue=5\n",
       1,
       {"'pasue=5' is not an option of -- strata:backfill", "did you mean pause=5?"}},
      {"-- strata:backfill table=t key=id batch=10 max-rate=5\n", 1, {"did you mean max_rate=5?"}},
      {"-- strata:backfill tabel=t key=id batch=10\n", 1, {"did you mean table=t?"}},
      {"-- strata:backfill table=t key=id batch 10\n", 1, {"'batch'", "did you mean batch=?"}},
      {"-- migrate:up transaction:flase\n",
       1,
       {"'transaction:flase' is not an option of -- migrate:up",
        "did you mean transaction:false?"}},
      {"-- strata:down transacton:false\n", 1, {"did you mean transaction:false?"}},
      {"-- strata:up and then some\n", 1, {"'and' is not an option of -- strata:up"}},
      {"-- strata:no-transaction please\n",
       1,
       {"-- strata:no-transaction takes nothing after it, not 'please'"}},
      {"-- strata:check pre expect='x\n", 1, {"not closed", "-- strata:check"}},
  };
  for (const BadCase& c : cases) {
    const Status st = CheckDirectives(c.text, kPath);
    ASSERT_FALSE(st.ok()) << c.text;
    EXPECT_TRUE(st.is_invalid_input()) << st.ToString();
    EXPECT_EQ(st.context().line, c.line) << st.ToString();
    for (const std::string& w : c.words) {
      EXPECT_NE(st.message().find(w), std::string::npos)
          << "'" << w << "' not in " << st.ToString();
    }
  }
}

TEST(CheckDirectives, NoTransactionBelowTheHeaderWouldBeIgnored) {
  const Status st = CheckDirectives("-- Author: a\nSELECT 1;\n-- strata:no-transaction\n", kPath);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.context().line, 3);
  EXPECT_NE(st.message().find("here it would be ignored"), std::string::npos) << st.ToString();
  // A phase's down section has no header of its own.
  const std::string phased =
      "-- strata:expand\nA;\n-- strata:expand:down\n-- strata:no-transaction\nB;\n";
  EXPECT_FALSE(CheckDirectives(phased, kPath).ok());
}

TEST(CheckDirectives, AcceptsEveryKnownFormAndProse) {
  const char* const texts[] = {
      "-- Version: 1.0.0\n-- Author: a\n-- strata:no-transaction\n-- strata:up\n"
      "CREATE INDEX i ON t (a);\n-- strata:down\n-- strata:no-transaction\nDROP INDEX i;\n",
      "--strata:up\nA;\n--  STRATA:DOWN\nB;\n",
      "--\tstrata:up\ttransaction:false\nA;\n",
      "-- migrate:up transaction:false\nA;\n-- migrate:down TRANSACTION:TRUE\nB;\n",
      "-- strata:expand\nA;\n-- strata:expand:down\nB;\n-- strata:migrate\n-- strata:migrate:down\n"
      "-- strata:contract\nC;\n-- strata:contract:down\nD;\n",
      "-- strata:check pre critical expect=0\nSELECT 0;\n-- STRATA:Check POST Expect='two words'\n"
      "SELECT 'two words';\n-- strata:check post expect=\nSELECT '';\n",
      "-- strata:backfill table=users key=id batch=1000 pause=10 max_rate=500\nUPDATE users SET a "
      "= 1;\n",
      "-- strata:lint-ignore drop-table replaced by accounts\nDROP TABLE users;\n"
      "-- strata:lint-ignore-file missing-rollback one-way import\n",
      // Prose: a blank after the colon, another word before it, a comment after
      // SQL, a string, a block comment.
      "-- strata: this file is generated\n-- Note: strata:down is a directive\n-- strata:\n",
      "-- Depends: 001, 002\n-- Ticket: ABC-1\n-- TODO:fix\n-- http://example.com/strata:down\n",
      "SELECT 1; -- strata:donw\nSELECT '-- strata:donw';\n/* strata:donw */\n",
      "-- status:down\n-- data:up\n",  // too far from strata: and migrate: to be misspellings
      "",
  };
  for (const char* text : texts) {
    const Status st = CheckDirectives(text, kPath);
    EXPECT_TRUE(st.ok()) << text << "\n" << st.ToString();
  }
}

TEST(KnownDirectives, EveryEntryIsLowerCaseWithAPrefixAndEveryPhaseIsThere) {
  for (const KnownDirective& d : KnownDirectives()) {
    EXPECT_EQ(ToLower(d.name), std::string(d.name));
    EXPECT_TRUE(d.name.starts_with("strata:") || d.name.starts_with("migrate:")) << d.name;
    EXPECT_EQ(d.args == DirectiveArgs::kOptions, !d.options.empty()) << d.name;
    EXPECT_EQ(FindKnownDirective(ToLower(d.name)), &d);
  }
  for (Phase p : kAllPhases) {
    EXPECT_NE(FindKnownDirective(std::string("strata:") + PhaseName(p)), nullptr);
    EXPECT_NE(FindKnownDirective(std::string("STRATA:") + PhaseName(p) + ":DOWN"), nullptr);
  }
  EXPECT_EQ(FindKnownDirective("strata:checkpoint"), nullptr);
}

TEST(UnknownOptionMessage, KeepsTheValueOfAKeyValueWord) {
  const KnownDirective* backfill = FindKnownDirective("strata:backfill");
  ASSERT_NE(backfill, nullptr);
  EXPECT_EQ(UnknownOptionMessage(*backfill, "bach=500"),
            "'bach=500' is not an option of -- strata:backfill (did you mean batch=500?); its "
            "options: table=<value>, key=<value>, batch=<value>, pause=<value>, max_rate=<value>");
  EXPECT_EQ(UnknownOptionMessage(*backfill, "zzz"),
            "'zzz' is not an option of -- strata:backfill; its options: table=<value>, "
            "key=<value>, batch=<value>, pause=<value>, max_rate=<value>");
}

}  // namespace
}  // namespace strata::source
