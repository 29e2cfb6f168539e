#include "vm/parallel_executor.h"

#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <thread>

#include "util/error.h"
#include "vm/block_support.h"
#include "vm/parallel_executor_impl.h"

namespace supervm::vm {

using namespace executor_detail;

namespace {

// Appends, in block order, the positions whose path is kConsensus or
// kPrivacy. Usually a few hundred of 20,000 are: the test runs over 64
// positions at a time, in a loop the compiler vectorizes, so that the scan
// costs ~2 us a block instead of ~20.
void collect_slow(const std::vector<Path>& path, std::vector<size_t>& slow) {
  static_assert(static_cast<uint8_t>(Path::kConsensus) == 2 &&
                static_cast<uint8_t>(Path::kPrivacy) == 3);
  auto is_slow = [](Path p) { return (static_cast<uint8_t>(p) & 0xFE) == 2; };
  const size_t n = path.size();
  for (size_t lo = 0; lo < n; lo += 64) {
    const size_t hi = std::min(n, lo + 64);
    uint8_t any = 0;
    for (size_t i = lo; i < hi; ++i) any |= is_slow(path[i]);
    if (!any) continue;
    for (size_t i = lo; i < hi; ++i)
      if (is_slow(path[i])) slow.push_back(i);
  }
}

}  // namespace

std::vector<Receipt> ParallelExecutor::Impl::execute(State& state,
                                                     std::span<const ParsedTransaction> block,
                                                     std::span<const ErrorKind> sigs) {
  PhaseClock clock;
  ExecutorPhaseTimes& ph = stats.phases;
  const size_t n = block.size();
  if (n > UINT32_MAX)  // FastItem::index
    throw Error(ExitCode::kUsage, "block of " + std::to_string(n) + " transactions is too large");
  // Wake a worker now: between blocks the workers sleep, and a sleeping
  // worker took ~0.06 ms to join the routing (bench_vm FastPath/2), a time
  // it now spends while this thread sets up. Its first task builds the
  // receipts (~0.05 ms: 64 bytes each, cold), which nothing needs before
  // the routing pass ends, while this thread starts routing.
  std::vector<Receipt> receipts;
  tbb::task_group build_receipts;
  // Waits inside the arena, where this thread can run the task itself
  // should no worker come.
  struct WaitOnExit {
    tbb::task_arena& arena;
    tbb::task_group& group;
    ~WaitOnExit() {
      arena.execute([&] { group.wait(); });
    }
  } wait_on_exit{arena, build_receipts};
  if (threads > 1)
    arena.enqueue(build_receipts.defer([&receipts, n] { receipts = std::vector<Receipt>(n); }));
  else
    receipts.resize(n);
  std::vector<Path> path(n);
  std::vector<Prechecks> pre(n);
  latency.start_block();
  early_object_room = state.add_dirty_objects(2 * n);
  early_nonce_room = state.add_dirty_nonces(n);
  // Should the block end in an exception, State is left holding the marks
  // of the early commits made so far, and no unwritten ones.
  struct CloseEarlyMarks {
    Impl& impl;
    State& state;
    ~CloseEarlyMarks() {
      if (impl.early_nonce_room.data()) impl.close_early_marks(state);
    }
  } close_on_exit{*this, state};
  clock.lap(ph.setup_ns);
  arena.execute([&] {
    const RouteCounts counts = route(state, block, sigs, path);
    build_receipts.wait();
    if (counts.rejected > 0) write_rejections(receipts);
    size_t fast_count = counts.fast;
    const size_t fast_early_count = counts.fast_early, early_count = counts.early,
                 consensus_count = counts.consensus, priv_count = counts.privacy,
                 rejected_count = counts.rejected;
    // Privacy path: all proofs of the block in one batch.
    if (priv_count > 0) {
      std::vector<size_t> priv;
      for (size_t i = 0; i < n; ++i)
        if (path[i] == Path::kPrivacy) priv.push_back(i);
      auto verdicts = check_proofs(state, verifier, block, priv);
      for (size_t k = 0; k < priv.size(); ++k) pre[priv[k]].proof = verdicts[k];
    }
    clock.lap(ph.route_ns);

    const size_t slow_count = consensus_count + priv_count;
    // Demotion: keep fast transactions disjoint from every other path.
    if (fast_count + fast_early_count > 0 && slow_count > 0)
      build_demotion_set(block);
    else
      slow_keys.clear();
    const uint64_t fallbacks_before = stats.fallbacks, demoted_before = stats.demoted;
    fast_count += settle_early(state, path);
    close_early_marks(state);
    clock.lap(ph.demote_ns);
    for (auto& p : partitions) p.reset();
    if (fast_count > 0) {
      run_fast(state, path, receipts);
      clock.lap(stats.phases.fast_ns);
    }
    if (fast_count + early_count > 0) {
      merge_dirty_marks(state);
      clock.lap(stats.phases.merge_ns);
    }
    const size_t fallbacks = stats.fallbacks - fallbacks_before;
    const size_t demoted = stats.demoted - demoted_before;
    stats.consensus += consensus_count + demoted + fallbacks;
    stats.privacy += priv_count;
    stats.rejected += rejected_count;
    std::vector<size_t> slow;
    if (slow_count + demoted + fallbacks > 0) {
      slow.reserve(slow_count + demoted + fallbacks);
      collect_slow(path, slow);
    }
    run_consensus(state, block, slow, early_count - fast_early_count, pre, receipts);
    // Serial windows are counted down per window; a block that left none to
    // the consensus phase counts as one, so that routing returns to parallel.
    if (slow.empty() && serial_left > 0) --serial_left;
    clock.lap(ph.consensus_ns);
  });
  state.end_block();
  ++stats.blocks;
  return receipts;
}

ParallelExecutor::ParallelExecutor(ExecutorOptions options, PrivateProofVerifier* verifier)
    : impl_(std::make_unique<Impl>(std::move(options), verifier)) {}
ParallelExecutor::~ParallelExecutor() = default;

std::vector<Receipt> ParallelExecutor::execute(State& state,
                                               std::span<const ParsedTransaction> block,
                                               std::span<const ErrorKind> signatures) {
  return impl_->execute(state, block, signatures);
}

ExecutorStats ParallelExecutor::stats() const {
  ExecutorStats s = impl_->stats;
  s.mvcc = impl_->store.stats();
  // The round engine keeps no version chains; its outcomes count the same way.
  s.mvcc.commits += impl_->round_commits;
  s.mvcc.aborts += impl_->round_aborts;
  s.mvcc.retries += impl_->round_retries;
  return s;
}

const ExecutorOptions& ParallelExecutor::options() const {
  return impl_->opt;
}

const std::vector<float>& ParallelExecutor::commit_latencies_us() const {
  return impl_->latency.samples();
}

}  // namespace supervm::vm
