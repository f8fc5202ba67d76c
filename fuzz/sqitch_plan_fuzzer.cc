// sqitch.plan and sqitch.conf as the sqitch layout reads them
// (source/sqitch_plan.h, sqitch_conf.h): pragmas, change and tag lines,
// dependencies, reworks; the conf's [core] and [engine] paths. What a plan
// gives must hold together: each change on a line of the file, each
// requirement on an earlier change, each rework with the tags that name it.
#include <string>

#include "base/strings.h"
#include "fuzz/fuzz_support.h"
#include "source/sqitch_conf.h"
#include "source/sqitch_plan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace strata;
  std::string text(fuzz::AsText(data, size));
  if (!IsValidUtf8(text) || text.find('\0') != std::string::npos) return 0;
  text = NormalizeLineEndings(std::move(text));
  (void)source::ParseSqitchConf(text, "fuzz/sqitch.conf", Dialect::kPostgres);
  Result<source::SqitchPlan> plan = source::ParseSqitchPlan(text, "fuzz/sqitch.plan");
  if (!plan.ok()) {
    fuzz::Expect(plan.status().context().line >= 1, "an error names a line");
    return 0;
  }
  fuzz::Expect(!plan->project.empty(), "a plan names its project");
  const int lines = LocateOffset(text, text.size()).line;
  int previous_line = 0;
  for (size_t i = 0; i < plan->changes.size(); ++i) {
    const source::SqitchChange& c = plan->changes[i];
    fuzz::Expect(!c.name.empty(), "a change has a name");
    fuzz::Expect(c.line > previous_line && c.line <= lines, "changes are on lines in order");
    previous_line = c.line;
    for (size_t r : c.requires_changes) fuzz::Expect(r < i, "a requirement is earlier");
  }
  return 0;
}
