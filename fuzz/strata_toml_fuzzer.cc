// strata.toml's text through the reader LoadSettings uses (cli/config.h
// ReadConfigText: toml++ and then every table and key read strictly, with its
// type and range checked). A parse error is a value; nothing may escape.
#include <string>

#include "cli/config.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace strata;
  cli::Settings settings;
  const Status st =
      cli::ReadConfigText(std::string(fuzz::AsText(data, size)), "strata.toml", settings);
  if (st.ok()) {
    fuzz::Expect(!settings.dir.empty() && settings.rollback_max_age_days >= 0,
                 "a config read has a migrations directory and a non-negative age");
  }
  return 0;
}
