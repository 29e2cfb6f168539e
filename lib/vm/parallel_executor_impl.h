// The parallel executor's internals, shared by its parts: the routing pass
// with its early commits (routing.cpp), the fast phase (fast_phase.cpp), the
// consensus phase (consensus_phase.cpp), and the block driver
// (parallel_executor.cpp). Not a public header.
#pragma once

#include <tbb/task_arena.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "util/error.h"
#include "vm/claim_word.h"
#include "vm/id_set.h"
#include "vm/latency_sampler.h"
#include "vm/mvcc_store.h"
#include "vm/parallel_executor.h"
#include "vm/prefetch.h"
#include "vm/repeat_finder.h"
#include "vm/semantics.h"
#include "vm/sharded_id_set.h"
#include "vm/state.h"

namespace supervm::vm::executor_detail {

// kConsensusEarly: a consensus-path transaction committed early (see
// claim_key), unless settle_early undoes it.
enum class Path : uint8_t { kRejected, kFast, kConsensus, kPrivacy, kConsensusEarly };

// Adds the time since the last lap to a phase counter.
class PhaseClock {
 public:
  using Clock = std::chrono::steady_clock;
  void lap(uint64_t& phase_ns) {
    const auto now = Clock::now();
    phase_ns += static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(now - last_).count());
    last_ = now;
  }

 private:
  Clock::time_point last_ = Clock::now();
};

// Keys of the multi-version store: objects, sender nonces and nullifiers.
enum : uint8_t { kObjectKey = 0, kNonceKey = 1, kNullifierKey = 2 };
struct StateKey {
  uint8_t space;
  Hash32 bytes;
  bool operator==(const StateKey&) const = default;
};
struct StateKeyHash {
  size_t operator()(const StateKey& k) const noexcept { return Bytes32Hash{}(k.bytes) ^ k.space; }
};
struct StateValue {
  std::optional<Object> object;
  uint64_t nonce = 0;
  bool spent = false;
};
using Store = MvccStore<StateKey, StateValue, StateKeyHash>;

template <class F>
void for_each_touched_object(const Transaction& tx, F&& f) {
  for (size_t i = 0; i < tx.ops.size(); ++i) {
    const Operation& op = tx.ops[i];
    switch (op.type) {
      case OpType::kCreate:
        f(derive_object_id(tx.sender, tx.nonce, static_cast<uint32_t>(i)));
        break;
      case OpType::kTransfer:
        f(op.object);
        f(op.to);
        break;
      case OpType::kPrivateTransfer:
        break;
      default:
        f(op.object);
        break;
    }
  }
}

// State entries a fast transaction will use, found while routing it so that
// executing it needs no second lookup. The pointers stay valid through the
// fast phase: it changes no map structurally (see FastReader).
struct FastHint {
  static constexpr size_t kObjects = 2;
  Object* objects[kObjects];
  State::NonceEntry* nonce;  // nullptr: the sender has no nonce entry yet
  uint32_t object_count;
};

// A fast candidate as the routing pass hands it to its partition: everything
// the fast phase needs in one record, so that it reads a dense array instead
// of block entries scattered over the block. A plain transfer (one transfer
// between two distinct objects found while routing, sender with a nonce
// entry) also carries its amount and nonce, so that running it touches the
// item, the two objects and the nonce but not the transaction: a partition
// takes every partitions-th transaction of the block, an order in which the
// transactions and their operation vectors are scattered reads.
struct alignas(64) FastItem {
  const Transaction* tx;
  FastHint hint;
  uint32_t index;  // in the block
  bool plain;      // hint.objects = {source, destination}; amount and nonce are set
  uint64_t amount;
  uint64_t nonce;  // the transaction's
};
static_assert(sizeof(FastItem) == 64, "one cache line per item");

// Prefetches what executing `tx` will look up first: its first operation's
// objects and the sender's nonce. A loop running ahead calls it twice per
// transaction: first for the map slots (`value` false), some iterations later
// for the entries those slots point to (`value` true).
inline void prefetch_lookups(const State& state, const Transaction& tx, bool value) {
  if (tx.ops.empty()) return;
  const Operation& op = tx.ops[0];
  if (value) {
    state.prefetch_object(op.object);
    if (op.type == OpType::kTransfer) state.prefetch_object(op.to);
    state.prefetch_nonce(tx.sender);
  } else {
    state.prefetch_object_slot(op.object);
    if (op.type == OpType::kTransfer) state.prefetch_object_slot(op.to);
    state.prefetch_nonce_slot(tx.sender);
  }
}

