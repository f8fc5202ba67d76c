#include "base/status.h"

namespace strata {

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out;
  if (!context_.file.empty()) {
    out += context_.file;
    if (context_.line > 0) {
      out += ":" + std::to_string(context_.line);
      if (context_.column > 0) out += ":" + std::to_string(context_.column);
    }
    out += ": ";
  }
  out += message_;
  // PostgreSQL gives five-character SQLSTATEs; other databases their native codes.
  if (context_.sqlstate.size() == 5)
    out += " [SQLSTATE " + context_.sqlstate + "]";
  else if (!context_.sqlstate.empty())
    out += " [" + context_.sqlstate + "]";
  return out;
}

}  // namespace strata
