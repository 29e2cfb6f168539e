// The parallel executor. Per block:
//  1. route every transaction (in parallel, from the state before the block):
//     fast path    - touches only objects its sender owns (or creates for itself);
//     consensus    - touches a shared object, another key's object, or one not
//                    yet existing;
//     privacy      - carries a private transfer (its proof was batch-verified).
//     A sender with any non-fast transaction, or whose fast transaction touches
//     an object a non-fast one touches, has all its transactions moved off the
//     fast path. Afterwards fast transactions share no object or nonce with
//     each other's senders or with any other path, so they commute with them.
//     The routing pass, in block slices, also commits plain transfers early,
//     in place (owned ones, and shared-to-shared ones), when their slice
//     holds the keys they write (the first slice to name a key holds it);
//     once the block is routed, those whose keys an earlier slice of the
//     block also named, or that meet another path's keys, are undone, with
//     every later one of their slice that read what they wrote, and take the
//     steps below.
//  2. fast path: the other fast transactions grouped by sender into
//     partitions, each run in block order by one task, writing State in
//     place (no MVCC bookkeeping).
//  3. consensus + privacy: the rest, in block order, in windows of
//     transactions (serially while windows abort heavily, or on one thread).
//     Default (round engine): a transaction sharing no key (object, sender
//     nonce, nullifier) with another one of its window commutes with all of
//     them and commits at once, in place, in parallel; the rest of the window
//     executes speculatively in parallel against State as of the window
//     start, and one in-order pass then validates
//     each transaction's keys (objects, sender nonce, nullifiers) against the
//     writes of the earlier transactions of the round, publishes the valid
//     ones in place and re-executes the rest in the next round (or serially
//     once most of a round aborts). Reference engine
//     (ExecutorOptions::consensus_engine = kMvccStore): speculation against a
//     snapshot of a multi-version store, commit one by one in block order
//     after validating read sets, re-execution when reads went stale.
//     Nullifiers are keys like objects; note commitments are appended in
//     block order.
// Because every transaction sees exactly the state the serial executor would
// give it, receipts, state and state root equal the serial executor's.
// The code: routing.cpp (1, with the early commits; claim_word.h),
// fast_phase.cpp (2), consensus_phase.cpp (3), parallel_executor.cpp (the
// block driver); parallel_executor_impl.h holds what they share.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "vm/executor_options.h"
#include "vm/mvcc_store.h"
#include "vm/private_verifier.h"
#include "vm/receipt.h"
#include "vm/state.h"
#include "vm/tx_json.h"

namespace supervm::vm {

// Wall time spent in each phase of execute(), summed over blocks (for
// benchmarks and tuning; a few clock reads per block).
struct ExecutorPhaseTimes {
  uint64_t setup_ns = 0;      // per-block buffers
  uint64_t route_ns = 0;      // routing pass (with early commits), proofs
  uint64_t demote_ns = 0;     // keeping fast transactions disjoint; undoing early commits
  uint64_t fast_ns = 0;       // fast path: partitioning and execution
  uint64_t merge_ns = 0;      // fast path: structural changes and dirty marks
  uint64_t consensus_ns = 0;  // consensus and privacy paths
};

struct ExecutorStats {
  uint64_t blocks = 0;
  uint64_t rejected = 0;  // unparsable or bad signature: rejected before routing
  uint64_t fast = 0;      // executed on the fast path
  // Plain transfers committed early, while routing (owned ones on the fast
  // path, shared ones on the consensus path), and those of them undone (a
  // key they wrote was named in an earlier routing chunk that came second,
  // or their sender is a fast sender meeting another path, or they followed
  // an undone one).
  uint64_t early = 0;
  uint64_t early_undone = 0;
  uint64_t consensus = 0;  // executed on the consensus path (including demoted and fallbacks)
  uint64_t privacy = 0;
  uint64_t demoted = 0;    // fast candidates moved to consensus by conflicts with other paths
  uint64_t fallbacks = 0;  // fast failures retried on the consensus path
  uint64_t optimistic_windows = 0;
  uint64_t serial_windows = 0;
  uint64_t reexecution_rounds =
      0;                     // round engine: rounds re-executing aborted transactions in parallel
  uint64_t independent = 0;  // round engine: committed in place by the parallel pass
  MvccStats mvcc;
  ExecutorPhaseTimes phases;
};

class ParallelExecutor {
 public:
  explicit ParallelExecutor(ExecutorOptions options = {}, PrivateProofVerifier* verifier = nullptr);
  ~ParallelExecutor();
  ParallelExecutor(const ParallelExecutor&) = delete;
  ParallelExecutor& operator=(const ParallelExecutor&) = delete;

  // Same contract as SerialExecutor::execute.
  std::vector<Receipt> execute(State& state, std::span<const ParsedTransaction> block,
                               std::span<const ErrorKind> signatures);

  ExecutorStats stats() const;
  // Commit latencies (microseconds) sampled in the last block when
  // ExecutorOptions::latency_sample_every is set.
  const std::vector<float>& commit_latencies_us() const;
  const ExecutorOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace supervm::vm
