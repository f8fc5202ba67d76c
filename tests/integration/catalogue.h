// The bad-input catalogue (issue 16; docs/bad-input.md lists it): input a user
// or an attacker can hand strata that it must refuse, each case with the exit
// code, the words its message must hold (the file, line, key or value, the
// nearest spelling) and, checked by catalogue_test.cc, a database left exactly
// as it was. The cases are grouped by what is wrong, one file a group.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace strata::testing::catalogue {

// The engines a case runs on.
enum Engines : unsigned { kSqlite = 1, kPostgres = 2, kBoth = kSqlite | kPostgres };

// What a case's preparation can reach: the project directory, the database and
// a way to run SQL on it as another client would (a hand edit).
struct Context {
  std::filesystem::path dir;
  std::string url;
  std::function<std::string(const std::string& sql)> sql;
};

// Exit codes (cli/exit_codes.h).
inline constexpr int kFailure = 1;
inline constexpr int kBadInput = 2;
inline constexpr int kCheckFailed = 3;

struct Case {
  std::string id;       // stable, listed in docs/bad-input.md
  std::string problem;  // what is wrong, for the docs
  // strata's arguments; "{dir}" stands for the project directory. The database
  // comes from STRATA_URL unless the case gives --url.
  std::vector<std::string> args;
  int exit_code;
  std::vector<std::string> words;  // the message (stderr) holds each
  // Files written into the project after its first migration was applied
  // (path relative to the project, content).
  std::vector<std::pair<std::string, std::string>> files = {};
  std::function<void(const Context&)> prepare = nullptr;
  unsigned engines = kBoth;
  // Paths (relative to the project) that must not exist afterwards: nothing
  // created, nothing run.
  std::vector<std::string> absent = {};
  // Text that must show nowhere in the output (a password).
  std::vector<std::string> hidden = {};
};

// Every project starts as migrations/001_users.sql applied by `strata up`.
inline constexpr const char* kFirstMigration =
    "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n"
    "-- strata:down\n"
    "DROP TABLE users;\n";

std::vector<Case> MigrationFileCases();
std::vector<Case> ConfigCases();
std::vector<Case> CommandLineCases();
std::vector<Case> HistoryCases();

}  // namespace strata::testing::catalogue
