// Phase sections (-- strata:expand ...) and backfill directives.
#include <gtest/gtest.h>

#include "source/backfill.h"
#include "source/header.h"

namespace strata::source {
namespace {

const std::string kPath = "migrations/005_email_verified.sql";

constexpr const char* kPhased =
    "-- Ticket: OPS-7\n"                                                         // 1
    "-- strata:expand\n"                                                         // 2
    "ALTER TABLE users ADD COLUMN email_verified boolean;\n"                     // 3
    "-- strata:expand:down\n"                                                    // 4
    "ALTER TABLE users DROP COLUMN email_verified;\n"                            // 5
    "-- strata:migrate\n"                                                        // 6
    "-- strata:backfill table=users key=id batch=500 pause=20 max_rate=10000\n"  // 7
    "UPDATE users SET email_verified = true WHERE id > :lo AND id <= :hi;\n"     // 8
    "-- strata:contract\n"                                                       // 9
    "ALTER TABLE users ALTER COLUMN email_verified SET NOT NULL;\n"              // 10
    "-- strata:contract:down\n"                                                  // 11
    "ALTER TABLE users ALTER COLUMN email_verified DROP NOT NULL;\n";            // 12

TEST(PhaseSections, SplitsEachPhaseWithItsRollback) {
  Result<Sections> r = SplitSections(kPhased, kPath);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->phases.size(), 3u);
  EXPECT_EQ(r->phases[0].phase, Phase::kExpand);
  EXPECT_EQ(r->phases[0].up.sql, "ALTER TABLE users ADD COLUMN email_verified boolean;\n");
  EXPECT_EQ(r->phases[0].up.first_line, 3);
  ASSERT_TRUE(r->phases[0].down.has_value());
  EXPECT_EQ(r->phases[0].down->sql, "ALTER TABLE users DROP COLUMN email_verified;\n");
  EXPECT_EQ(r->phases[1].phase, Phase::kMigrate);
  EXPECT_FALSE(r->phases[1].down.has_value());
  EXPECT_EQ(r->phases[2].phase, Phase::kContract);
  EXPECT_EQ(r->phases[2].down->first_line, 12);
  // The migration as a whole is the file; it has no plain down section.
  EXPECT_EQ(r->up.sql, kPhased);
  EXPECT_FALSE(r->down.has_value());
}

TEST(PhaseSections, AnyPhaseMayBeAbsent) {
  Result<Sections> r = SplitSections(
      "-- strata:expand\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- strata:contract\nDROP INDEX "
      "j;\n",
      kPath);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->phases.size(), 2u);
  EXPECT_EQ(r->phases[1].phase, Phase::kContract);
}

TEST(PhaseSections, RejectsMisplacedMarkersNamingTheLine) {
  struct Case {
    const char* text;
    int line;
    const char* message;
  };
  const Case cases[] = {
      {"-- strata:migrate\nSELECT 1;\n-- strata:expand\nSELECT 2;\n", 3, "must come before"},
      {"-- strata:expand\nSELECT 1;\n-- strata:expand\nSELECT 2;\n", 3, "appears twice"},
      {"-- strata:expand\nSELECT 1;\n-- strata:migrate:down\nSELECT 2;\n", 3, "must follow"},
      {"-- strata:up\nSELECT 1;\n-- strata:contract\nSELECT 2;\n", 3, "not both"},
  };
  for (const Case& c : cases) {
    Result<Sections> r = SplitSections(c.text, kPath);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.status().message().find(c.message), std::string::npos) << r.status().ToString();
    EXPECT_EQ(r.status().context().file, kPath);
    EXPECT_EQ(r.status().context().line, c.line) << c.text;
  }
}

TEST(PhaseSections, PlainUpDownFilesAreUnchanged) {
  Result<Sections> r = SplitSections("-- strata:up\nSELECT 1;\n-- strata:down\nSELECT 2;\n", kPath);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->phases.empty());
  EXPECT_EQ(r->up.sql, "SELECT 1;\n");
}

TEST(ReadBackfills, ReadsEverySettingWithItsLine) {
  Result<Sections> r = SplitSections(kPhased, kPath);
  ASSERT_TRUE(r.ok());
  Script migrate = r->phases[1].up;
  ASSERT_TRUE(ReadBackfills(migrate).ok());
  ASSERT_EQ(migrate.backfills.size(), 1u);
  const Backfill& b = migrate.backfills[0];
  EXPECT_EQ(b.table, "users");
  EXPECT_EQ(b.key, "id");
  EXPECT_EQ(b.batch, 500);
  EXPECT_EQ(b.pause_ms, 20);
  EXPECT_EQ(b.max_rate, 10000);
  EXPECT_EQ(b.line, 7);
  EXPECT_EQ(b.offset, 0u);
  // It governs the UPDATE after it, not a statement before it.
  EXPECT_EQ(migrate.BackfillBefore(migrate.sql.find("UPDATE"), 0), &b);
  EXPECT_EQ(migrate.BackfillBefore(migrate.sql.find("UPDATE"), migrate.sql.find("UPDATE")),
            nullptr);
}

TEST(ReadBackfills, RejectsBadDirectivesNamingFileAndLine) {
  for (const char* directive :
       {"-- strata:backfill key=id batch=10", "-- strata:backfill table=t key=id batch=0",
        "-- strata:backfill table=t key=id batch=10 speed=3",
        "-- strata:backfill table=t key=id batch=ten", "-- strata:backfill table=t id batch=1"}) {
    Script s{kPath, std::string("SELECT 1;\n") + directive + "\nUPDATE t SET a = 1;\n", 4, {}, {}};
    const Status st = ReadBackfills(s);
    ASSERT_FALSE(st.ok()) << directive;
    EXPECT_EQ(st.context().file, kPath);
    EXPECT_EQ(st.context().line, 5) << directive;
  }
}

TEST(ReadBackfills, IgnoresOtherComments) {
  Script s{kPath,
           "-- strata:backfilling is not a directive\n-- backfill table=t\nSELECT 1;\n",
           1,
           {},
           {}};
  ASSERT_TRUE(ReadBackfills(s).ok());
  EXPECT_TRUE(s.backfills.empty());
}

}  // namespace
}  // namespace strata::source
