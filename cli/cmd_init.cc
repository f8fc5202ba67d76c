// strata init: a strata.toml and an empty migrations directory.
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string_view>

#include "base/path_error.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"
#include "driver/redact.h"

namespace strata::cli {
namespace {

// `text` as a TOML basic string: quoted, with quotes, backslashes and control
// characters escaped (a keyword URL may hold quotes, a Windows path backslashes).
std::string TomlString(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned char>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

void AddInit(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand("init", "create strata.toml and the migrations directory");
  cmd->footer("Example:\n  strata init --url postgres://app@localhost/app");
  cmd->callback([&] {
    namespace fs = std::filesystem;
    std::error_code ec;
    const bool exists = fs::exists(flags.config, ec);
    if (ec) {
      exit_code = Fail(PathError("create the config file", flags.config, ec), flags);
      return;
    }
    if (exists) {
      exit_code = Fail(Status::InvalidInput("already exists; strata init leaves it alone")
                           .WithFile(flags.config),
                       flags);
      return;
    }
    const std::string dir = flags.dir.empty() ? "migrations" : flags.dir;
    const std::string given = flags.url.empty() ? "sqlite:strata.db" : flags.url;
    // A password never goes into a file that is likely committed.
    const std::string url = driver::WithoutPassword(given);
    if (url != given) {
      std::cerr << "note: the password was left out of " << flags.config
                << "; give it with PGPASSWORD, ~/.pgpass or STRATA_URL\n";
    }
    fs::create_directories(fs::path(dir) / "rollback", ec);
    if (ec) {
      exit_code = Fail(PathError("create the directory", dir, ec), flags);
      return;
    }
    std::ofstream out(flags.config);
    out << "# strata configuration. The URL can also come from --url, STRATA_URL or DATABASE_URL.\n"
        << "[database]\n"
        << "url = " << TomlString(url) << "\n"
        << "# history_table = \"strata_schema_history\"\n"
        << "# history_schema = \"public\"\n\n"
        << "[migrations]\n"
        << "dir = " << TomlString(dir) << "\n"
        << "stream = \"main\"\n"
        << "# layout of new files when the directory is empty: numbered, timestamped,\n"
        << "# golang-migrate or flyway (a non-empty directory's layout is detected)\n"
        << "layout = \"numbered\"\n\n"
        << "[run]\n"
        << "lock_timeout = 60  # seconds to wait for another run's lock\n"
        << "# PostgreSQL: each migration statement waits at most this long for its lock\n"
        << "# (the application's writes queued behind it wait as long)\n"
        << "ddl_lock_timeout_ms = 400\n\n"
        << "[lint]\n"
        << "# strata up lints pending migrations first and stops on findings at or above\n"
        << "# this severity (off, info, warning, error)\n"
        << "on_up = \"error\"\n\n"
        << "[lint.rules]\n"
        << "# a rule's severity: off, info, warning or error, e.g.\n"
        << "# naming-plural-tables = \"off\"\n\n"
        << "# [backup]\n"
        << "# A command run once before up applies anything (/bin/sh -c, in this directory),\n"
        << "# with STRATA_URL, PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD,\n"
        << "# STRATA_BACKUP_TIMESTAMP and STRATA_PENDING set; the last line it prints is\n"
        << "# stored with the history rows.\n"
        << "# before_apply = \"mkdir -p backups && pg_dump -Fc -f "
           "backups/$STRATA_BACKUP_TIMESTAMP.dump && echo "
           "backups/$STRATA_BACKUP_TIMESTAMP.dump\"\n"
        << "# SQLite: an online copy of the database, backups/<db>-<UTC timestamp>.db\n"
        << "# dir = \"backups\"\n\n"
        << "# [rollback]\n"
        << "# down warns about rolling back a migration applied longer ago (0: never)\n"
        << "# max_age_days = 30\n";
    if (!out) {
      exit_code = Fail(PathErrorFromErrno("write the file", flags.config, errno), flags);
      return;
    }
    std::cout << "created " << flags.config << " and " << dir << "/\n";
  });
}

}  // namespace strata::cli
