// The JSON forms of values that several reports print, so that each has one
// shape everywhere: a Change (diff, drift, verify) and an error. Private to
// report/: it includes nlohmann/json.hpp, which no public header of ours may.
#pragma once

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "catalog/change.h"

namespace strata::report {

// {"action", "object", "name", "details", "destructive"[, "reason"][, "rebuild"]}
nlohmann::ordered_json ChangeJson(const catalog::Change& change);
nlohmann::ordered_json ChangesJson(const catalog::Changes& changes);
// {"message", "file", "line", "column", "sqlstate", "statement"}
nlohmann::ordered_json ErrorJson(const Status& status);

}  // namespace strata::report
