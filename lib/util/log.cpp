#include "util/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "util/error.h"

namespace supervm::util {
namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
std::atomic<bool> g_quiet{false};
std::mutex g_stderr_mutex;
}  // namespace

LogLevel parse_log_level(std::string_view name) {
  if (name == "error") return LogLevel::kError;
  if (name == "warn" || name == "warning") return LogLevel::kWarn;
  if (name == "info") return LogLevel::kInfo;
  if (name == "debug") return LogLevel::kDebug;
  throw_input_error(
      "--log-level", "",
      "unknown level '" + std::string(name) + "' (expected error, warn, info or debug)");
}

void set_log_level(LogLevel level) {
  g_level = static_cast<int>(level);
}

LogLevel log_level() {
  if (g_quiet) return LogLevel::kError;
  return static_cast<LogLevel>(g_level.load());
}

void set_quiet(bool q) {
  g_quiet = q;
}
bool quiet() {
  return g_quiet;
}

void log_line(LogLevel level, std::string_view message) {
  static constexpr const char* kPrefix[] = {"error: ", "warning: ", "", "debug: "};
  std::lock_guard<std::mutex> lock(g_stderr_mutex);
  std::fprintf(stderr, "supervm: %s%.*s\n", kPrefix[static_cast<int>(level)],
               static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
}

}  // namespace supervm::util
