// strata diff: the changes between two schemas and the DDL plan that applies them.
#include <future>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/exit_codes.h"
#include "cli/schema_source.h"
#include "cli/session.h"

namespace strata::cli {
namespace {

struct DiffFlags {
  std::string from;
  std::string to;
  std::string format = "text";
  std::string shadow_url;
  std::vector<std::string> exclude;
};

int RunDiff(const GlobalFlags& flags, const DiffFlags& df) {
  if (df.format != "text" && df.format != "sql" && df.format != "json") {
    return Fail(Status::InvalidInput("--format '" + df.format + "': use text, sql or json"), flags);
  }
  Result<Settings> settings = LoadSettings(flags);
  if (!settings.ok()) return Fail(settings.status(), flags);
  Result<SchemaSource> from = ParseSource(df.from);
  if (!from.ok()) return Fail(std::move(from).take_status().Prefixed("--from: "), flags);
  Result<SchemaSource> to = ParseSource(df.to);
  if (!to.ok()) return Fail(std::move(to).take_status().Prefixed("--to: "), flags);
  auto url_of = [](const SchemaSource& s) {
    return s.kind == SourceKind::kDatabase ? s.location : std::string();
  };
  SourceReader reader(*settings, df.shadow_url);
  // The two sides are read at the same time (two servers, or two backends of
  // one, do the work), unless both need the shadow, which is not shared.
  auto needs_shadow = [](const SchemaSource& s) {
    return s.kind == SourceKind::kMigrations || s.kind == SourceKind::kDesiredSql;
  };
  std::future<Result<catalog::Catalog>> reading_to;
  if (!needs_shadow(*from) || !needs_shadow(*to)) {
    reading_to = std::async(std::launch::async, [&] { return reader.Read(*to, url_of(*from)); });
  }
  Result<catalog::Catalog> a = reader.Read(*from, url_of(*to));
  Result<catalog::Catalog> b =
      reading_to.valid() ? reading_to.get() : reader.Read(*to, url_of(*from));
  if (!a.ok()) return Fail(a.status(), flags);
  if (!b.ok()) return Fail(b.status(), flags);
  Result<report::DiffReport> diff = PlanDiff(*a, *b, df.exclude);
  if (!diff.ok()) return Fail(diff.status(), flags);
  diff->from = Describe(*from);
  diff->to = Describe(*to);
  if (flags.json || df.format == "json") {
    std::cout << report::DiffJson(*diff);
  } else if (df.format == "sql") {
    std::cout << report::PlanSql(diff->plan);
  } else {
    std::cout << report::DiffText(*diff);
  }
  return kExitOk;
}

}  // namespace

void AddDiff(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "diff", "show the changes between two schemas and the SQL plan that applies them");
  auto df = std::make_shared<DiffFlags>();
  cmd->add_option("--from", df->from, "the schema as it is: a source (see below)")->required();
  cmd->add_option("--to", df->to, "the schema as it should be: a source")->required();
  cmd->add_option("--format", df->format, "text (default), sql (the plan alone) or json");
  cmd->add_option("--shadow-url", df->shadow_url,
                  "where migrations and SQL files are replayed: a PostgreSQL server on which "
                  "strata creates and drops scratch databases (default: the target's), or "
                  "sqlite::memory:");
  cmd->add_option("--exclude", df->exclude,
                  "a name pattern to leave out, e.g. 'audit.*' (repeatable)");
  cmd->footer(
      "A source is a database URL, a migrations directory (replayed in a shadow database),\n"
      "a snapshot from `strata schema dump --format json` (*.json), or desired-state SQL\n"
      "files (*.sql, comma-separated); prefixes migrations:, snapshot:, sql: say so\n"
      "explicitly. The plan adds indexes CONCURRENTLY and constraints NOT VALID then\n"
      "VALIDATE on existing PostgreSQL tables; each step that loses data is marked\n"
      "destructive. Column order is not compared. Exit 0 with or without differences.\n"
      "Example:\n"
      "  strata diff --from migrations --to postgres://app@prod/app --format sql");
  cmd->callback([&flags, &exit_code, df] { exit_code = RunDiff(flags, *df); });
}

}  // namespace strata::cli
