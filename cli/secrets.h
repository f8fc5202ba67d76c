// Keeping the target's password out of everything strata prints or stores.
//
// main() routes std::cout and std::cerr through one redactor (RedactOutput); the
// connection code adds every password it learns (AddSecretsOf, AddSecrets):
// those a URL holds, PGPASSWORD, and the one libpq took from ~/.pgpass or a
// service file. Text that is stored rather than printed (a backup reference in
// the history rows) goes through Redact().
//
// Process-wide state, for a single-threaded CLI: not thread-safe.
#pragma once

#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace strata::cli {

// Adds secrets to mask from now on (empty and very short ones are ignored).
void AddSecrets(const std::vector<std::string>& secrets);
// Adds the passwords a connection to `url` may use, known before connecting.
void AddSecretsOf(const std::string& url);

// `text` with every secret added so far masked ("********").
std::string Redact(std::string_view text);

// While alive, std::cout and std::cerr pass through Redact(). A tail that may be
// the start of a secret is held back until the rest comes (or the end).
class RedactOutput {
 public:
  RedactOutput();
  ~RedactOutput();  // flushes and restores the streams
  RedactOutput(const RedactOutput&) = delete;
  RedactOutput& operator=(const RedactOutput&) = delete;

 private:
  class Buffer;
  std::unique_ptr<Buffer> out_;
  std::unique_ptr<Buffer> err_;
};

}  // namespace strata::cli
