// Renderings of a plan (engine::PlanReview, what `strata up` would do): text for
// a terminal, Markdown for a review comment on a pull request, JSON for tools.
// No database access.
#pragma once

#include <ostream>
#include <string>

#include "engine/plan_review.h"

namespace strata::report {

enum class PlanFormat { kText, kMarkdown, kJson };

// "text", "markdown", "json"; false for anything else.
bool ParsePlanFormat(const std::string& name, PlanFormat* out);

// Text and Markdown give sizes for people ("1.2 GB", "~3.4M rows"); JSON gives
// bytes and rows as numbers, null when unknown, with every key always present.
void RenderPlanReview(const engine::PlanReview& plan, PlanFormat format, std::ostream& out);

}  // namespace strata::report
