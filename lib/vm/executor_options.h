// Knobs of the parallel executor, with documented defaults. Environment
// variables are read once, by from_env(); the executor only sees the struct.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "vm/receipt.h"

namespace supervm::vm {

struct ExecutorOptions {
  // Worker threads; 0 means all hardware threads.
  unsigned threads = 0;
  // SUPERVM_ENABLE_FAST_FALLBACK=1: a fast-path failure whose kind is listed in
  // fallback_on_errors is retried on the consensus path, together with the
  // sender's later transactions in the block. Default off.
  bool enable_fast_fallback = false;
  // SUPERVM_FALLBACK_ON_ERRORS: comma-separated error kinds (receipt names).
  // Default: not_owner,object_not_found,immutable_object,not_permitted — the
  // failures caused by ownership or kind, which routing predicts from the state
  // before the block.
  std::vector<ErrorKind> fallback_on_errors = {ErrorKind::kNotOwner, ErrorKind::kObjectNotFound,
                                               ErrorKind::kImmutableObject,
                                               ErrorKind::kNotPermitted};
  // How the consensus path executes optimistically:
  //  kRounds     (default) a transaction none of whose keys another one in its
  //              window names commits at once, in place, in parallel; the others
  //              execute in parallel against the state at the window start, and an
  //              in-order pass validates every transaction's keys against the
  //              writes of the earlier ones in the window, publishes the valid ones
  //              and re-executes the rest in the next round.
  //  kMvccStore  every key gets a version chain in MvccStore (commit timestamps,
  //              snapshot reads, read-set validation at a serialised commit);
  //              kept as the reference design and for the benchmark comparison.
  enum class ConsensusEngine : uint8_t { kRounds, kMvccStore };
  ConsensusEngine consensus_engine = ConsensusEngine::kRounds;
  // Consensus-path transactions are validated and committed in windows of this
  // many; the multi-version store is garbage-collected between windows.
  size_t consensus_window = 1024;
  // Versions kept per key by the between-window garbage collection.
  size_t mvcc_keep_versions = 2;
  // When more than this fraction of a window aborts, the next windows run
  // serially (1, 2, 4 ... up to 64 windows, then optimism is tried again):
  // under heavy contention speculation only adds work.
  double serial_abort_ratio = 0.5;

  // For benchmarks: sample the commit latency of every Nth transaction of a
  // block (see latency_sampler.h); 0 = off.
  unsigned latency_sample_every = 0;

  // Defaults overridden by SUPERVM_ENABLE_FAST_FALLBACK and
  // SUPERVM_FALLBACK_ON_ERRORS. Throws supervm::Error (usage) on bad values.
  static ExecutorOptions from_env();
};

}  // namespace supervm::vm
