#include "cli/secrets.h"

#include <streambuf>

#include "cli/connect.h"
#include "driver/redact.h"

namespace strata::cli {
namespace {

driver::Redactor& Secrets() {
  static driver::Redactor redactor;
  return redactor;
}

}  // namespace

void AddSecrets(const std::vector<std::string>& secrets) {
  for (const std::string& s : secrets) Secrets().Add(s);
}

void AddSecretsOf(const std::string& url) { AddSecrets(PasswordsFor(url)); }

std::string Redact(std::string_view text) { return Secrets().Apply(text); }

// Collects what a stream writes and passes it on redacted: whole at a flush
// (std::cerr flushes after every <<), except a tail that may begin a secret.
class RedactOutput::Buffer final : public std::streambuf {
 public:
  explicit Buffer(std::ostream& stream) : stream_(stream), dest_(stream.rdbuf(this)) {}
  ~Buffer() override {
    Pass(/*all=*/true);
    stream_.rdbuf(dest_);
  }

 protected:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) pending_.push_back(traits_type::to_char_type(c));
    if (c == '\n') Pass(false);
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    pending_.append(s, static_cast<size_t>(n));
    if (pending_.find('\n') != std::string::npos) Pass(false);
    return n;
  }
  int sync() override {
    Pass(false);
    return dest_->pubsync();
  }

 private:
  void Pass(bool all) {
    const size_t hold = all ? 0 : Secrets().PossibleStart(pending_);
    const std::string shown = Redact(std::string_view(pending_).substr(0, pending_.size() - hold));
    dest_->sputn(shown.data(), static_cast<std::streamsize>(shown.size()));
    pending_.erase(0, pending_.size() - hold);
    if (all) dest_->pubsync();
  }

  std::ostream& stream_;
  std::streambuf* dest_;
  std::string pending_;
};

RedactOutput::RedactOutput()
    : out_(std::make_unique<Buffer>(std::cout)), err_(std::make_unique<Buffer>(std::cerr)) {}

RedactOutput::~RedactOutput() = default;

}  // namespace strata::cli
