// Reading a migration file's text: the metadata in its leading comments and the
// up/down sections (`-- strata:up` / `-- strata:down`, dbmate's `-- migrate:up` /
// `-- migrate:down`), or the phase sections of a zero-downtime change
// (`-- strata:expand` / `-- strata:expand:down`, migrate, contract).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "source/migration.h"

namespace strata::source {

struct Sections {
  Script up;                   // the whole file when it has no markers
  std::optional<Script> down;  // present when the file has a down marker
  bool has_markers = false;
  bool no_transaction = false;  // dbmate's "-- migrate:up transaction:false"
  // `-- strata:expand`, `-- strata:expand:down`, `-- strata:migrate`, ... in phase
  // order; then `up` is the whole file and `down` is empty.
  std::vector<PhaseScripts> phases;
};

// Cuts normalized `text` at its section markers. `path` is recorded in the scripts
// and named in errors (a marker given twice, an up marker after the down one).
Result<Sections> SplitSections(std::string_view text, const std::string& path);

// Reads `-- Key: value` lines from the leading comment block (marker lines may be
// among them). Unknown keys are prose and are ignored; a bad value for a known key
// is an error naming path:line.
Result<Metadata> ParseMetadata(std::string_view text, const std::string& path);

}  // namespace strata::source
