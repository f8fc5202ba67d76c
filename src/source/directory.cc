#include "source/directory.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>

#include "base/path_error.h"
#include "base/strings.h"
#include "source/backfill.h"
#include "source/check.h"
#include "source/checksum.h"
#include "source/graph.h"
#include "source/header.h"
#include "source/known_directives.h"
#include "source/layout.h"
#include "source/liquibase.h"
#include "source/load_steps.h"
#include "source/placeholders.h"
#include "source/psql_commands.h"
#include "source/sqitch.h"

namespace strata::source {
namespace fs = std::filesystem;

std::string JoinPath(const std::string& dir, std::string_view name) {
  std::string out;
  out.reserve(dir.size() + 1 + name.size());
  out += dir;
  if (!dir.empty() && dir.back() != '/') out += '/';
  out += name;
  return out;
}

namespace {

// "a symbolic link to 'x', which does not exist", for an error about `path`.
Status DanglingLink(const std::string& path) {
  std::error_code ec;
  const fs::path target = fs::read_symlink(path, ec);
  return Status::InvalidInput("a symbolic link to " +
                              (ec ? std::string("a path") : "'" + target.string() + "'") +
                              ", which does not exist")
      .WithFile(path);
}

}  // namespace

Result<bool> IsDirectory(const std::string& path, const std::string& not_directory) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return true;
    return Status::InvalidInput(not_directory).WithFile(path);
  }
  const int err = errno;
  if (err == ENOENT || err == ENOTDIR) {
    if (::lstat(path.c_str(), &st) == 0) return DanglingLink(path);
    return false;
  }
  return PathErrorFromErrno("read the path", path, err);
}

namespace {

// A *.sql entry of a directory must be a file (or a link to one): skipping a
// directory or a link to nothing would skip a migration.
Status CheckRegularFile(const std::string& dir, const dirent& entry) {
  if (entry.d_type == DT_REG) return Status::Ok();
  const std::string path = JoinPath(dir, entry.d_name);
  bool directory = entry.d_type == DT_DIR;
  if (entry.d_type == DT_LNK || entry.d_type == DT_UNKNOWN) {
    struct stat st {};  // a symbolic link, or a file system that does not fill d_type
    if (::stat(path.c_str(), &st) != 0) {
      const int err = errno;
      if (err == ENOENT) return DanglingLink(path);
      return PathErrorFromErrno("read the file", path, err);
    }
    if (S_ISREG(st.st_mode)) return Status::Ok();
    directory = S_ISDIR(st.st_mode);
  }
  return Status::InvalidInput(directory ? "a directory named like a migration file"
                                        : "not a regular file, as a migration must be")
      .WithFile(path);
}

}  // namespace

Result<std::vector<std::string>> SqlFileNames(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    return PathErrorFromErrno("list the directory", dir, errno);
  }
  std::vector<std::string> names;
  std::string bad_name;  // the first by name of the entries that are not files
  Status bad;
  while (true) {
    errno = 0;
    const dirent* entry = ::readdir(d);
    if (entry == nullptr) {
      if (errno != 0) {
        bad_name.clear();
        bad = Status::Io(std::string("cannot list the directory: ") + std::strerror(errno))
                  .WithFile(dir);
      }
      break;
    }
    const std::string_view name(entry->d_name);
    if (name.size() <= 4 || name.substr(name.size() - 4) != ".sql") continue;
    if (Status st = CheckRegularFile(dir, *entry); !st.ok()) {
      if (bad.ok() || name < bad_name) {
        bad = std::move(st);
        bad_name = std::string(name);
      }
      continue;
    }
    names.emplace_back(name);
  }
  ::closedir(d);
  if (!bad.ok()) return bad;
  std::sort(names.begin(), names.end());
  return names;
}

Status ReadDirectives(Script& script, Dialect dialect) {
  STRATA_RETURN_IF_ERROR(ReadPsqlCommands(script, dialect));
  STRATA_RETURN_IF_ERROR(ReadBackfills(script));
  return ReadChecks(script, dialect);
}

