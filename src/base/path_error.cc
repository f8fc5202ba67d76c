#include "base/path_error.h"

namespace strata {

Status PathError(std::string_view doing, const std::string& path, std::error_code ec) {
  std::string message = "cannot " + std::string(doing);
  if (ec) message += ": " + ec.message();
  const bool path_at_fault =
      ec == std::errc::filename_too_long || ec == std::errc::permission_denied ||
      ec == std::errc::operation_not_permitted || ec == std::errc::not_a_directory ||
      ec == std::errc::no_such_file_or_directory ||
      ec == std::errc::too_many_symbolic_link_levels || ec == std::errc::read_only_file_system ||
      ec == std::errc::is_a_directory || ec == std::errc::file_exists;
  return (path_at_fault ? Status::InvalidInput(std::move(message)) : Status::Io(std::move(message)))
      .WithFile(path);
}

Status PathErrorFromErrno(std::string_view doing, const std::string& path, int err) {
  return PathError(doing, path, std::error_code(err, std::generic_category()));
}

}  // namespace strata
