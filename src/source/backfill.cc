#include "source/backfill.h"

#include <charconv>

#include "base/strings.h"
#include "source/directive.h"
#include "source/known_directives.h"

namespace strata::source {
namespace {

constexpr std::string_view kDirective = "strata:backfill";

bool ParseCount(std::string_view text, int64_t* out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

// The words after the directive: key=value pairs.
Status ParseArguments(std::string_view args, Backfill& b, const std::string& where_hint) {
  for (const std::string& word : SplitAndTrim(std::string(args), ' ')) {
    if (word.empty()) continue;
    const size_t eq = word.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == word.size()) {
      return Status::InvalidInput("'" + word + "' in a backfill directive is not key=value" +
                                  where_hint);
    }
    const std::string key = ToLower(word.substr(0, eq));
    const std::string value = word.substr(eq + 1);
    int64_t n = 0;
    auto count = [&](int64_t* field, int64_t min) -> Status {
      if (!ParseCount(value, &n) || n < min) {
        return Status::InvalidInput(key + "=" + value + " must be an integer of at least " +
                                    std::to_string(min) + where_hint);
      }
      *field = n;
      return Status::Ok();
    };
    if (key == "table") {
      b.table = value;
    } else if (key == "key") {
      b.key = value;
    } else if (key == "batch") {
      STRATA_RETURN_IF_ERROR(count(&b.batch, 1));
    } else if (key == "pause") {
      STRATA_RETURN_IF_ERROR(count(&b.pause_ms, 0));
    } else if (key == "max_rate") {
      STRATA_RETURN_IF_ERROR(count(&b.max_rate, 0));
    } else {
      return Status::InvalidInput(UnknownOptionMessage(*FindKnownDirective(kDirective), word));
    }
  }
  for (const auto& [name, missing] :
       {std::pair{"table", b.table.empty()}, std::pair{"key", b.key.empty()},
        std::pair{"batch", b.batch == 0}}) {
    if (missing) {
      return Status::InvalidInput(std::string("a backfill directive needs ") + name + "=" +
                                  where_hint);
    }
  }
  return Status::Ok();
}

}  // namespace

Status ReadBackfills(Script& script) {
  for (const DirectiveLine& d : FindDirectives(script, kDirective)) {
    Backfill b;
    b.offset = d.offset;
    b.line = d.line;
    Status st =
        ParseArguments(d.args, b, " (example: -- strata:backfill table=users key=id batch=1000)");
    if (!st.ok()) return std::move(st).WithFile(std::string(d.path)).WithLocation(d.line, 1);
    script.backfills.push_back(std::move(b));
  }
  return Status::Ok();
}

}  // namespace strata::source