Status SetTransactionModes(Migration& m) {
  const bool no_tx = m.meta.no_transaction;
  const bool force_tx = m.meta.force_transaction;
  auto set = [&](Script& s) {
    s.no_transaction = no_tx;
    s.force_transaction = force_tx;
  };
  set(m.up);
  for (PhaseScripts& p : m.phases) {
    set(p.up);
    if (p.down) set(*p.down);
  }
  if (m.down) {
    STRATA_ASSIGN_OR_RETURN(Metadata down_header, ParseMetadata(m.down->sql, m.down->path));
    m.down->no_transaction = no_tx || down_header.no_transaction;
    m.down->force_transaction =
        !m.down->no_transaction && (force_tx || down_header.force_transaction);
  }
  return Status::Ok();
}

namespace {

// A rollback in a file of its own, whose header says its transaction mode.
Result<Script> RollbackFile(const std::string& path, std::string text) {
  STRATA_ASSIGN_OR_RETURN(Metadata header, ParseMetadata(text, path));
  Script script{.path = path, .sql = std::move(text), .first_line = 1};
  script.no_transaction = header.no_transaction;
  script.force_transaction = header.force_transaction;
  return script;
}

}  // namespace

Checksums MigrationChecksums(const Migration& m, std::string_view text, Dialect dialect) {
  std::string whole;
  auto add = [&](const Script& s) {
    for (const Script::IncludedFile& f : s.included) {
      if (whole.empty()) whole = text;
      whole += "\n-- \\i " + f.path + "\n";
      whole += f.text;
    }
  };
  add(m.up);
  if (m.down) add(*m.down);
  for (const PhaseScripts& p : m.phases) {
    add(p.up);
    if (p.down) add(*p.down);
  }
  return ComputeChecksums(whole.empty() ? text : std::string_view(whole), dialect);
}

Status ReadAllDirectives(Migration& m, Dialect dialect) {
  STRATA_RETURN_IF_ERROR(ReadDirectives(m.up, dialect));
  if (m.down) STRATA_RETURN_IF_ERROR(ReadDirectives(*m.down, dialect));
  for (PhaseScripts& p : m.phases) {
    STRATA_RETURN_IF_ERROR(ReadDirectives(p.up, dialect));
    if (p.down) STRATA_RETURN_IF_ERROR(ReadDirectives(*p.down, dialect));
  }
  return Status::Ok();
}

Result<std::string> ReadMigrationFile(const std::string& path, const LoadOptions& options) {
  Result<std::string> text = ReadSqlFile(path);
  if (options.after_each_file) options.after_each_file();
  if (text.ok()) STRATA_RETURN_IF_ERROR(CheckDirectives(*text, path));
  return text;
}

Result<bool> IsRegularFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISREG(st.st_mode)) return true;
    return Status::InvalidInput("not a regular file").WithFile(path);
  }
  const int err = errno;
  if (err == ENOENT || err == ENOTDIR) {
    if (::lstat(path.c_str(), &st) == 0) return DanglingLink(path);
    return false;
  }
  return PathErrorFromErrno("read the path", path, err);
}