// Prefetches the bytes [p, p + bytes), every cache line of them; `write`
// asks for the lines as writable (see prefetch.h).
template <bool write = false>
inline void prefetch_bytes(const void* p, size_t bytes) {
  const char* b = static_cast<const char*>(p);
  const uintptr_t first = reinterpret_cast<uintptr_t>(b) & ~uintptr_t{63};
  for (uintptr_t a = first; a < reinterpret_cast<uintptr_t>(b) + bytes; a += 64) {
    if constexpr (write)
      prefetch_for_write(reinterpret_cast<const void*>(a));
    else
      __builtin_prefetch(reinterpret_cast<const void*>(a));
  }
}

// The look-ahead of a loop over transactions picked from the block by
// position (idx[k], k < end: the consensus phase's lists). Picked positions
// lie far apart, so that the hardware prefetcher follows neither the block's
// records nor their operations, and a lookup ahead that reads them waits for
// two misses in a row: this fetches the record 16 ahead, its first operation
// 12 ahead, then the map slots 8 ahead and the entries 4 ahead
// (prefetch_lookups), each from lines the stage before brought in.
inline void prefetch_picked(const State& state, std::span<const ParsedTransaction> block,
                            std::span<const size_t> idx, size_t k, size_t end) {
  constexpr size_t kAhead = 4;
  // The transaction sits at the start of its record (std::optional keeps its
  // value first); its sender, nonce and operations' vector.
  if (k + 4 * kAhead < end)
    prefetch_bytes(&block[idx[k + 4 * kAhead]],
                   offsetof(Transaction, ops) + sizeof(Transaction::ops));
  if (k + 3 * kAhead < end) {
    const Transaction& tx = *block[idx[k + 3 * kAhead]].tx;
    if (!tx.ops.empty())
      prefetch_bytes(tx.ops.data(), offsetof(Operation, amount) + sizeof(uint64_t));
  }
  if (k + 2 * kAhead < end) prefetch_lookups(state, *block[idx[k + 2 * kAhead]].tx, false);
  if (k + kAhead < end) prefetch_lookups(state, *block[idx[k + kAhead]].tx, true);
}

// One fast-path partition: the senders hashed to it, run in block order.
// Aligned so that two threads growing neighbouring partitions' vectors do not
// share a cache line.
struct alignas(128) FastPartition {
  size_t txs = 0;  // fast transactions run (including fallbacks)
  std::unordered_map<ObjectId, std::optional<Object>, Bytes32Hash, Bytes32Eq>
      overlay;                                                                 // created / deleted
  std::unordered_map<PublicKey, uint64_t, Bytes32Hash, Bytes32Eq> new_nonces;  // first-time senders
  std::vector<ObjectId> dirty_objects;
  std::vector<PublicKey> dirty_nonces;
  std::vector<size_t> fallback;
  std::vector<PublicKey> fallen_senders;
  std::vector<float> latency_us;  // sampled commit latencies
  TxEffects fx;
  size_t demoted = 0;
  // Every object a plain item names is still as routing found it: owned by
  // the item's sender, in State (not created or deleted in the overlay).
  // Cleared by the first transaction that may change an object's kind or owner.
  bool hints_hold = true;

  void reset() {
    txs = 0;
    demoted = 0;
    hints_hold = true;
    overlay.clear();
    new_nonces.clear();
    dirty_objects.clear();
    dirty_nonces.clear();
    fallback.clear();
    fallen_senders.clear();
    latency_us.clear();
  }
};

// Per-transaction scratch of an optimistic window, reused across windows.
struct Slot {
  Receipt receipt;
  TxEffects fx;
  Store::Txn txn;
  std::vector<std::pair<ObjectId, Store::Handle>> objects;
  std::vector<std::pair<Hash32, Store::Handle>> nullifiers;
  Store::Handle nonce = 0;
  // Round engine: every key the transaction may read or write (objects,
  // sender, nullifiers), and the State entries its execution read, so that
  // publishing needs no second lookup.
  std::vector<Hash32> keys;
  std::vector<uint64_t> key_tags;  // RepeatFinder tags of `keys`
  std::vector<std::pair<ObjectId, Object*>> seen;
  uint64_t* nonce_slot = nullptr;
  bool independent = false;  // no key in common with another transaction of the window
  bool done = false;         // committed before the window's in-order pass

  // The State entry of `id` that execution read (nullptr: not read, or absent).
  Object* seen_entry(const ObjectId& id) const {
    for (const auto& [sid, p] : seen)
      if (p && equal32(sid, id)) return p;
    return nullptr;
  }
  Store::Handle object_handle(const ObjectId& id) const {
    for (const auto& [k, h] : objects)
      if (k == id) return h;
    throw Error(ExitCode::kInternal, "consensus path: object not declared: " + hex(id));
  }
};

