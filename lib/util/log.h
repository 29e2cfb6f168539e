// Human-facing messages on stderr, filtered by the global --log-level / --quiet.
// Machine output never goes through here: it goes to stdout or --out.
#pragma once

#include <fmt/core.h>

#include <string>
#include <string_view>

namespace supervm::util {

enum class LogLevel { kError = 0, kWarn = 1, kInfo = 2, kDebug = 3 };

// Parses "error", "warn", "info", "debug"; throws an input error otherwise.
LogLevel parse_log_level(std::string_view name);
void set_log_level(LogLevel level);
LogLevel log_level();
// --quiet: only errors are printed and no progress is drawn.
void set_quiet(bool quiet);
bool quiet();

void log_line(LogLevel level, std::string_view message);

template <class... Args>
void log_error(fmt::format_string<Args...> f, Args&&... args) {
  log_line(LogLevel::kError, fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void log_warn(fmt::format_string<Args...> f, Args&&... args) {
  if (log_level() >= LogLevel::kWarn)
    log_line(LogLevel::kWarn, fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void log_info(fmt::format_string<Args...> f, Args&&... args) {
  if (log_level() >= LogLevel::kInfo)
    log_line(LogLevel::kInfo, fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void log_debug(fmt::format_string<Args...> f, Args&&... args) {
  if (log_level() >= LogLevel::kDebug)
    log_line(LogLevel::kDebug, fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace supervm::util
