// strata schema dump: the target's schema as canonical SQL or JSON.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/connect.h"
#include "cli/exit_codes.h"
#include "cli/session.h"
#include "engine/history.h"
#include "report/schema_json.h"

namespace strata::cli {
namespace {

struct DumpFlags {
  std::string format = "sql";
};

int RunDump(const GlobalFlags& flags, const DumpFlags& df) {
  if (df.format != "sql" && df.format != "json") {
    return Fail(Status::InvalidInput("--format '" + df.format + "': use sql or json"), flags);
  }
  const bool json = flags.json || df.format == "json";
  // Like history, the dump needs no migrations directory.
  Result<Settings> settings = LoadSettings(flags);
  if (!settings.ok()) return Fail(settings.status(), flags);
  const driver::ConnectOptions options = ConnectOptionsFor(*settings);
  Result<std::unique_ptr<driver::Connection>> conn = Connect(options);
  if (!conn.ok()) return Fail(conn.status(), flags);
  Result<catalog::Catalog> schema =
      (*conn)->Inspect(engine::WithoutHistoryTables(settings->engine));
  if (!schema.ok()) return Fail(schema.status(), flags);
  if (json) {
    std::cout << report::SchemaJson(*schema);
  } else {
    std::cout << PlannerFor(schema->dialect)->SchemaSql(*schema);
  }
  return kExitOk;
}

}  // namespace

void AddSchema(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* schema = app.add_subcommand("schema", "read the target's schema");
  schema->require_subcommand(1);
  auto* dump = schema->add_subcommand(
      "dump", "print the schema as SQL that recreates it in an empty database, or as JSON");
  auto df = std::make_shared<DumpFlags>();
  dump->add_option("--format", df->format, "sql (default) or json; --json means json too");
  dump->footer(
      "Deterministic: the same schema gives the same bytes, whatever order it was built in.\n"
      "strata's history tables are left out.\n"
      "Example:\n  strata --url postgres://app@localhost/app schema dump > schema.sql");
  dump->callback([&flags, &exit_code, df] { exit_code = RunDump(flags, *df); });
}

}  // namespace strata::cli
