// toml++, as every file of ours includes it: with its internal assertions off in
// every build, not only in release builds (NDEBUG), where toml++ turns them off
// itself.
//
// Why: toml++ 3.3.0 (Debian 12's) asserts a precondition of its parse_key()
// that its own table-header parser breaks on malformed input such as "[,x]",
// "[[[1]]]" or "[[=" (fixed in toml++ after 3.3.0). Without the assertion the
// parser goes on to report the malformed key as a toml::parse_error, which
// config.cc turns into an InvalidInput naming the line; with it, a debug or
// sanitizer build of strata aborted on a bad strata.toml. Found by
// fuzz/strata_toml_fuzzer.cc; pinned by cli/config_test.cc.
//
// In a release build toml++ turns the assertion into an optimizer assumption
// (TOML_ASSUME), which does nothing under GCC, the release compiler. Memory
// errors inside toml++ are still caught by the sanitizers.
#pragma once

#ifndef TOML_ASSERT
#define TOML_ASSERT(expr) static_cast<void>(0)
#endif
#include <toml++/toml.h>
