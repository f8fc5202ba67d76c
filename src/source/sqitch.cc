#include "source/sqitch.h"

#include <algorithm>

#include "base/strings.h"
#include "source/check.h"
#include "source/checksum.h"
#include "source/graph.h"
#include "source/header.h"
#include "source/load_steps.h"
#include "source/sqitch_conf.h"
#include "source/sqitch_plan.h"

namespace strata::source {
namespace {

// Where the project's files are: sqitch's defaults, or sqitch.conf's paths.
struct ProjectFiles {
  std::string plan;
  std::string deploy, revert, verify;                             // directories
  std::string reworked_deploy, reworked_revert, reworked_verify;  // directories
  std::string extension = "sql";
};

// A path from sqitch.conf, relative to the project directory (where sqitch
// runs, and where sqitch.conf is).
std::string Resolve(const std::string& dir, std::string value) {
  while (value.starts_with("./")) value.erase(0, 2);
  if (value.empty() || value == ".") return dir;
  if (value.front() == '/') return value;
  return JoinPath(dir, value);
}

Result<ProjectFiles> FindFiles(const LoadOptions& options) {
  SqitchPaths paths;
  const std::string conf_path = JoinPath(options.dir, kSqitchConfName);
  STRATA_ASSIGN_OR_RETURN(const bool has_conf, IsRegularFile(conf_path));
  if (has_conf) {
    STRATA_ASSIGN_OR_RETURN(const std::string conf, ReadSqlFile(conf_path));
    STRATA_ASSIGN_OR_RETURN(paths, ParseSqitchConf(conf, conf_path, options.dialect));
  }
  auto or_default = [&](const std::string& set, const std::string& base, const char* name) {
    return set.empty() ? JoinPath(base, name) : Resolve(options.dir, set);
  };
  const std::string top = paths.top_dir.empty() ? options.dir : Resolve(options.dir, paths.top_dir);
  const std::string reworked =
      paths.reworked_dir.empty() ? top : Resolve(options.dir, paths.reworked_dir);
  ProjectFiles files;
  files.plan = or_default(paths.plan_file, top, kSqitchPlanName);
  files.deploy = or_default(paths.deploy_dir, top, "deploy");
  files.revert = or_default(paths.revert_dir, top, "revert");
  files.verify = or_default(paths.verify_dir, top, "verify");
  files.reworked_deploy = or_default(paths.reworked_deploy_dir, reworked, "deploy");
  files.reworked_revert = or_default(paths.reworked_revert_dir, reworked, "revert");
  files.reworked_verify = or_default(paths.reworked_verify_dir, reworked, "verify");
  if (!paths.extension.empty()) files.extension = paths.extension;
  return files;
}

// The file name of a change's scripts, and the tag that names a reworked one
// (empty for the newest instance): the first rework tag whose deploy script
// exists, else the first (sqitch's rule).
struct ScriptName {
  std::string file;  // "users.sql", "users@v1.0.sql"
  std::string tag;
};

Result<ScriptName> NameScripts(const SqitchChange& change, const ProjectFiles& files) {
  const std::string ext = "." + files.extension;
  if (change.rework_tags.empty()) return ScriptName{change.name + ext, ""};
  for (const std::string& tag : change.rework_tags) {
    const std::string file = change.name + "@" + tag + ext;
    STRATA_ASSIGN_OR_RETURN(const bool exists,
                            IsRegularFile(JoinPath(files.reworked_deploy, file)));
    if (exists) return ScriptName{file, tag};
  }
  const std::string& first = change.rework_tags.front();
  return ScriptName{change.name + "@" + first + ext, first};
}

Result<Migration> LoadChange(const SqitchPlan& plan, size_t index, const ProjectFiles& files,
                             const std::string& plan_path, const LoadOptions& options) {
  const SqitchChange& change = plan.changes[index];
  const bool reworked = !change.rework_tags.empty();
  STRATA_ASSIGN_OR_RETURN(const ScriptName name, NameScripts(change, files));
  const std::string deploy_path =
      JoinPath(reworked ? files.reworked_deploy : files.deploy, name.file);
  const std::string revert_path =
      JoinPath(reworked ? files.reworked_revert : files.revert, name.file);
  const std::string verify_path =
      JoinPath(reworked ? files.reworked_verify : files.verify, name.file);

  STRATA_ASSIGN_OR_RETURN(const bool has_deploy, IsRegularFile(deploy_path));
  if (!has_deploy) {
    return Status::InvalidInput("change " + change.name + " has no deploy script " + deploy_path)
        .WithFile(plan_path)
        .WithLocation(change.line, 1);
  }
  const std::string position = std::to_string(index + 1);
  Migration m;
  m.version = *Version::Parse(position);
  m.id = position;
  m.description = name.tag.empty() ? change.name : change.name + "@" + name.tag;

  STRATA_ASSIGN_OR_RETURN(const std::string text, ReadMigrationFile(deploy_path, options));
  STRATA_ASSIGN_OR_RETURN(std::string sql,
                          ReplacePlaceholders(text, options.placeholders, deploy_path));
  STRATA_ASSIGN_OR_RETURN(m.meta, ParseMetadata(sql, deploy_path));
  for (size_t required : change.requires_changes) {
    const std::string id = std::to_string(required + 1);
    if (std::find(m.meta.depends.begin(), m.meta.depends.end(), id) == m.meta.depends.end()) {
      m.meta.depends.push_back(id);
    }
  }
  m.up = Script{.path = deploy_path, .sql = std::move(sql), .first_line = 1};

  STRATA_ASSIGN_OR_RETURN(const bool has_revert, IsRegularFile(revert_path));
  if (has_revert) {
    STRATA_ASSIGN_OR_RETURN(const std::string revert, ReadMigrationFile(revert_path, options));
    STRATA_ASSIGN_OR_RETURN(std::string revert_sql,
                            ReplacePlaceholders(revert, options.placeholders, revert_path));
    m.down = Script{.path = revert_path, .sql = std::move(revert_sql), .first_line = 1};
  }
  STRATA_RETURN_IF_ERROR(SetTransactionModes(m));
  STRATA_RETURN_IF_ERROR(ReadAllDirectives(m, options.dialect));

  STRATA_ASSIGN_OR_RETURN(const bool has_verify, IsRegularFile(verify_path));
  if (has_verify) {
    STRATA_ASSIGN_OR_RETURN(const std::string verify, ReadMigrationFile(verify_path, options));
    STRATA_ASSIGN_OR_RETURN(const std::string verify_sql,
                            ReplacePlaceholders(verify, options.placeholders, verify_path));
    STRATA_RETURN_IF_ERROR(AddVerifyChecks(m.up, verify_path, verify_sql, options.dialect));
  }
  // As in the other layouts, the checksums are the deploy script's: an edited
  // revert or verify script does not make an applied change "modified".
  m.checksums = MigrationChecksums(m, text, options.dialect);
  return m;
}

}  // namespace

// sqitch's other keys and commands are not read: targets and URIs (strata is
// told where to deploy), `-change` revert entries, cross-project dependencies
// and dependencies by change ID (errors naming the plan line).
Result<MigrationSet> LoadSqitchProject(const LoadOptions& options) {
  STRATA_ASSIGN_OR_RETURN(const ProjectFiles files, FindFiles(options));
  STRATA_ASSIGN_OR_RETURN(const bool has_plan, IsRegularFile(files.plan));
  if (!has_plan) {
    return Status::NotFound("the sqitch plan does not exist (sqitch.conf's plan_file or top_dir)")
        .WithFile(files.plan);
  }
  STRATA_ASSIGN_OR_RETURN(const std::string text, ReadSqlFile(files.plan));
  STRATA_ASSIGN_OR_RETURN(const SqitchPlan plan, ParseSqitchPlan(text, files.plan));
  MigrationSet set;
  set.dir = options.dir;
  set.layout = Layout::kSqitch;
  set.migrations.reserve(plan.changes.size());
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    STRATA_ASSIGN_OR_RETURN(Migration m, LoadChange(plan, i, files, files.plan, options));
    set.migrations.push_back(std::move(m));
  }
  // Every dependency is on an earlier change: this checks, and keeps the plan's order.
  STRATA_RETURN_IF_ERROR(OrderByDependencies(set.migrations));
  return set;
}

}  // namespace strata::source
