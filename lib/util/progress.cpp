#include "util/progress.h"

#include <unistd.h>

#include <cstdio>

#include "util/log.h"

namespace supervm::util {
namespace {
std::atomic<int> g_override{-1};
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
}  // namespace

void Progress::set_terminal_override(int value) {
  g_override = value;
}

Progress::Progress(std::string label, uint64_t total)
    : label_(std::move(label)), total_(total), start_(std::chrono::steady_clock::now()) {
  int o = g_override.load();
  bool tty = o < 0 ? ::isatty(STDERR_FILENO) == 1 : o == 1;
  enabled_ = tty && !quiet();
  last_draw_ = start_ - kRedrawInterval;
}

Progress::~Progress() {
  finish();
}

void Progress::advance(uint64_t n) {
  done_.fetch_add(n, std::memory_order_relaxed);
  if (enabled_) draw(false);
}

void Progress::draw(bool force) {
  std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  uint64_t done = done_.load();
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? static_cast<double>(done) / secs : 0.0;
  if (total_ > 0) {
    constexpr int kWidth = 30;
    uint64_t shown = done > total_ ? total_ : done;
    int filled = static_cast<int>(kWidth * shown / total_);
    std::fprintf(stderr, "\r%s [%.*s%*s] %llu/%llu (%.1f/s)", label_.c_str(), filled,
                 "##############################", kWidth - filled, "",
                 static_cast<unsigned long long>(shown), static_cast<unsigned long long>(total_),
                 rate);
  } else {
    std::fprintf(stderr, "\r%s %llu (%.1f/s)", label_.c_str(),
                 static_cast<unsigned long long>(done), rate);
  }
  std::fflush(stderr);
}

void Progress::finish() {
  if (!enabled_) return;
  draw(true);
  std::lock_guard<std::mutex> lock(mutex_);
  if (finished_) return;
  finished_ = true;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace supervm::util
