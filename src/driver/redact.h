// Keeping passwords out of everything strata prints.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace strata::driver {

// Replaces each occurrence of `secret` in `text` by "********". An empty or very
// short secret (under 3 bytes) is left alone: masking it would garble the text
// while hiding nothing worth hiding. So is an occurrence that is part of a longer
// word ("secret" in "secretary") or a URL's scheme ("postgres" in "postgres://"):
// a common word for a password ("postgres") would otherwise mask every mention of
// it, while a user name or database name equal to the password is masked, since
// showing it would show the password.
std::string MaskSecret(std::string_view text, std::string_view secret);

// "postgres://alice:pw@host/db" -> "postgres://alice:********@host/db" and
// "host=h password=pw" -> "host=h password=********". Other text is unchanged.
std::string RedactUrl(std::string_view url);

// The URL with its password left out, for files (strata init's strata.toml):
// "postgres://alice:pw@host/db" -> "postgres://alice@host/db",
// "host=h password=pw dbname=d" -> "host=h dbname=d", "...?password=pw&x=y" ->
// "...?x=y". Other text is unchanged.
std::string WithoutPassword(std::string_view url);

// Free text (another program's output) with RedactUrl applied to every URL in
// it: "cannot reach postgres://u:pw@h/db" -> "cannot reach postgres://u:********@h/db".
// Keyword strings are masked as RedactUrl does.
std::string RedactUrlsIn(std::string_view text);

// The passwords written in `text` (a URL, a keyword string, or free text holding
// them): the user info's, "password=" values in any case (unquoted), and query
// parameters', as written. For a URL libpq cannot parse, whose password it cannot tell.
std::vector<std::string> PasswordsIn(std::string_view text);

// Masks a set of secrets wherever they show in text: each as given, and in the
// forms a URL, a keyword string or ~/.pgpass gives it (percent-encoded with
// upper- or lower-case hex; quoted or escaped with backslashes). Secrets under 3 bytes are
// left alone (see MaskSecret). Not thread-safe.
//
//   Redactor r;  r.Add("pa/ss");
//   r.Apply("postgres://u:pa%2Fss@h, pa/ss")  // "postgres://u:********@h, ********"
class Redactor {
 public:
  void Add(std::string_view secret);
  std::string Apply(std::string_view text) const;
  // The length of the longest tail of `text` that may begin a secret, so that a
  // stream writing text piecewise can hold it back until the rest comes.
  size_t PossibleStart(std::string_view text) const;

 private:
  std::vector<std::string> forms_;  // longest first
};

}  // namespace strata::driver
