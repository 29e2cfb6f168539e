// Groups lines read from a file descriptor into batches for stream processing
// (verify-batch reading a pipe): a batch is handed over when it is full, when
// its oldest line has waited `max_wait`, or at end of input — so no line waits
// longer than max_wait plus the time to process the batch before it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace supervm::util {

struct BatchPolicy {
  size_t max_items = 32;                   // 1 processes each line on arrival
  std::chrono::milliseconds max_wait{50};  // oldest line's longest wait for company
};

struct InputLine {
  uint64_t number = 0;  // 1-based line number in the input
  std::string text;     // without the newline (and without a trailing '\r')
};

// Reads `fd` to its end. Blank lines are skipped (but counted). Lines longer
// than `max_line_bytes` are passed on truncated to nothing with `oversized`
// set, so the consumer can reject them without the reader holding them.
struct Batch {
  std::vector<InputLine> lines;
  std::vector<uint64_t> oversized;  // line numbers of lines dropped for length
};

void read_line_batches(int fd, const BatchPolicy& policy, size_t max_line_bytes,
                       const std::function<void(Batch&&)>& on_batch, const std::string& where);

}  // namespace supervm::util
