// Renderings of lint results: text with the source line and a caret, JSON, SARIF
// 2.1.0 (code scanning), GitHub workflow annotations; and the rule list as
// Markdown (docs/lint-rules.md is written from it), text or JSON.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/lint.h"
#include "sql/lint/rule.h"

namespace strata::report {

enum class LintFormat { kText, kJson, kSarif, kGithub, kMarkdown };

// "text", "json", "sarif", "github", "markdown"; false for anything else.
bool ParseLintFormat(const std::string& name, LintFormat* out);

void RenderLint(const engine::LintReport& report, LintFormat format,
                const std::string& tool_version, std::ostream& out);

struct RuleRow {
  sql::lint::RuleInfo info;
  sql::lint::Severity severity;  // as configured
};
void RenderRules(const std::vector<RuleRow>& rules, LintFormat format, std::ostream& out);

// "41 GB", "3.2 MB", "512 B".
std::string HumanBytes(int64_t bytes);
// "~120M rows", "~3.4k rows", "~12 rows".
std::string HumanRows(int64_t rows);

}  // namespace strata::report
