// The part of sqitch.conf that says where a sqitch project's files are. A pure
// parser of sqitch's git-config-like format: text in, values out.
//
// Read, from [core] and then from the engine's own section ([engine "pg"], or
// the older [core "pg"]), which wins: top_dir, plan_file, deploy_dir,
// revert_dir, verify_dir, reworked_dir, reworked_deploy_dir,
// reworked_revert_dir, reworked_verify_dir, extension. Every other key (the
// engine, targets and their URIs, the client, user.name and user.email, ...)
// is sqitch's business when it deploys, and is ignored: strata is told where
// to deploy by its own configuration. [target "..."] sections are ignored too.
#pragma once

#include <string>
#include <string_view>

#include "base/dialect.h"
#include "base/status.h"

namespace strata::source {

// Paths as written (relative ones are relative to the project directory);
// empty: not set, sqitch's default applies (sqitch.cc).
struct SqitchPaths {
  std::string top_dir;
  std::string plan_file;
  std::string deploy_dir;
  std::string revert_dir;
  std::string verify_dir;
  std::string reworked_dir;
  std::string reworked_deploy_dir;
  std::string reworked_revert_dir;
  std::string reworked_verify_dir;
  std::string extension;  // without the dot; empty: "sql"
};

// sqitch's name of the engine for `dialect`: "pg", "sqlite".
std::string_view SqitchEngine(Dialect dialect);

// Parses sqitch.conf text; `path` is named in errors. A line that is not a
// section, a key or a comment, a path strata does not resolve (~/...), or an
// extension with a '/' is an InvalidInput naming the line and the key.
Result<SqitchPaths> ParseSqitchConf(std::string_view text, const std::string& path,
                                    Dialect dialect);

}  // namespace strata::source
