// Flyway's placeholders: `${name}` in a migration file replaced by a value from
// strata.toml's [placeholders] before the file is read as SQL, so that files
// written for Flyway (`CREATE SCHEMA ${schema}`) run unchanged. The checksums
// stay those of the file as written, as Flyway's do: a new value does not make
// an applied migration "changed".
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/status.h"

namespace strata::source {

struct Placeholders {
  std::map<std::string, std::string> values;  // none: nothing is replaced
  std::string prefix = "${";                  // Flyway's placeholderPrefix
  std::string suffix = "}";                   // Flyway's placeholderSuffix

  // Whether anything is replaced at all.
  bool any() const { return !values.empty() && !prefix.empty() && !suffix.empty(); }
};

// `text` with every prefix NAME suffix (NAME: letters, digits, _ . : -)
// replaced by its value. A placeholder with no value is InvalidInput naming
// path:line and the names that have one. With no values configured the text
// is returned as it is: a `${` in a file not written for Flyway is not touched.
// Example: "CREATE SCHEMA ${schema};" with {schema: app} -> "CREATE SCHEMA app;"
Result<std::string> ReplacePlaceholders(std::string text, const Placeholders& placeholders,
                                        const std::string& path);

}  // namespace strata::source