Result<std::string> ReadSqlFile(const std::string& path) {
  // open, fstat, one read, close: with hundreds of files the system calls are
  // most of the cost of `strata status`, so none is spent that is not needed.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return PathErrorFromErrno("read the file", path, errno);
  struct stat st {};
  std::string raw;
  if (::fstat(fd, &st) == 0) raw.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (true) {
    if (got == raw.size()) raw.resize(raw.size() + 4096);  // the file grew, or fstat failed
    const ssize_t n = ::read(fd, raw.data() + got, raw.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
    if (got == static_cast<size_t>(st.st_size)) break;  // all of it, no need for an EOF read
  }
  ::close(fd);
  raw.resize(got);
  size_t bad = 0;
  if (!IsValidUtf8(raw, &bad)) {
    const LineColumn at = LocateOffset(raw, bad);
    return Status::InvalidInput("the file is not valid UTF-8 (byte " + std::to_string(bad) + ")")
        .WithFile(path)
        .WithLocation(at.line, at.column);
  }
  // Valid UTF-8, but no SQL text holds one: SQLite would stop reading there, or
  // wait forever for the rest of the statement, and libpq would cut the text.
  if (const size_t nul = raw.find('\0'); nul != std::string::npos) {
    const LineColumn at = LocateOffset(raw, nul);
    return Status::InvalidInput("the file contains a NUL byte (byte " + std::to_string(nul) + ")")
        .WithFile(path)
        .WithLocation(at.line, at.column);
  }
  if (raw.size() >= 3 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) raw.erase(0, 3);  // BOM
  return NormalizeLineEndings(std::move(raw));
}

namespace {

// The version that a rollback/ file belongs to: "003_rollback.sql", "003.sql",
// "20250101_090000_schema_x.sql" and "20250101_090000_rollback.sql" all work.
std::optional<Version> RollbackVersion(const std::string& name) {
  std::string_view stem(name);
  if (stem.size() < 5 || stem.substr(stem.size() - 4) != ".sql") return std::nullopt;
  stem.remove_suffix(4);
  size_t digits = 0;
  while (digits < stem.size() && std::isdigit(static_cast<unsigned char>(stem[digits]))) ++digits;
  if (digits == 0) return std::nullopt;
  size_t end = digits;
  // A timestamp version is "YYYYMMDD_HHMMSS".
  if (digits == 8 && stem.size() >= 15 && stem[8] == '_') {
    size_t time = 9;
    while (time < stem.size() && time < 15 && std::isdigit(static_cast<unsigned char>(stem[time])))
      ++time;
    if (time == 15 && (stem.size() == 15 || stem[15] == '_')) end = 15;
  }
  if (end < stem.size() && stem[end] != '_') return std::nullopt;
  return Version::Parse(stem.substr(0, end));
}

Status DuplicateVersion(const Migration& a, const std::string& other_path) {
  return Status::InvalidInput("version " + a.version.text() + " is also used by " + a.up.path)
      .WithFile(other_path);
}

}  // namespace

Result<MigrationSet> LoadDirectory(const LoadOptions& options) {
  STRATA_ASSIGN_OR_RETURN(
      const bool exists,
      IsDirectory(options.dir, "not a directory, as the migrations directory must be"));
  if (!exists) {
    return Status::NotFound("the migrations directory does not exist (strata init creates it)")
        .WithFile(options.dir);
  }
  // Peers' layouts read from a plan: sqitch's sqitch.plan (or a sqitch.conf that
  // may say where it is), Liquibase's formatted SQL.
  STRATA_ASSIGN_OR_RETURN(const bool has_sqitch_plan,
                          IsRegularFile(JoinPath(options.dir, kSqitchPlanName)));
  STRATA_ASSIGN_OR_RETURN(const bool has_sqitch_conf,
                          IsRegularFile(JoinPath(options.dir, kSqitchConfName)));
  if (has_sqitch_plan || has_sqitch_conf) return LoadSqitchProject(options);
  auto read = [&options](const std::string& path) { return ReadMigrationFile(path, options); };
  MigrationSet set;
  set.dir = options.dir;
  STRATA_ASSIGN_OR_RETURN(const std::vector<std::string> names, SqlFileNames(options.dir));
  if (!names.empty()) {
    // Liquibase's files are named freely; their first line says what they are.
    // An unreadable first file is reported by the loop below.
    const Result<std::string> first = ReadSqlFile(JoinPath(options.dir, names.front()));
    if (first.ok() && IsLiquibaseChangelog(*first)) return LoadLiquibaseChangelogs(options, names);
  }
  Result<Layout> layout = DetectLayout(names, options.empty_layout);
  if (!layout.ok()) {
    Status st = layout.take_status();
    st.mutable_context().file = JoinPath(options.dir, st.context().file);
    return st;
  }
  set.layout = *layout;

  std::vector<std::pair<Version, Script>> down_scripts;
  std::map<Version, size_t> index_by_version;  // into set.migrations
  set.migrations.reserve(names.size());
  for (const std::string& name : names) {
    const std::string path = JoinPath(options.dir, name);
    const NamedFile named = *ParseFileName(set.layout, name);
    // The name's grammar takes any number of digits; a version holds 64 bits a part.
    const std::optional<Version> version = Version::Parse(named.version);
    if (named.role != NamedFile::Role::kRepeatable && !version) {
      return Status::InvalidInput("the version " + named.version + " is too large").WithFile(path);
    }
    STRATA_ASSIGN_OR_RETURN(std::string text, read(path));
    // What runs has its placeholders replaced; the checksums are the file's.
    // Without placeholders (most projects) the text is not copied.
    std::string replaced;
    if (options.placeholders.any()) {
      STRATA_ASSIGN_OR_RETURN(replaced, ReplacePlaceholders(text, options.placeholders, path));
    }
    const std::string& sql = options.placeholders.any() ? replaced : text;
    if (named.role == NamedFile::Role::kDown) {
      STRATA_ASSIGN_OR_RETURN(Script down, RollbackFile(path, sql));
      down_scripts.emplace_back(*version, std::move(down));
      continue;
    }
    Migration m;
    m.description = named.description;
    m.category = named.category;
    if (named.role == NamedFile::Role::kRepeatable) {
      m.kind = MigrationKind::kRepeatable;
      m.id = "R__" + fs::path(name).stem().string().substr(3);
    } else {
      m.version = *version;
      m.id = named.version;
    }
    STRATA_ASSIGN_OR_RETURN(m.meta, ParseMetadata(sql, path));
    STRATA_ASSIGN_OR_RETURN(Sections sections, SplitSections(sql, path));
    if (sections.no_transaction && m.meta.force_transaction) {
      return Status::InvalidInput(
                 "-- strata:transaction contradicts the section's transaction:false; keep one")
          .WithFile(path);
    }
    m.meta.no_transaction = m.meta.no_transaction || sections.no_transaction;
    m.up = std::move(sections.up);
    m.down = std::move(sections.down);
    m.phases = std::move(sections.phases);
    STRATA_RETURN_IF_ERROR(SetTransactionModes(m));
    STRATA_RETURN_IF_ERROR(ReadAllDirectives(m, options.dialect));
    m.checksums = MigrationChecksums(m, text, options.dialect);
    if (!m.is_repeatable()) {
      auto [it, fresh] = index_by_version.emplace(m.version, set.migrations.size());
      if (!fresh) return DuplicateVersion(set.migrations[it->second], path);
    }
    set.migrations.push_back(std::move(m));
  }

  // Rollback files beside the migrations (rollback/NNN_rollback.sql, seed 002).
  const std::string rollback_dir = JoinPath(options.dir, "rollback");
  STRATA_ASSIGN_OR_RETURN(
      const bool has_rollback_dir,
      IsDirectory(rollback_dir,
                  "not a directory, as rollback/ (which holds rollback files) must be"));
  std::vector<std::string> rollback_names;
  if (has_rollback_dir) {
    STRATA_ASSIGN_OR_RETURN(rollback_names, SqlFileNames(rollback_dir));
  }
  for (const std::string& name : rollback_names) {
    const std::string path = JoinPath(rollback_dir, name);
    const std::optional<Version> v = RollbackVersion(name);
    if (!v) {
      return Status::InvalidInput(
                 "cannot tell which migration this rollback belongs to; name it "
                 "like 003_rollback.sql")
          .WithFile(path);
    }
    STRATA_ASSIGN_OR_RETURN(std::string text, read(path));
    STRATA_ASSIGN_OR_RETURN(std::string sql,
                            ReplacePlaceholders(std::move(text), options.placeholders, path));
    STRATA_ASSIGN_OR_RETURN(Script down, RollbackFile(path, std::move(sql)));
    down_scripts.emplace_back(*v, std::move(down));
  }

  for (auto& [version, script] : down_scripts) {
    auto found = index_by_version.find(version);
    Migration* target = found == index_by_version.end() ? nullptr : &set.migrations[found->second];
    if (target == nullptr) {
      return Status::InvalidInput("rollback for version " + version.text() +
                                  ", but no migration has that version")
          .WithFile(script.path);
    }
    if (target->is_phased()) {
      return Status::InvalidInput("a rollback file for " + target->up.path +
                                  ", which has phase sections: put each phase's rollback in "
                                  "its -- strata:<phase>:down section")
          .WithFile(script.path);
    }
    if (target->down) {
      return Status::InvalidInput("a second rollback for " + target->up.path + " (the first is " +
                                  target->down->path + ")")
          .WithFile(script.path);
    }
    STRATA_RETURN_IF_ERROR(ReadDirectives(script, options.dialect));
    // The rollback of a migration without a transaction runs without one too,
    // and so does any rollback whose own header says so.
    script.no_transaction = script.no_transaction || target->meta.no_transaction;
    script.force_transaction =
        !script.no_transaction && (script.force_transaction || target->meta.force_transaction);
    target->down = std::move(script);
  }

  STRATA_RETURN_IF_ERROR(OrderByDependencies(set.migrations));
  return set;
}

}  // namespace strata::source
