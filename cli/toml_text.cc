#include "cli/toml_text.h"

#include <algorithm>

namespace strata::cli {
namespace {

bool IsAscii(char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; }
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Where the scanner stands: TOML's string kinds and comments, or neither.
enum class In { kCode, kComment, kBasic, kLiteral, kMultiBasic, kMultiLiteral };

class Scanner {
 public:
  Scanner(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  Status Run() {
    if (text_.starts_with("\xEF\xBB\xBF")) i_ = 3;  // a BOM, which toml++ skips
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (c == '\n' && in_ != In::kMultiBasic && in_ != In::kMultiLiteral) {
        in_ = In::kCode;  // a comment ends; a string left open is toml++'s error to report
        key_ = true;
        run_ = false;
        braces_ = 0;
        Step(1);
        continue;
      }
      switch (in_) {
        case In::kCode:
          if (!IsAscii(c)) return Refuse("a non-ASCII character outside a string or comment");
          if (c == '#') {
            in_ = In::kComment;
          } else if ((c == '"' || c == '\'') && !run_) {
            const bool multi = QuoteRun(c) >= 3;
            in_ = c == '"' ? (multi ? In::kMultiBasic : In::kBasic)
                           : (multi ? In::kMultiLiteral : In::kLiteral);
            Step(multi ? 3 : 1);
            continue;
          } else {
            Code(c);
          }
          break;
        case In::kComment:
          break;
        case In::kLiteral:
        case In::kBasic:
          if (c == (in_ == In::kLiteral ? '\'' : '"')) {
            in_ = In::kCode;
            run_ = true;  // a quote right after a string does not open another
          }
          break;
        case In::kMultiLiteral:
        case In::kMultiBasic:
          if (c == (in_ == In::kMultiLiteral ? '\'' : '"')) {
            // """ closes; up to two more quotes before it belong to the string.
            const size_t run = QuoteRun(c);
            if (run >= 3) {
              in_ = In::kCode;
              run_ = true;
            }
            Step(std::min<size_t>(run, 5));
            continue;
          }
          break;
      }
      if (c == '\\' && (in_ == In::kBasic || in_ == In::kMultiBasic)) {
        STRATA_RETURN_IF_ERROR(Escape());
        continue;
      }
      Step(1);
    }
    return Status::Ok();
  }

 private:
  // At a backslash in a basic string: what follows must be ASCII, and so must
  // the first character after a line-ending backslash's blank space.
  Status Escape() {
    Step(1);
    if (i_ < text_.size() && !IsAscii(text_[i_])) {
      return Refuse("a non-ASCII character right after a backslash; write it as \\uXXXX");
    }
    if (in_ != In::kMultiBasic) {
      Step(1);  // the escaped character
      return Status::Ok();
    }
    size_t after = i_;
    while (after < text_.size() && (text_[after] == ' ' || text_[after] == '\t')) ++after;
    if (after < text_.size() && !IsAscii(text_[after])) {  // "\ é": blank, then the question
      Step(after - i_);
      return Refuse("a non-ASCII character after a backslash and blank space");
    }
    if (after == text_.size() || (text_[after] != '\n' && text_[after] != '\r')) {
      Step(1);
      return Status::Ok();
    }
    while (i_ < text_.size() && IsBlank(text_[i_])) Step(1);  // a line-ending backslash
    if (i_ < text_.size() && !IsAscii(text_[i_])) {
      return Refuse(
          "a non-ASCII character first after a line-ending backslash; write it as \\uXXXX");
    }
    return Status::Ok();
  }

  // Follows keys and values outside strings, so as to tell a quote that opens
  // a string from one inside a bare word: toml++ reads a bare value by looking
  // ahead to blank space, ",", "]", "}" or "#" (through "1e=\"é\"" and
  // "1[\"é\"" whole), and a bare key up to blank space, ".", "=" or a bracket.
  // A quote opens a string only where no bare word runs.
  void Code(char c) {
    const bool in_bare_value = !key_ && run_;
    if (in_bare_value && (c == '[' || c == '{')) return;  // part of the word, not a value
    if (c == ' ' || c == '\t' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}') {
      run_ = false;
      if (c == '{') ++braces_;
      if (c == '}' && braces_ > 0) --braces_;
      if (c == '{' || (c == ',' && braces_ > 0)) key_ = true;  // an inline table's next key
      if (c == '}') key_ = false;
    } else if (key_ && (c == '=' || c == '.')) {
      run_ = false;
      if (c == '=') key_ = false;
    } else {
      run_ = true;
    }
  }

  size_t QuoteRun(char quote) const {
    size_t n = 0;
    while (i_ + n < text_.size() && text_[i_ + n] == quote) ++n;
    return n;
  }

  void Step(size_t n) {
    for (size_t end = std::min(i_ + n, text_.size()); i_ < end; ++i_) {
      if (text_[i_] == '\n') {
        ++line_;
        line_start_ = i_ + 1;
      }
    }
  }

  Status Refuse(const std::string& what) const {
    int column = 1;  // code points: every byte but UTF-8 continuation bytes
    for (size_t k = line_start_; k < i_; ++k) {
      if ((static_cast<unsigned char>(text_[k]) & 0xC0) != 0x80) ++column;
    }
    return Status::InvalidInput(what).WithFile(file_).WithLocation(line_, column);
  }

  std::string_view text_;
  const std::string& file_;
  In in_ = In::kCode;
  // Outside strings and comments (Code): reading a key (else a value), inside
  // a bare word, and how deep in inline tables.
  bool key_ = true;
  bool run_ = false;
  int braces_ = 0;
  size_t i_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
};

}  // namespace

Status CheckTomlText(std::string_view text, const std::string& file) {
  return Scanner(text, file).Run();
}

}  // namespace strata::cli
