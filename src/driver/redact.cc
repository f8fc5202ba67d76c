#include "driver/redact.h"

#include <algorithm>
#include <cctype>

#include "base/strings.h"

namespace strata::driver {
namespace {

constexpr std::string_view kMask = "********";
constexpr size_t kMinSecret = 3;  // see MaskSecret

bool IsSchemeChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '.' || c == '-';
}
bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// What becomes of a password: masked for messages, dropped for files.
enum class Secret { kMask, kDrop };

// "scheme://user:secret@rest" -> "scheme://user:********@rest" (kDrop:
// "scheme://user@rest"). The user info ends at the last '@', so that a password
// holding an unencoded '/', '?' or '@' ("u:pa/ss@h") is masked whole, although
// the URL is not valid (an '@' further on, in a query, masks more than needed,
// never less). `found` (when given) collects the password.
std::string MaskUserInfo(std::string_view url, Secret secret,
                         std::vector<std::string>* found = nullptr) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0 ||
      std::isalpha(static_cast<unsigned char>(url[0])) == 0) {
    return std::string(url);
  }
  for (size_t i = 0; i < scheme_end; ++i) {
    if (!IsSchemeChar(url[i])) return std::string(url);
  }
  const size_t authority = scheme_end + 3;
  const size_t at = url.rfind('@');
  if (at == std::string_view::npos || at < authority) return std::string(url);
  const size_t colon = url.find(':', authority);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  if (found != nullptr) found->emplace_back(url.substr(colon + 1, at - colon - 1));
  if (secret == Secret::kMask) {
    return std::string(url.substr(0, colon + 1)) + std::string(kMask) + std::string(url.substr(at));
  }
  // Without a user name, the '@' goes too: "postgres://:pw@h" -> "postgres://h".
  const size_t rest = colon == authority ? at + 1 : at;
  return std::string(url.substr(0, colon)) + std::string(url.substr(rest));
}

// A keyword string's value as libpq reads it: 'it\\'s' -> it's.
std::string Unquoted(std::string_view value) {
  if (value.empty() || value.front() != '\'') return std::string(value);
  std::string out;
  for (size_t i = 1; i < value.size() && value[i] != '\''; ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) ++i;
    out.push_back(value[i]);
  }
  return out;
}

// The forms a password takes in a URL (percent-encoded, with upper- or
// lower-case hex), in a keyword string (quoted, with backslash escapes) and in a
// ~/.pgpass line (':' and '\\' escaped with a backslash).
std::vector<std::string> FormsOf(std::string_view secret) {
  std::string upper, lower, quoted = "'", pgpass;
  for (const char c : secret) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      upper.push_back(c);
      lower.push_back(c);
    } else {
      constexpr char kUpper[] = "0123456789ABCDEF";
      constexpr char kLower[] = "0123456789abcdef";
      upper.append({'%', kUpper[u >> 4], kUpper[u & 15]});
      lower.append({'%', kLower[u >> 4], kLower[u & 15]});
    }
    if (c == '\'' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
    if (c == ':' || c == '\\') pgpass.push_back('\\');
    pgpass.push_back(c);
  }
  quoted.push_back('\'');
  return {std::string(secret), upper, lower, quoted, pgpass};
}

// Keyword form: "host=h password=secret" and "password = 'se cret'" (kDrop: the
// pair goes, with the spaces after it).
std::string MaskKeyword(std::string_view text, Secret secret,
                        std::vector<std::string>* found = nullptr) {
  constexpr std::string_view kKey = "password";
  // In any case: libpq refuses "PASSWORD=x", and its error must not show x.
  const std::string lower = ToLower(text);
  std::string out;
  size_t copied = 0;
  for (size_t pos = lower.find(kKey); pos != std::string::npos; pos = lower.find(kKey, pos + 1)) {
    if (pos < copied || (pos > 0 && !IsSpace(text[pos - 1]))) continue;
    size_t i = pos + kKey.size();
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i >= text.size() || text[i] != '=') continue;
    ++i;
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i >= text.size()) continue;
    size_t end = i;
    if (text[i] == '\'') {
      for (end = i + 1; end < text.size() && text[end] != '\''; ++end) {
        if (text[end] == '\\' && end + 1 < text.size()) ++end;
      }
      if (end < text.size()) ++end;  // the closing quote
    } else {
      while (end < text.size() && !IsSpace(text[end])) ++end;
    }
    if (found != nullptr) found->push_back(Unquoted(text.substr(i, end - i)));
    out.append(text.substr(copied, pos - copied));
    if (secret == Secret::kMask) {
      out.append(text.substr(pos, kKey.size())).append("=").append(kMask);
    } else {
      while (end < text.size() && IsSpace(text[end])) ++end;
    }
    copied = end;
  }
  out.append(text.substr(copied));
  if (secret == Secret::kDrop) {
    while (!out.empty() && IsSpace(out.back())) out.pop_back();  // it was the last pair
  }
  return out;
}