// Round engine: what one task of a window's parallel pass committed in place
// (dirty marks and sampled latencies go to State and the sampler afterwards,
// from one thread).
struct alignas(128) LaneChunk {
  std::vector<ObjectId> dirty_objects;
  std::vector<PublicKey> dirty_nonces;
  std::vector<float> latency_us;
  size_t committed = 0;

  void reset() {
    dirty_objects.clear();
    dirty_nonces.clear();
    latency_us.clear();
    committed = 0;
  }
};

// What the routing pass found, summed over its chunks.
struct RouteCounts {
  size_t fast = 0;        // fast candidates handed to the buckets
  size_t fast_early = 0;  // fast candidates committed early
  size_t early = 0;       // early commits, fast and consensus
  size_t consensus = 0, privacy = 0, rejected = 0;
};

}  // namespace supervm::vm::executor_detail

namespace supervm::vm {

struct ParallelExecutor::Impl {
  using Path = executor_detail::Path;
  using FastItem = executor_detail::FastItem;
  using FastPartition = executor_detail::FastPartition;
  using Slot = executor_detail::Slot;
  using LaneChunk = executor_detail::LaneChunk;
  using Store = executor_detail::Store;
  using RouteCounts = executor_detail::RouteCounts;

  ExecutorOptions opt;
  PrivateProofVerifier* verifier;
  unsigned threads;
  tbb::task_arena arena;
  Store store;
  std::vector<FastPartition> partitions;
  std::vector<Slot> slots;
  // Routing chunk c hands fast candidate items to partition p in
  // buckets[c * partitions.size() + p] (reused across blocks); concatenated
  // in chunk order they are the partition's transactions in block order.
  std::vector<std::vector<FastItem>> buckets;
  size_t chunks = 0;
  struct alignas(128) RoutingChunk {
    size_t fast = 0, slow = 0, priv = 0, rejected = 0;     // fast: handed to buckets
    std::vector<uint32_t> slow_idx;                        // the consensus and privacy transactions
    std::vector<std::pair<uint32_t, Receipt>> rejections;  // position, receipt
    size_t fast_early = 0;                                 // fast candidates committed early
    // Senders and objects of the chunk's non-fast transactions, by shard of
    // slow_keys.
    std::vector<std::vector<Hash32>> slow_keys;
    // Plain transfers committed early, in block order: the record (objects,
    // nonce entry, amount), its dirty marks (2 objects, 1 nonce: written
    // straight into State's dirty lists, in the chunk's part of the block's
    // room there, from `mark_base`), whether it is a consensus-path
    // transaction, the claim words of its nonce and (consensus path only)
    // objects, and the positions of those whose commit latency is sampled.
    std::vector<FastItem> early;
    size_t mark_base = 0;
    ObjectId* early_objects = nullptr;
    PublicKey* early_nonces = nullptr;
    std::vector<uint8_t> early_consensus;
    std::vector<std::array<uint64_t*, 3>> early_words;
    std::vector<uint32_t> early_sampled;
    std::vector<uint64_t*> contended;  // claim words of keys another chunk holds
    // settle_early: the claim words of this chunk's keys tainted from outside
    // it, and the filter of the words it tainted.
    std::vector<uint64_t*> seeds;
    executor_detail::TaintFilter taint_filter;
    std::vector<uint64_t*> claimed;  // scratch: the keys one transaction claimed
    // settle_early: senders of the chunk's fast candidates meeting slow_keys;
    // which early commits were undone (when any), how many, how many fast
    // ones, and the fast ones handed back to the buckets.
    std::vector<PublicKey> demoted;
    std::vector<uint8_t> undone_mark;
    size_t undone = 0, undone_fast = 0, early_demoted = 0;
    std::vector<FastItem> requeue;
  };
  std::vector<RoutingChunk> route_chunks;
  tbb::affinity_partitioner fast_affinity;
  LatencySampler latency;
  ExecutorStats stats;
  unsigned serial_left = 0;  // windows still to run serially
  uint64_t stamp = 0;        // of the block's claim words (see claim_key)
  // The block's room in State's dirty lists for the marks of early commits:
  // one nonce and two objects per transaction, by position in the block.
  std::span<ObjectId> early_object_room;
  std::span<PublicKey> early_nonce_room;
  unsigned backoff = 0;
  // Round engine state, reused across windows.
  IdSet written;
  RepeatFinder repeats;  // keys named by more than one transaction of a window
  std::vector<LaneChunk> lane;
  executor_detail::ShardedIdSet slow_keys;  // demotion, per block
  // Senders whose transactions all take the consensus path (they meet
  // another path); per block.
  IdSet demoted_senders;
  std::vector<size_t> pending, next_pending;
  uint64_t round_commits = 0, round_aborts = 0, round_retries = 0;

