#include "util/error.h"

#include <fmt/core.h>

#include <cstring>

namespace supervm {

void throw_input_error(const std::string& where, const std::string& field,
                       const std::string& what) {
  throw Error(ExitCode::kUsage, field.empty() ? fmt::format("{}: {}", where, what)
                                              : fmt::format("{}: {}: {}", where, field, what));
}

void throw_io_error(const std::string& where, const std::string& what, int errno_value) {
  throw Error(ExitCode::kIo, errno_value == 0 ? fmt::format("{}: {}", where, what)
                                              : fmt::format("{}: {}: {}", where, what,
                                                            std::strerror(errno_value)));
}

}  // namespace supervm
