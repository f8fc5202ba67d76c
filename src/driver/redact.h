// Keeping passwords out of everything strata prints.
#pragma once

#include <string>
#include <string_view>

namespace strata::driver {

// Replaces each occurrence of `secret` in `text` by "********". An empty or very
// short secret (under 3 bytes) is left alone: masking it would garble the text
// while hiding nothing worth hiding.
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

}  // namespace strata::driver
