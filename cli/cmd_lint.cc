// strata lint [PATH...]: the migration safety analyzer.
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "base/strings.h"
#include "cli/commands.h"
#include "cli/connect.h"
#include "cli/exit_codes.h"
#include "cli/process.h"
#include "cli/session.h"
#include "engine/lint.h"
#include "report/lint_report.h"
#include "source/directory.h"
#include "source/header.h"
#include "source/known_directives.h"
#include "source/psql_commands.h"

namespace strata::cli {
namespace {
namespace fs = std::filesystem;

struct LintFlags {
  std::vector<std::string> paths;
  std::string since;
  std::string format = "text";
  std::string dialect;
  bool list_rules = false;
};

std::string Normal(const fs::path& p) { return p.lexically_normal().string(); }

// The lines of a program's output, each as a normal path.
void AddLines(const std::string& text, std::set<std::string>& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    if (eol > pos) out.insert(Normal(text.substr(pos, eol - pos)));
    pos = eol + 1;
  }
}

// Runs git with `args` (never through a shell) and returns its stdout, or why it failed.
Result<std::string> Git(const std::string& ref, std::vector<std::string> args) {
  args.insert(args.begin(), "git");
  STRATA_ASSIGN_OR_RETURN(CapturedRun run, RunCapturing(args, {}, {}));
  if (run.exit_code == 0) return std::move(run.out);
  std::string why(Trim(run.err));
  if (why.empty()) why = "exit code " + std::to_string(run.exit_code);
  return Status::InvalidInput("--since '" + ref + "': git failed: " + why);
}

// Files under `dir` added or changed since `ref` (and untracked ones), by git.
// The ref reaches git as one argument after --end-of-options, so that one that
// looks like an option ("--output=x") or holds shell syntax is only ever a ref.
Result<std::set<std::string>> ChangedSince(const std::string& ref, const std::string& dir) {
  if (ref.empty() || ref.front() == '-') {
    return Status::InvalidInput("--since '" + ref +
                                "': not a git ref (a ref cannot start with '-')");
  }
  const Result<std::string> commit =
      Git(ref, {"rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"});
  if (!commit.ok()) {
    return Status::InvalidInput("--since '" + ref +
                                "': no such git commit (or not in a git repository)");
  }
  std::set<std::string> out;
  STRATA_ASSIGN_OR_RETURN(std::string changed,
                          Git(ref, {"diff", "--name-only", "--relative", "--diff-filter=ACMR",
                                    "--end-of-options", ref, "--", dir}));
  AddLines(changed, out);
  STRATA_ASSIGN_OR_RETURN(std::string untracked,
                          Git(ref, {"ls-files", "--others", "--exclude-standard", "--", dir}));
  AddLines(untracked, out);
  return out;
}

Result<source::Script> ReadLoneFile(const std::string& path, Dialect dialect) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return Status::NotFound("no such file").WithFile(path);
  STRATA_ASSIGN_OR_RETURN(std::string text, source::ReadSqlFile(path));
  STRATA_RETURN_IF_ERROR(source::CheckDirectives(text, path));
  STRATA_ASSIGN_OR_RETURN(source::Sections sections, source::SplitSections(text, path));
  // Its header says how it runs, as it would in a migration set.
  STRATA_ASSIGN_OR_RETURN(source::Metadata meta, source::ParseMetadata(text, path));
  sections.up.no_transaction = meta.no_transaction || sections.no_transaction;
  sections.up.force_transaction = meta.force_transaction;
  STRATA_RETURN_IF_ERROR(source::ReadPsqlCommands(sections.up, dialect));
  return sections.up;
}