// Query parameter: "...?sslmode=require&password=secret" (kDrop: the parameter
// goes with one of its separators).
std::string MaskQueryParameter(std::string_view text, Secret secret,
                               std::vector<std::string>* found = nullptr) {
  std::string out;
  size_t copied = 0;
  for (size_t pos = text.find("password="); pos != std::string_view::npos;
       pos = text.find("password=", pos + 1)) {
    if (pos == 0 || (text[pos - 1] != '?' && text[pos - 1] != '&') || pos < copied) continue;
    const size_t value = pos + 9;
    const size_t end = std::min(text.find('&', value), text.size());
    if (found != nullptr) found->emplace_back(text.substr(value, end - value));
    if (secret == Secret::kMask) {
      out.append(text.substr(copied, value - copied)).append(kMask);
      copied = end;
    } else if (text[pos - 1] == '&') {  // "?a=b&password=x&c=d" -> "?a=b&c=d"
      out.append(text.substr(copied, pos - 1 - copied));
      copied = end;
    } else {  // "?password=x&c=d" -> "?c=d"; "?password=x" -> ""
      out.append(text.substr(copied, end < text.size() ? pos - copied : pos - 1 - copied));
      copied = end < text.size() ? end + 1 : end;
    }
  }
  return out.append(text.substr(copied));
}

}  // namespace

std::string MaskSecret(std::string_view text, std::string_view secret) {
  std::string out(text);
  if (secret.size() < kMinSecret) return out;
  const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (size_t pos = out.find(secret); pos != std::string::npos;) {
    const size_t end = pos + secret.size();
    const bool inside_a_word = (word(secret.front()) && pos > 0 && word(out[pos - 1])) ||
                               (word(secret.back()) && end < out.size() && word(out[end]));
    const bool a_scheme = out.compare(end, 3, "://") == 0;
    if (inside_a_word || a_scheme) {
      pos = out.find(secret, pos + 1);
      continue;
    }
    out.replace(pos, secret.size(), kMask);
    pos = out.find(secret, pos + kMask.size());
  }
  return out;
}

// Hand-written rather than std::regex: compiling three regexes cost more than the
// rest of `strata status` put together.
std::string RedactUrl(std::string_view url) {
  return MaskQueryParameter(MaskKeyword(MaskUserInfo(url, Secret::kMask), Secret::kMask),
                            Secret::kMask);
}

std::string WithoutPassword(std::string_view url) {
  return MaskQueryParameter(MaskKeyword(MaskUserInfo(url, Secret::kDrop), Secret::kDrop),
                            Secret::kDrop);
}

std::string RedactUrlsIn(std::string_view text) {
  std::string out;
  size_t copied = 0;
  for (size_t sep = text.find("://"); sep != std::string_view::npos;
       sep = text.find("://", sep + 3)) {
    if (sep < copied) continue;
    size_t start = sep;
    while (start > copied && IsSchemeChar(text[start - 1])) --start;
    size_t end = sep + 3;
    while (end < text.size() && !IsSpace(text[end]) && text[end] != '"' && text[end] != '\'') {
      ++end;
    }
    out.append(text.substr(copied, start - copied))
        .append(RedactUrl(text.substr(start, end - start)));
    copied = end;
  }
  return MaskKeyword(out.append(text.substr(copied)), Secret::kMask);
}

std::vector<std::string> PasswordsIn(std::string_view text) {
  std::vector<std::string> found;
  MaskQueryParameter(MaskKeyword(MaskUserInfo(text, Secret::kMask, &found), Secret::kMask, &found),
                     Secret::kMask, &found);
  std::erase_if(found, [](const std::string& p) { return p.empty() || p == kMask; });
  return found;
}

void Redactor::Add(std::string_view secret) {
  if (secret.size() < kMinSecret) return;
  for (std::string& form : FormsOf(secret)) {
    if (std::find(forms_.begin(), forms_.end(), form) == forms_.end())
      forms_.push_back(std::move(form));
  }
  // Longest first: a form that holds another is masked whole.
  std::stable_sort(forms_.begin(), forms_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string Redactor::Apply(std::string_view text) const {
  std::string out(text);
  for (const std::string& form : forms_) out = MaskSecret(out, form);
  return out;
}

size_t Redactor::PossibleStart(std::string_view text) const {
  size_t longest = 0;
  for (const std::string& form : forms_) {
    for (size_t n = std::min(form.size() - 1, text.size()); n > longest; --n) {
      if (text.ends_with(std::string_view(form).substr(0, n))) {
        longest = n;
        break;
      }
    }
  }
  return longest;
}

}  // namespace strata::driver
