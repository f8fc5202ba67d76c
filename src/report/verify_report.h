// Renderings of `strata verify`: one line per migration with, under each
// failing one, the exact schema difference its rollback leaves (text), and the
// same as JSON with stable keys for CI.
#pragma once

#include <string>

#include "engine/verify.h"

namespace strata::report {

// "ok    001 create users", "FAIL  002 add orders index" followed by indented
// lines ("+ index public.orders_customer_idx (left behind by the rollback)"),
// then why verification stopped, if it did, and a summary line. `where`: the
// scratch database, for people ("a scratch database on postgres://app@db/postgres").
std::string VerifyText(const engine::VerifyReport& report, const std::string& where);
// {"format_version": 1, "passed", "where", "counts": {"ok", "failed", "skipped",
// "not_verified"}, "stopped" (null when it did not), "migrations": [{"id",
// "description", "file", "rollback" (null when none), "status", "stage" (null
// when no step failed), "error" (null, or as RenderError's), "after_rollback":
// [changes as in DiffJson], "after_reapply": [...]}]}
std::string VerifyJson(const engine::VerifyReport& report, const std::string& where);

}  // namespace strata::report
