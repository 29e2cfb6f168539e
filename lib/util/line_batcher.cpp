#include "util/line_batcher.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <optional>

#include "util/error.h"

namespace supervm::util {
namespace {
using Clock = std::chrono::steady_clock;
}

void read_line_batches(int fd, const BatchPolicy& policy, size_t max_line_bytes,
                       const std::function<void(Batch&&)>& on_batch, const std::string& where) {
  const size_t max_items = policy.max_items == 0 ? 1 : policy.max_items;
  Batch batch;
  std::optional<Clock::time_point> oldest;  // arrival of the batch's first line
  std::string partial;
  bool skipping = false;  // inside an oversized line: discard until newline
  uint64_t line_no = 0;
  char buf[1 << 16];

  auto flush = [&] {
    if (batch.lines.empty() && batch.oversized.empty()) return;
    on_batch(std::move(batch));
    batch = Batch{};
    oldest.reset();
  };
  auto finish_line = [&](std::string&& text) {
    ++line_no;
    if (skipping || text.size() > max_line_bytes) {
      batch.oversized.push_back(line_no);
      skipping = false;
    } else {
      if (!text.empty() && text.back() == '\r') text.pop_back();
      if (text.find_first_not_of(" \t") == std::string::npos) return;
      batch.lines.push_back({line_no, std::move(text)});
    }
    if (!oldest) oldest = Clock::now();
    if (batch.lines.size() + batch.oversized.size() >= max_items) flush();
  };

  for (;;) {
    int timeout_ms = -1;
    if (oldest) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*oldest + policy.max_wait -
                                                                        Clock::now());
      if (left.count() <= 0) {
        flush();
        continue;
      }
      timeout_ms = static_cast<int>(left.count());
    }
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, timeout_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      throw_io_error(where, "poll failed", errno);
    }
    if (ready == 0) {
      flush();  // the oldest line has waited long enough
      continue;
    }
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      throw_io_error(where, "read failed", errno);
    }
    if (n == 0) break;
    size_t start = 0;
    for (size_t i = 0; i < static_cast<size_t>(n); ++i) {
      if (buf[i] != '\n') continue;
      if (!skipping) partial.append(buf + start, i - start);
      finish_line(std::move(partial));
      partial.clear();
      start = i + 1;
    }
    if (!skipping) partial.append(buf + start, static_cast<size_t>(n) - start);
    if (partial.size() > max_line_bytes) {
      skipping = true;
      partial.clear();
      partial.shrink_to_fit();
    }
  }
  if (skipping || !partial.empty()) finish_line(std::move(partial));
  flush();
}

}  // namespace supervm::util
