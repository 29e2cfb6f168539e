// Progress of long work on stderr. A bar is drawn only when stderr is a
// terminal and --quiet is off; otherwise nothing is drawn (logs and scripts
// stay clean). Thread-safe: workers call advance() concurrently.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace supervm::util {

class Progress {
 public:
  // `total` of 0 means unknown: a counter without a bar.
  Progress(std::string label, uint64_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(uint64_t n = 1);
  // Clears the bar line. Called by the destructor if not called before.
  void finish();
  uint64_t done() const { return done_.load(); }
  bool drawing() const { return enabled_; }

  // Forces drawing on or off (tests); by default decided by isatty(stderr).
  static void set_terminal_override(int value);  // -1 auto, 0 off, 1 on

 private:
  void draw(bool force);

  std::string label_;
  uint64_t total_;
  std::atomic<uint64_t> done_{0};
  bool enabled_;
  bool finished_ = false;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace supervm::util