int RunLint(const GlobalFlags& flags, const LintFlags& lf) {
  Result<Settings> settings = LoadSettings(flags);
  if (!settings.ok()) return Fail(settings.status(), flags);
  report::LintFormat format = flags.json ? report::LintFormat::kJson : report::LintFormat::kText;
  if (!flags.json && !report::ParseLintFormat(lf.format, &format)) {
    return Fail(Status::InvalidInput("--format '" + lf.format +
                                     "': use text, json, sarif, github or markdown"),
                flags);
  }
  sql::lint::Linter linter(settings->lint.options);
  if (lf.list_rules) {
    std::vector<report::RuleRow> rows;
    for (const auto& rule : linter.rules()) {
      rows.push_back({rule->info(), linter.SeverityOf(rule->info())});
    }
    report::RenderRules(rows, format, std::cout);
    return kExitOk;
  }
  // The dialect: --dialect, else the target's (--url or config), else PostgreSQL.
  Dialect dialect = Dialect::kPostgres;
  if (!lf.dialect.empty()) {
    Result<Dialect> named = ParseDialect(lf.dialect);
    if (!named.ok()) {
      return Fail(Status::InvalidInput("--dialect " + named.status().message()), flags);
    }
    dialect = *named;
  } else if (!settings->url.empty()) {
    Result<Dialect> d = DialectOf(settings->url);
    if (d.ok()) dialect = *d;
  }
  engine::LintRunOptions run;
  run.lock_timeout_set = settings->engine.ddl_lock_timeout.count() > 0;
  if (!lf.since.empty()) {
    Result<std::set<std::string>> changed = ChangedSince(lf.since, settings->dir);
    if (!changed.ok()) return Fail(changed.status(), flags);
    run.only_files = std::move(changed).value();
    if (run.only_files.empty()) run.only_files.insert("\n");  // nothing changed: report nothing
  }
  engine::LintRunner runner(linter, dialect, run);
  std::unique_ptr<driver::Connection> conn;
  if (!flags.url.empty()) {  // only an explicit --url: linting stays offline otherwise
    driver::ConnectOptions options;
    options.url = flags.url;
    Result<std::unique_ptr<driver::Connection>> c = Connect(options);
    if (!c.ok()) return Fail(c.status(), flags);
    conn = std::move(c).value();
    if (Status st = runner.UseTarget(*conn); !st.ok()) return Fail(st, flags);
  }

  std::vector<std::string> paths = lf.paths;
  if (paths.empty()) paths.push_back(settings->dir);
  engine::LintReport total;
  const std::string migrations_dir = Normal(settings->dir);
  std::set<std::string> files_in_set;  // files named on the command line inside the set
  bool lint_set = false;
  auto merge = [&](engine::LintReport r) {
    total.files += r.files;
    total.statements += r.statements;
    for (auto& f : r.findings) total.findings.push_back(std::move(f));
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    const std::string normal = Normal(path);
    if (fs::is_directory(path, ec)) {
      Result<source::MigrationSet> set =
          source::LoadDirectory(LoadOptionsFor(*settings, dialect, path));
      if (!set.ok()) return Fail(set.status(), flags);
      merge(runner.LintSet(*set));
      continue;
    }
    const std::string parent = Normal(fs::path(normal).parent_path());
    if (parent == migrations_dir || Normal(fs::path(parent).parent_path()) == migrations_dir) {
      files_in_set.insert(normal);  // lint with the set's context, report this file
      lint_set = true;
      continue;
    }
    Result<source::Script> script = ReadLoneFile(path, dialect);
    if (!script.ok()) return Fail(script.status(), flags);
    merge(runner.LintFile(*script));
  }
  if (lint_set) {
    Result<source::MigrationSet> set = source::LoadDirectory(LoadOptionsFor(*settings, dialect));
    if (!set.ok()) return Fail(set.status(), flags);
    // The same runner (and target already read), reporting only the named files.
    std::set<std::string> only = run.only_files;
    only.insert(files_in_set.begin(), files_in_set.end());
    runner.set_only_files(std::move(only));
    engine::LintReport r = runner.LintSet(*set);
    r.files = files_in_set.size();
    merge(std::move(r));
  }
  report::RenderLint(total, format, STRATA_VERSION, std::cout);
  return total.errors() > 0 ? kExitCheckFailed : kExitOk;
}

}  // namespace

void AddLint(CLI::App& app, GlobalFlags& flags, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "lint",
      "find locking, rewriting and destructive statements before they run (exit 3 on an error)");
  auto lf = std::make_shared<LintFlags>();
  cmd->add_option("paths", lf->paths, "files or directories (default: the migrations directory)");
  cmd->add_option("--since", lf->since, "report only files added or changed since this git ref");
  cmd->add_option("--format", lf->format,
                  "text, json, sarif (SARIF 2.1.0) or github (annotations)");
  cmd->add_option("--dialect", lf->dialect,
                  "postgres or sqlite (default: the target's, else postgres)");
  cmd->add_flag("--list-rules", lf->list_rules,
                "list the rules (--format markdown writes docs/lint-rules.md)");
  cmd->footer(
      "With --url, findings give the size and estimated rows of the tables they lock.\n"
      "Example:\n  strata lint --since origin/main --format github");
  cmd->callback([&flags, &exit_code, lf] { exit_code = RunLint(flags, *lf); });
}

}  // namespace strata::cli
