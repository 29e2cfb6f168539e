// Per-transaction commit latency, for benchmarks: for every `every`-th entry
// of a block (by block index), the time from the start of the executor's
// execute() call until that transaction's receipt and effects were written to
// State. Sampling keeps the cost (one clock read per `every` transactions) out
// of the throughput being measured. Off (every = 0) unless asked for.
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

namespace supervm::vm {

class LatencySampler {
 public:
  using Clock = std::chrono::steady_clock;

  void set_every(unsigned every) {
    every_ = every;
    pow2_ = (every & (every - 1)) == 0;
  }
  // Asked once per transaction: a power of two (the benchmarks' 16) costs a
  // mask instead of a division.
  bool sampled(size_t index) const {
    if (every_ == 0) return false;
    return pow2_ ? (index & (every_ - 1)) == 0 : index % every_ == 0;
  }
  // Starts a block: forgets the previous block's samples.
  void start_block() {
    samples_.clear();
    if (every_) start_ = Clock::now();
  }
  float now_us() const {
    return std::chrono::duration<float, std::micro>(Clock::now() - start_).count();
  }
  // Single-threaded; concurrent recorders keep their own vectors and add() them.
  void add(float us) { samples_.push_back(us); }
  void add(float us, size_t count) { samples_.insert(samples_.end(), count, us); }
  void add(const std::vector<float>& us) { samples_.insert(samples_.end(), us.begin(), us.end()); }
  // Microseconds, one per sampled transaction of the last block, in no particular order.
  const std::vector<float>& samples() const { return samples_; }

 private:
  unsigned every_ = 0;
  bool pow2_ = true;
  Clock::time_point start_{};
  std::vector<float> samples_;
};

}  // namespace supervm::vm
