// strata new NAME: the next migration file, in the directory's layout, with its rollback.
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "base/path_error.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "source/directory.h"
#include "source/new_file.h"

namespace strata::cli {

void AddNew(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand("new", "create the next migration file and its rollback");
  auto name = std::make_shared<std::string>();
  auto type = std::make_shared<std::string>("schema");
  cmd->add_option("name", *name, "what the migration does, e.g. add_users_email")->required();
  cmd->add_option("--type", *type, "schema, data, security or perf (timestamped layout)");
  cmd->footer("Example:\n  strata new add_users_email");
  cmd->callback([&flags, &exit_code, name, type] {
    Result<Settings> settings = LoadSettings(flags);
    if (!settings.ok()) {
      exit_code = Fail(settings.status(), flags);
      return;
    }
    Result<source::MigrationSet> set =
        source::LoadDirectory(LoadOptionsFor(*settings, Dialect::kPostgres));
    if (!set.ok()) {
      exit_code = Fail(set.status(), flags);
      return;
    }
    Result<std::vector<source::NewFile>> files =
        source::PlanNewMigration(*set, *name, *type, std::time(nullptr));
    if (!files.ok()) {
      exit_code = Fail(files.status(), flags);
      return;
    }
    for (const source::NewFile& f : *files) {
      std::error_code ec;
      const std::filesystem::path parent = std::filesystem::path(f.path).parent_path();
      if (!parent.empty()) std::filesystem::create_directories(parent, ec);
      if (ec) {
        exit_code = Fail(PathError("create the directory", parent.string(), ec), flags);
        return;
      }
      std::ofstream out(f.path);
      out << f.content;
      if (!out) {
        exit_code = Fail(PathErrorFromErrno("write the file", f.path, errno), flags);
        return;
      }
      std::cout << "created " << f.path << "\n";
    }
  });
}

}  // namespace strata::cli