  Impl(ExecutorOptions o, PrivateProofVerifier* v)
      : opt(std::move(o)),
        verifier(v),
        threads(opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency())),
        arena(static_cast<int>(threads)),
        slow_keys(threads == 1 ? 1 : threads * 2) {
    if (opt.consensus_window == 0) opt.consensus_window = 1;
    // Few fast partitions: a partition takes every partitions-th fast
    // transaction, so the more there are, the further apart in memory its
    // objects lie; on one core, 16 partitions cost ~12 % more per block than
    // 1 or 2 (objects of consecutive accounts, as in bench_vm). Two per thread
    // still leave work for a thread whose partner was held up. Routing chunks
    // are block slices, taken by the threads as they come free: with 8 per
    // thread, a thread waited ~0.09 ms per 20,000-transaction block for the
    // other to finish its last chunk (bench_vm FastPath/2); with 32, ~0.02 ms.
    // More chunks cost only more senders whose transactions lie in two chunks
    // (their early commits are undone).
    partitions.resize(threads == 1 ? 1 : threads * 2);
    chunks = threads == 1 ? 1 : threads * 32;
    buckets.resize(chunks * partitions.size());
    if (chunks >= (size_t{1} << (executor_detail::kChunkBits - 2)))
      throw Error(ExitCode::kUsage, "too many threads: " + std::to_string(threads));
    route_chunks.resize(chunks);
    for (RoutingChunk& c : route_chunks) c.slow_keys.resize(slow_keys.shard_count());
    slots.resize(opt.consensus_window);
    lane.resize(threads * 4);
    latency.set_every(opt.latency_sample_every);
  }

  bool falls_back(ErrorKind k) const {
    return opt.enable_fast_fallback &&
           std::find(opt.fallback_on_errors.begin(), opt.fallback_on_errors.end(), k) !=
               opt.fallback_on_errors.end();
  }

  std::vector<Receipt> execute(State& state, std::span<const ParsedTransaction> block,
                               std::span<const ErrorKind> sigs);
  // While the consensus path runs serially (heavy contention), routing runs
  // on this thread too, as one chunk: the few hot objects are in its cache,
  // and reading them from the other core would cost a cross-core transfer per
  // lookup.
  bool route_on_this_thread() const { return threads == 1 || serial_left > 0; }
  RouteCounts route(State& state, std::span<const ParsedTransaction> block,
                    std::span<const ErrorKind> sigs, std::vector<Path>& path);
  void write_rejections(std::vector<Receipt>& receipts);
  void build_demotion_set(std::span<const ParsedTransaction> block);
  size_t partition_of(const PublicKey& s) const {
    const uint32_t h = (uint32_t{s[0]} << 16) | (uint32_t{s[1]} << 8) | s[2];
    return h % partitions.size();
  }
  size_t settle_early(State& state, std::vector<Path>& path);
  void run_fast(State& state, std::vector<Path>& path, std::vector<Receipt>& receipts);
  void close_early_marks(State& state) noexcept;
  void merge_dirty_marks(State& state);
  // run_consensus runs the consensus path serially when early commits took
  // at least this many times as many of its transactions as are left.
  static constexpr size_t kSerialRemainder = 8;
  void run_consensus(State& state, std::span<const ParsedTransaction> block,
                     const std::vector<size_t>& slow, size_t early,
                     const std::vector<Prechecks>& pre, std::vector<Receipt>& receipts);
  void serial_window(State& state, std::span<const ParsedTransaction> block,
                     std::span<const size_t> idx, const std::vector<Prechecks>& pre,
                     std::vector<Receipt>& receipts);
  size_t optimistic_window(State& state, std::span<const ParsedTransaction> block,
                           std::span<const size_t> idx, const std::vector<Prechecks>& pre,
                           std::vector<Receipt>& receipts);
  size_t round_window(State& state, std::span<const ParsedTransaction> block,
                      std::span<const size_t> idx, const std::vector<Prechecks>& pre,
                      std::vector<Receipt>& receipts);
  void speculate(State& state, const Transaction& tx, const Prechecks& pre, Slot& s);
  void publish(State& state, const Transaction& tx, Slot& s);
  bool commit_independent(State& state, const Transaction& tx, const Prechecks& pre, Slot& s,
                          Receipt& receipt, LaneChunk& out);
  void execute_slot(const Transaction& tx, const Prechecks& pre, const State& state, Slot& s);
  Store::Txn& build_writes(const Transaction& tx, Slot& s);
};

}  // namespace supervm::vm
