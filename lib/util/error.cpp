#include "util/error.h"

#include <cstring>

namespace supervm {

void throw_input_error(const std::string& where, const std::string& field,
                       const std::string& what) {
  std::string msg = where;
  if (!field.empty()) msg += ": " + field;
  msg += ": " + what;
  throw Error(ExitCode::kUsage, msg);
}

void throw_io_error(const std::string& where, const std::string& what, int errno_value) {
  std::string msg = where + ": " + what;
  if (errno_value != 0) msg += ": " + std::string(std::strerror(errno_value));
  throw Error(ExitCode::kIo, msg);
}

}  // namespace supervm
