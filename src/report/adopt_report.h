// `strata adopt`'s report: which file each of the peer's records is, what was
// (or would be) recorded, the records that need a decision, and what `up` applies next.
#pragma once

#include <ostream>

#include "engine/adopt.h"
#include "report/report.h"

namespace strata::report {

void RenderAdopt(const engine::AdoptReport& adopt, Format format, std::ostream& out);

}  // namespace strata::report
