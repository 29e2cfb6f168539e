#include "vm/parallel_executor.h"

#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "util/error.h"
#include "vm/block_support.h"
#include "vm/id_set.h"
#include "vm/latency_sampler.h"
#include "vm/repeat_finder.h"
#include "vm/semantics.h"

namespace supervm::vm {

namespace {

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

// Sets item.plain (and amount, nonce) for a fast candidate whose hint is filled.
void mark_plain(const Transaction& tx, FastItem& item) {
  const FastHint& h = item.hint;
  item.plain = tx.ops.size() == 1 && tx.ops[0].type == OpType::kTransfer && h.object_count == 2 &&
               h.nonce && h.objects[0] != h.objects[1];
  if (item.plain) {
    item.amount = tx.ops[0].amount;
    item.nonce = tx.nonce;
  }
}

// A plain transfer (one transfer between two existing objects, sender with a
// nonce entry) that try_simple_transfer accepts, applied in place without
// building effects; returns the objects written (source, destination), or
// nullopt having changed nothing. The receipt is the plain success receipts
// start as. Valid where the transaction sees State as the serial order would
// (its signature already checked).
std::optional<std::pair<Object*, Object*>> apply_plain_transfer(State& state,
                                                                const Transaction& tx) {
  if (tx.ops.size() != 1 || tx.ops[0].type != OpType::kTransfer) return std::nullopt;
  Object* from = state.find_object_mut(tx.ops[0].object);
  Object* to = from ? state.find_object_mut(tx.ops[0].to) : nullptr;
  uint64_t* nonce = to ? state.find_nonce_mut(tx.sender) : nullptr;
  if (!nonce || !try_simple_transfer(tx, *from, *to, *nonce)) return std::nullopt;
  return std::pair{from, to};
}

// Operations that can change what routing found about an object (owned by the
// sender, present in State): a fast partition that ran one can no longer take
// its plain items' hints on trust.
bool may_change_kind_or_owner(const Transaction& tx) {
  for (const Operation& op : tx.ops)
    if (op.type != OpType::kTransfer && op.type != OpType::kSetData) return true;
  return false;
}

// Early commits. The routing pass commits a plain transfer at once, in place,
// while its objects and nonce are in the routing core's cache, when its
// routing chunk holds the claims of the keys it writes. A key (an object, a
// sender's nonce) is claimed for the block by the first chunk to route a
// transaction naming it, in the claim word of its State entry (a key without
// an entry is never written early).
//  - A fast candidate claims its sender only: its objects are the sender's
//    own, named by no other fast transaction.
//  - A consensus or privacy transaction claims its sender and every object
//    it names; it commits early when it is a plain transfer between two
//    shared objects (so that it writes no object a fast transaction owns).
// At the first transaction a chunk cannot commit early (not plain, failing,
// or naming a key another chunk holds), the chunk defers the keys it holds
// among that transaction's: its later transactions naming them are not
// committed early either, so that each key is still written in block order.
// A chunk meeting a key claimed by another notes it: the key is contended.
//
// Whether an early commit may stay is known once the whole block is routed
// (settle_early). The nonces of fast senders that meet another path (the
// demotion set) are tainted, and so is a contended key that a chunk earlier
// in block order than its claimant met (the claim went to whichever chunk
// came first in time); an early commit naming a tainted key is undone, and
// taints its other keys for the chunk's later commits (they may have read
// what it wrote). A plain transfer has an exact inverse, and only the
// claiming chunk wrote a claimed key. Undone transactions take the path they
// would have taken without early commits. So, per key, every early commit
// that stays comes before, in block order, every transaction naming the key
// that runs later: those of its chunk after the deferral or an undone commit,
// and those of later chunks.
//
// Claim word: stamp << kChunkBits | chunk << 2 | tainted << 1 | deferred.
// Stamps are unique per block across the process (every executor, every copy
// of a State), so a word left by any other block reads as unclaimed.
constexpr unsigned kChunkBits = 20;
constexpr uint64_t kDeferredBit = 1, kTaintedBit = 2;
std::atomic<uint64_t> g_block_stamp{0};

enum class Claim { kMine, kDeferred, kOther };

// Relaxed order is enough: the claim only makes one chunk the writer of the
// key's entry during routing, and the phases after routing start once every
// chunk has finished.
Claim claim_key(uint64_t& word, uint64_t mine) {
  std::atomic_ref<uint64_t> w(word);
  uint64_t cur = w.load(std::memory_order_relaxed);
  if ((cur >> kChunkBits) != (mine >> kChunkBits) &&
      w.compare_exchange_strong(cur, mine, std::memory_order_relaxed))
    return Claim::kMine;
  if ((cur | 3) != (mine | 3)) return Claim::kOther;
  return (cur & kDeferredBit) ? Claim::kDeferred : Claim::kMine;
}

// Sets `bit` in a claim word that only the calling thread writes now: the
// routing chunk that claimed it, or a serial step between phases.
void mark_key(uint64_t& word, uint64_t bit) {
  std::atomic_ref<uint64_t> w(word);
  w.store(w.load(std::memory_order_relaxed) | bit, std::memory_order_relaxed);
}

// Once claim_key gave kMine: the chunk commits no more transactions naming
// this key early.
void defer_key(uint64_t& word) {
  mark_key(word, kDeferredBit);
}

bool key_tainted(const uint64_t& word) {
  return std::atomic_ref<const uint64_t>(word).load(std::memory_order_relaxed) & kTaintedBit;
}

constexpr size_t kNoChunk = SIZE_MAX;

// The routing chunk that claimed the key in the block with this stamp, or
// kNoChunk.
size_t claiming_chunk(const uint64_t& word, uint64_t stamp) {
  const uint64_t w = std::atomic_ref<const uint64_t>(word).load(std::memory_order_relaxed);
  if ((w >> kChunkBits) != stamp) return kNoChunk;
  return static_cast<size_t>((w >> 2) & ((uint64_t{1} << (kChunkBits - 2)) - 1));
}

// A one-hash bit filter of claim words (by address) that settle_early has
// tainted in one chunk: the forward taint walk reads a word itself, a cache
// miss into State, only for the few addresses the filter may hold.
class TaintFilter {
 public:
  void clear() { bits_.fill(0); }
  void add(const uint64_t* word) {
    const size_t b = bit(word);
    bits_[b >> 6] |= uint64_t{1} << (b & 63);
  }
  bool may_hold(const uint64_t* word) const {
    const size_t b = bit(word);
    return (bits_[b >> 6] >> (b & 63)) & 1;
  }

 private:
  static size_t bit(const uint64_t* word) {
    return static_cast<size_t>((reinterpret_cast<uintptr_t>(word) >> 3) * 0x9E3779B97F4A7C15ull >>
                               (64 - 12));
  }
  std::array<uint64_t, 64> bits_{};
};

// Fast path: every object exists before the block and is owned by the sender,
// or is created (as the sender's own) under an id not in use.
// The entries of a one-transfer transaction's two objects, as far as
// fast_candidate looked them up, so that the consensus path need not look
// them up again.
struct TransferLookup {
  State::ObjectEntry* entry[2] = {nullptr, nullptr};
  bool looked[2] = {false, false};
};

bool fast_candidate(State& state, const Transaction& tx, FastHint& hint, TransferLookup& seen) {
  hint.object_count = 0;
  auto owned_by_sender = [&](const ObjectId& id, int transfer_end = -1) {
    State::ObjectEntry* e = state.find_object_entry(id);
    if (transfer_end >= 0 && tx.ops.size() == 1) {
      seen.entry[transfer_end] = e;
      seen.looked[transfer_end] = true;
    }
    Object* o = e ? &e->object : nullptr;
    if (!o || o->kind != ObjectKind::kOwned || !equal32(o->owner, tx.sender)) return false;
    if (hint.object_count < FastHint::kObjects) hint.objects[hint.object_count++] = o;
    return true;
  };
  for (size_t i = 0; i < tx.ops.size(); ++i) {
    const Operation& op = tx.ops[i];
    switch (op.type) {
      case OpType::kCreate:
        if (op.kind != ObjectKind::kOwned || !equal32(op.owner, tx.sender)) return false;
        if (state.find_object(derive_object_id(tx.sender, tx.nonce, static_cast<uint32_t>(i))))
          return false;
        break;
      case OpType::kTransfer:
        if (!owned_by_sender(op.object, 0) || !owned_by_sender(op.to, 1)) return false;
        break;
      case OpType::kPrivateTransfer:
        return false;
      default:
        if (!owned_by_sender(op.object)) return false;
    }
  }
  hint.nonce = state.find_nonce_entry(tx.sender);
  return true;
}

// Prefetches what executing `tx` will look up first: its first operation's
// objects and the sender's nonce. A loop running ahead calls it twice per
// transaction: first for the map slots (`value` false), some iterations later
// for the entries those slots point to (`value` true).
void prefetch_lookups(const State& state, const Transaction& tx, bool value) {
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
// asks for the lines in a state that allows writing (the fast path updates
// objects and nonces that the routing pass, maybe on the other core, read).
template <bool write = false>
inline void prefetch_bytes(const void* p, size_t bytes) {
  const char* b = static_cast<const char*>(p);
  const uintptr_t first = reinterpret_cast<uintptr_t>(b) & ~uintptr_t{63};
  for (uintptr_t a = first; a < reinterpret_cast<uintptr_t>(b) + bytes; a += 64)
    __builtin_prefetch(reinterpret_cast<const void*>(a), write ? 1 : 0);
}

// Walks one partition's items through its buckets (one per routing chunk) as
// one sequence, so that a cursor running ahead for prefetching crosses bucket
// boundaries too (a bucket holds ~n / chunks / partitions items: restarting
// the look-ahead in each would leave a tenth of them unprefetched).
class ItemCursor {
 public:
  ItemCursor(const std::vector<FastItem>* first, size_t stride, size_t count)
      : bucket_(first), stride_(stride), left_(count) {
    settle();
  }
  const FastItem* get() const { return left_ ? &(*bucket_)[j_] : nullptr; }
  void next() {
    if (!left_) return;
    ++j_;
    settle();
  }
  void skip(size_t k) {
    for (size_t i = 0; i < k; ++i) next();
  }

 private:
  // Moves past exhausted buckets.
  void settle() {
    while (left_ && j_ >= bucket_->size()) {
      j_ = 0;
      if (--left_) bucket_ += stride_;
    }
  }
  const std::vector<FastItem>* bucket_;
  size_t stride_;
  size_t left_;  // buckets not yet exhausted, including the current one
  size_t j_ = 0;
};

// The demotion set (every sender and object of the non-fast paths), split
// into shards by a key byte so that the shards can be filled at the same time,
// each by one task from the routing chunks' lists for that shard: a mix with
// 20 % shared transfers puts ~12,000 keys per block into it, a serial pass
// the other thread would wait for. A bit filter in front answers most
// lookups of keys not in the set (all of them, in such a mix), which probing
// the shards (~1 MB of keys) answered at ~20 ns each: 3 lookups per fast
// transaction.
class ShardedIdSet {
 public:
  explicit ShardedIdSet(size_t shards) : shards_(shards), seed_(random_seed()) {}
  size_t shard_count() const { return shards_.size(); }
  // Keys are object ids (BLAKE2b outputs) and public keys: their first byte
  // is uniform enough to balance the shards; an unbalanced block only makes
  // the fill less parallel, never wrong.
  size_t shard_of(const Hash32& k) const { return k[0] % shards_.size(); }
  // Empties the set and sizes its filter for about `keys` keys.
  void reset(size_t keys) {
    for (IdSet& s : shards_) s.clear();
    // ~64 bits per key, one hash: a key not in the set passes the filter
    // with probability ~1/64.
    unsigned log2 = 12;
    while ((size_t{1} << log2) < keys * 64 && log2 < 30) ++log2;
    shift_ = 64 - log2;
    filter_.assign(size_t{1} << (log2 - 6), 0);
  }
  void prefetch(const Hash32& k) const {
    shards_[shard_of(k)].prefetch(k);
    __builtin_prefetch(&filter_[(id_hash(k, seed_) >> shift_) >> 6], 1);
  }
  // Inserts into shard shard_of(k); shards may be filled at the same time.
  void insert(const Hash32& k) {
    shards_[shard_of(k)].insert(k);
    const uint64_t bit = id_hash(k, seed_) >> shift_;
    std::atomic_ref<uint64_t>(filter_[bit >> 6])
        .fetch_or(uint64_t{1} << (bit & 63), std::memory_order_relaxed);
  }
  // Most keys not in the set are turned away by the filter (a few KB to a
  // few hundred KB, which stays in the cache), without a probe of their shard.
  bool contains(const Hash32& k) const {
    if (filter_.empty()) return false;
    const uint64_t bit = id_hash(k, seed_) >> shift_;
    if (!((filter_[bit >> 6] >> (bit & 63)) & 1)) return false;
    return shards_[shard_of(k)].contains(k);
  }
  size_t size() const {
    size_t n = 0;
    for (const IdSet& s : shards_) n += s.size();
    return n;
  }
  void clear() {
    for (IdSet& s : shards_) s.clear();
    filter_.clear();
  }

 private:
  std::vector<IdSet> shards_;
  std::vector<uint64_t> filter_;  // one bit per id_hash(key) >> shift_
  unsigned shift_ = 64;
  uint64_t seed_;
};

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

// Reads State directly; objects created or deleted in this partition live in
// its overlay until the merge, because inserting into the shared map from
// several threads is not safe while updating existing entries in place is
// (partitions touch disjoint objects).
class FastReader final : public StateReader {
 public:
  FastReader(State& s, FastPartition& p) : s_(s), p_(p) {}
  void begin_tx(const FastHint& hint) {
    seen_count_ = 0;
    nonce_slot_ = nullptr;
    hint_ = &hint;
  }
  const Object* object(const ObjectId& id) override {
    if (!p_.overlay.empty()) {
      auto it = p_.overlay.find(id);
      if (it != p_.overlay.end()) return it->second ? &*it->second : nullptr;
    }
    Object* o = nullptr;
    for (size_t i = 0; i < hint_->object_count && !o; ++i)
      if (equal32(hint_->objects[i]->id, id)) o = hint_->objects[i];
    if (!o) o = s_.find_object_mut(id);
    if (o && seen_count_ < kSeen) seen_[seen_count_++] = o;
    return o;
  }
  uint64_t nonce(const PublicKey& k) override {
    nonce_slot_ = hint_->nonce ? &hint_->nonce->next : s_.find_nonce_mut(k);
    if (nonce_slot_) return *nonce_slot_;
    auto it = p_.new_nonces.find(k);
    return it == p_.new_nonces.end() ? 0 : it->second;
  }
  bool nullifier_spent(const Hash32& n) override { return s_.nullifier_spent(n); }
  bool root_known(const Hash32& r) override { return s_.root_known(r); }

  void apply(const Transaction& tx, TxEffects& fx) {
    for (auto& [id, value] : fx.writes) {
      auto it = p_.overlay.empty() ? p_.overlay.end() : p_.overlay.find(id);
      if (it != p_.overlay.end()) {
        it->second = std::move(value);
      } else if (Object* slot = value ? state_slot(id) : nullptr) {
        *slot = std::move(*value);
      } else {
        p_.overlay.emplace(id, std::move(value));
      }
      p_.dirty_objects.push_back(id);
    }
    if (nonce_slot_)
      *nonce_slot_ = tx.nonce + 1;
    else if (uint64_t* n = s_.find_nonce_mut(tx.sender))
      *n = tx.nonce + 1;
    else
      p_.new_nonces[tx.sender] = tx.nonce + 1;
    p_.dirty_nonces.push_back(tx.sender);
  }

 private:
  // The State entry of an object this transaction read (pointers into the map
  // stay valid: nobody inserts or erases during the fast phase).
  Object* state_slot(const ObjectId& id) {
    for (size_t i = 0; i < seen_count_; ++i)
      if (equal32(seen_[i]->id, id)) return seen_[i];
    return s_.find_object_mut(id);
  }
  static constexpr size_t kSeen = 4;
  Object* seen_[kSeen];
  size_t seen_count_ = 0;
  uint64_t* nonce_slot_ = nullptr;
  const FastHint* hint_ = nullptr;
  State& s_;
  FastPartition& p_;
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

// Reads the multi-version store as of txn.start, recording every version read.
class MvccReader final : public StateReader {
 public:
  MvccReader(const Store& store, const State& state, Slot& slot)
      : store_(store), state_(state), slot_(slot) {}
  const Object* object(const ObjectId& id) override {
    const StateValue* v = read(slot_.object_handle(id));
    return v && v->object ? &*v->object : nullptr;
  }
  uint64_t nonce(const PublicKey&) override {
    const StateValue* v = read(slot_.nonce);
    return v ? v->nonce : 0;
  }
  bool nullifier_spent(const Hash32& n) override {
    for (const auto& [k, h] : slot_.nullifiers)
      if (k == n) {
        const StateValue* v = read(h);
        return v && v->spent;
      }
    throw Error(ExitCode::kInternal, "consensus path: nullifier not declared");
  }
  // The root history changes only between blocks.
  bool root_known(const Hash32& r) override { return state_.root_known(r); }

 private:
  const StateValue* read(Store::Handle h) {
    Store::Ts vts = 0;
    const StateValue* v = store_.read(h, slot_.txn.start, &vts);
    slot_.txn.reads.emplace_back(h, vts);
    return v;
  }
  const Store& store_;
  const State& state_;
  Slot& slot_;
};

// Round engine: reads State as of the start of the round (nobody writes it
// while a round executes), remembering the entries it found.
class SnapshotReader final : public StateReader {
 public:
  SnapshotReader(State& state, Slot& slot) : state_(state), slot_(slot) {}
  const Object* object(const ObjectId& id) override {
    Object* o = state_.find_object_mut(id);
    slot_.seen.emplace_back(id, o);
    return o;
  }
  uint64_t nonce(const PublicKey& k) override {
    slot_.nonce_slot = state_.find_nonce_mut(k);
    return slot_.nonce_slot ? *slot_.nonce_slot : 0;
  }
  bool nullifier_spent(const Hash32& n) override { return state_.nullifier_spent(n); }
  bool root_known(const Hash32& r) override { return state_.root_known(r); }

 private:
  State& state_;
  Slot& slot_;
};

}  // namespace

struct ParallelExecutor::Impl {
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
    size_t fast = 0, slow = 0, priv = 0, rejected = 0;  // fast: handed to buckets
    std::vector<uint32_t> slow_idx;                     // the consensus and privacy transactions
    size_t fast_early = 0;                              // fast candidates committed early
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
    TaintFilter taint_filter;
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
  ShardedIdSet slow_keys;  // demotion, per block
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
    if (chunks >= (size_t{1} << (kChunkBits - 2)))
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
  // it now spends while this thread sets up.
  if (threads > 1) arena.enqueue([] {});
  std::vector<Receipt> receipts(n);
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
    // 1. Route from the state before the block. The lookups are cache misses
    // in maps far larger than the cache: prefetch the slots of the entries
    // 2*kAhead ahead, and their values kAhead ahead (past the end of the
    // routing chunk too: the block is read-only, and the look-ahead would
    // otherwise restart empty in each of the chunks).
    constexpr size_t kAhead = 8;
    auto prefetch = [&](size_t i, bool value) {
      if (block[i].tx) prefetch_lookups(state, *block[i].tx, value);
    };
    // While the consensus path runs serially (heavy contention), route on
    // this thread too: the few hot objects are in its cache, and reading
    // them from the other core would cost a cross-core transfer per lookup.
    const bool route_here = threads == 1 || serial_left > 0;
    // Early commits (see claim_key).
    stamp = g_block_stamp.fetch_add(1, std::memory_order_relaxed) + 1;
    auto record_early = [&](RoutingChunk& rc, const FastItem& item, bool consensus,
                            std::array<uint64_t*, 3> words) {
      const FastHint& h = item.hint;
      const size_t k = rc.early.size();
      rc.early_objects[2 * k] = h.objects[0]->id;
      rc.early_objects[2 * k + 1] = h.objects[1]->id;
      rc.early_nonces[k] = item.tx->sender;
      rc.early.push_back(item);
      rc.early_consensus.push_back(consensus);
      rc.early_words.push_back(words);
      if (latency.sampled(item.index))
        rc.early_sampled.push_back(static_cast<uint32_t>(rc.early.size() - 1));
    };
    // A fast candidate: committed early when its chunk may, else handed to
    // its partition's bucket.
    auto commit_fast_early = [&](RoutingChunk& rc, uint64_t mine, const FastItem& item) {
      const FastHint& h = item.hint;
      if (!h.nonce) return false;
      switch (claim_key(h.nonce->claim, mine)) {
        case Claim::kOther:
          rc.contended.push_back(&h.nonce->claim);
          return false;
        case Claim::kDeferred:
          return false;
        case Claim::kMine:
          break;
      }
      if (!item.plain || !apply_checked_transfer(*h.objects[0], *h.objects[1], h.nonce->next,
                                                 item.nonce, item.amount)) {
        defer_key(h.nonce->claim);
        return false;
      }
      record_early(rc, item, false, {&h.nonce->claim, nullptr, nullptr});
      ++rc.fast_early;
      return true;
    };
    // A consensus or privacy transaction: claims its keys; committed early
    // when it is a plain transfer between two shared objects and the chunk
    // may, else left to the consensus phase.
    auto commit_consensus_early = [&](RoutingChunk& rc, uint64_t mine, const Transaction& tx,
                                      size_t i, const TransferLookup& seen) {
      bool early = true;
      rc.claimed.clear();
      auto claim = [&](uint64_t& word) {
        switch (claim_key(word, mine)) {
          case Claim::kOther:
            rc.contended.push_back(&word);
            early = false;
            break;
          case Claim::kDeferred:
            early = false;
            break;
          case Claim::kMine:
            rc.claimed.push_back(&word);
            break;
        }
      };
      State::NonceEntry* nonce = state.find_nonce_entry(tx.sender);
      if (nonce)
        claim(nonce->claim);
      else
        early = false;
      State::ObjectEntry* from = nullptr;
      State::ObjectEntry* to = nullptr;
      const bool transfer = !tx.is_private() && tx.ops.size() == 1 &&
                            tx.ops[0].type == OpType::kTransfer &&
                            !equal32(tx.ops[0].object, tx.ops[0].to);
      if (transfer) {
        from = seen.looked[0] ? seen.entry[0] : state.find_object_entry(tx.ops[0].object);
        to = seen.looked[1] ? seen.entry[1] : state.find_object_entry(tx.ops[0].to);
        if (from) claim(from->claim);
        if (to) claim(to->claim);
        early = early && from && to && from->object.kind == ObjectKind::kShared &&
                to->object.kind == ObjectKind::kShared;
      } else {
        early = false;
        for_each_touched_object(tx, [&](const ObjectId& id) {
          if (State::ObjectEntry* e = state.find_object_entry(id)) claim(e->claim);
        });
      }
      if (early && apply_checked_transfer(from->object, to->object, nonce->next, tx.nonce,
                                          tx.ops[0].amount)) {
        FastItem item;
        item.tx = &tx;
        item.hint.objects[0] = &from->object;
        item.hint.objects[1] = &to->object;
        item.hint.nonce = nonce;
        item.hint.object_count = 2;
        item.index = static_cast<uint32_t>(i);
        item.plain = true;
        item.amount = tx.ops[0].amount;
        item.nonce = tx.nonce;
        record_early(rc, item, true, {&nonce->claim, &from->claim, &to->claim});
        return true;
      }
      for (uint64_t* word : rc.claimed) defer_key(*word);
      return false;
    };
    // The block is routed in `chunks` fixed slices; each commits what it can
    // early, hands its other fast candidates to their partitions' buckets and
    // counts its paths, so that no serial pass over the block is needed to
    // build the partitions.
    const size_t parts = partitions.size();
    const size_t per_chunk = (n + chunks - 1) / chunks;
    auto reset_chunk = [&](size_t c, size_t lo) {
      RoutingChunk& rc = route_chunks[c];
      rc.mark_base = lo;
      rc.early_objects = early_object_room.data() + 2 * lo;
      rc.early_nonces = early_nonce_room.data() + lo;
      rc.fast = rc.slow = rc.priv = rc.rejected = 0;
      for (auto& keys : rc.slow_keys) keys.clear();
      rc.fast_early = 0;
      rc.early.clear();
      rc.early_consensus.clear();
      rc.early_words.clear();
      rc.early_sampled.clear();
      rc.contended.clear();
      rc.slow_idx.clear();
      for (size_t p = 0; p < parts; ++p) buckets[c * parts + p].clear();
    };
    // Routes block[lo, hi) as chunk c (after reset_chunk(c)).
    auto route_range = [&](size_t c, size_t lo, size_t hi) {
      RoutingChunk& rc = route_chunks[c];
      const uint64_t mine = (stamp << kChunkBits) | (c << 2);
      std::vector<FastItem>* out = &buckets[c * parts];
      for (size_t i = lo; i < hi; ++i) {
        if (i + 2 * kAhead < n) prefetch(i + 2 * kAhead, false);
        if (i + kAhead < n) prefetch(i + kAhead, true);
        if (auto rej = early_rejection(block[i], sigs[i])) {
          receipts[i] = std::move(*rej);
          path[i] = Path::kRejected;
          ++rc.rejected;
          continue;
        }
        const Transaction& tx = *block[i].tx;
        FastItem item;
        TransferLookup seen;
        if (!tx.is_private() && fast_candidate(state, tx, item.hint, seen)) {
          item.tx = &tx;
          item.index = static_cast<uint32_t>(i);
          mark_plain(tx, item);
          path[i] = Path::kFast;
          if (commit_fast_early(rc, mine, item)) continue;
          std::vector<FastItem>& bucket = out[partition_of(tx.sender)];
          bucket.push_back(item);
          // The chunk fills `parts` buckets at once, more store streams than
          // the hardware prefetcher follows: ask for the bucket's next line
          // now, ~parts transactions before it is written (one bucket is one
          // stream, which the hardware handles better alone).
          if (parts > 1) __builtin_prefetch(bucket.data() + bucket.size(), 1);
          ++rc.fast;
          continue;
        }
        if (tx.is_private()) {
          path[i] = Path::kPrivacy;
          ++rc.priv;
        } else {
          path[i] = Path::kConsensus;
          ++rc.slow;
        }
        if (commit_consensus_early(rc, mine, tx, i, seen)) path[i] = Path::kConsensusEarly;
        rc.slow_idx.push_back(static_cast<uint32_t>(i));
      }
    };
    if (route_here) {
      // On one thread the whole block is one chunk: nothing is contended.
      for (size_t c = 0; c < chunks; ++c) reset_chunk(c, c == 0 ? 0 : n);
      route_range(0, 0, n);
    } else {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks, 1), [&](const auto& r) {
        for (size_t c = r.begin(); c < r.end(); ++c) {
          const size_t lo = std::min(n, c * per_chunk);
          reset_chunk(c, lo);
          route_range(c, lo, std::min(n, lo + per_chunk));
        }
      });
    }
    size_t fast_count = 0, fast_early_count = 0, early_count = 0, consensus_count = 0,
           priv_count = 0, rejected_count = 0;
    for (const RoutingChunk& rc : route_chunks) {
      fast_count += rc.fast;
      fast_early_count += rc.fast_early;
      early_count += rc.early.size();
      consensus_count += rc.slow;
      priv_count += rc.priv;
      rejected_count += rc.rejected;
    }
    if (rejected_count > 0)
      for (size_t i = 0; i < n; ++i)
        if (path[i] == Path::kRejected && latency.sampled(i)) latency.add(latency.now_us());
    // Privacy path: all proofs of the block in one batch.
    if (priv_count > 0) {
      std::vector<size_t> priv;
      for (size_t i = 0; i < n; ++i)
        if (path[i] == Path::kPrivacy) priv.push_back(i);
      auto verdicts = check_proofs(state, verifier, block, priv);
      for (size_t k = 0; k < priv.size(); ++k) pre[priv[k]].proof = verdicts[k];
    }
    clock.lap(ph.route_ns);

    // Demotion: keep fast transactions disjoint from every other path. One
    // set of every sender and object of the other paths: a fast transaction
    // meeting any of them (as sender or object) is demoted with its sender's
    // other transactions (settle_early finds those senders; run_fast and
    // settle_early move their transactions). Sharing one set for senders and
    // objects can only demote more, which is always safe.
    const size_t slow_count = consensus_count + priv_count;
    if (fast_count + fast_early_count > 0 && slow_count > 0) {
      // The keys of each chunk's non-fast transactions, by shard. Collected
      // here, only for a block that has fast candidates too: in the routing
      // pass, writing them cost two threads ~0.7 ms per block of 20,000
      // shared transfers (bench_vm ConsensusPath1pct/2), for nothing.
      auto collect = [&](size_t c) {
        RoutingChunk& rc = route_chunks[c];
        for (auto& keys : rc.slow_keys) keys.clear();
        constexpr size_t kAhead = 4;
        for (size_t k = 0; k < rc.slow_idx.size(); ++k) {
          if (k + kAhead < rc.slow_idx.size()) {
            const Transaction& ahead = *block[rc.slow_idx[k + kAhead]].tx;
            if (!ahead.ops.empty()) __builtin_prefetch(ahead.ops.data());
          }
          const Transaction& tx = *block[rc.slow_idx[k]].tx;
          rc.slow_keys[slow_keys.shard_of(tx.sender)].push_back(tx.sender);
          for_each_touched_object(
              tx, [&](const ObjectId& id) { rc.slow_keys[slow_keys.shard_of(id)].push_back(id); });
        }
      };
      if (route_here) {
        collect(0);
      } else {
        tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks, 1), [&](const auto& r) {
          for (size_t c = r.begin(); c < r.end(); ++c) collect(c);
        });
      }
      size_t keys = 0;
      for (const RoutingChunk& rc : route_chunks)
        for (const auto& shard_keys : rc.slow_keys) keys += shard_keys.size();
      slow_keys.reset(keys);
      auto fill = [&](size_t s) {
        for (const RoutingChunk& rc : route_chunks) {
          const std::vector<Hash32>& keys = rc.slow_keys[s];
          for (size_t k = 0; k < keys.size(); ++k) {
            if (k + 8 < keys.size()) slow_keys.prefetch(keys[k + 8]);
            slow_keys.insert(keys[k]);
          }
        }
      };
      const size_t shards = slow_keys.shard_count();
      if (shards == 1) {
        fill(0);
      } else {
        tbb::parallel_for(tbb::blocked_range<size_t>(0, shards, 1), [&](const auto& r) {
          for (size_t s = r.begin(); s < r.end(); ++s) fill(s);
        });
      }
    } else {
      slow_keys.clear();
    }
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
      for (size_t i = 0; i < n; ++i)
        if (path[i] == Path::kConsensus || path[i] == Path::kPrivacy) slow.push_back(i);
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

// Fills demoted_senders (fast senders meeting another path, for run_fast)
// and undoes the early commits that must not stay (see claim_key): a fast
// one whose sender is demoted takes the consensus path, another fast one goes
// back to its bucket, in block order, to run in the fast phase with the
// sender's other candidates; a consensus one runs in the consensus phase.
// Samples the latency of the early commits that stay. Returns how many items
// went back to the buckets.
size_t ParallelExecutor::Impl::settle_early(State& state, std::vector<Path>& path) {
  demoted_senders.clear();
  const size_t parts = partitions.size();
  for (RoutingChunk& rc : route_chunks) rc.demoted.clear();
  if (slow_keys.size() > 0) {
    auto meets_slow = [&](const Transaction& tx) {
      bool hit = slow_keys.contains(tx.sender);
      if (!hit)
        for_each_touched_object(tx,
                                [&](const ObjectId& id) { hit = hit || slow_keys.contains(id); });
      return hit;
    };
    tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks, 1), [&](const auto& r) {
      for (size_t c = r.begin(); c < r.end(); ++c) {
        RoutingChunk& rc = route_chunks[c];
        // An early commit's keys are its dirty marks: read them there, in
        // sequence, rather than through its transaction.
        for (size_t k = 0; k < rc.early.size(); ++k) {
          if (rc.early_consensus[k]) continue;
          const PublicKey& sender = rc.early_nonces[k];
          if (slow_keys.contains(sender) || slow_keys.contains(rc.early_objects[2 * k]) ||
              slow_keys.contains(rc.early_objects[2 * k + 1]))
            rc.demoted.push_back(sender);
        }
        for (size_t pi = 0; pi < parts; ++pi)
          for (const FastItem& item : buckets[c * parts + pi])
            if (meets_slow(*item.tx)) rc.demoted.push_back(item.tx->sender);
      }
    });
    for (const RoutingChunk& rc : route_chunks)
      for (const PublicKey& k : rc.demoted) demoted_senders.insert(k);
  }
  // Taint seeds, each handed to the chunk that claimed the key: the demoted
  // senders' nonces, and the contended keys that a chunk earlier in block
  // order than the claimant met. A key met only by later chunks stays
  // untainted: their transactions naming it did not commit early, so they
  // run after every early commit, and they come after them in block order.
  for (RoutingChunk& rc : route_chunks) rc.seeds.clear();
  bool tainted = false;
  auto seed = [&](uint64_t& word, size_t met_by) {
    const size_t owner = claiming_chunk(word, stamp);
    if (owner == kNoChunk || owner < met_by) return;
    route_chunks[owner].seeds.push_back(&word);
    tainted = true;
  };
  for (size_t c = 0; c < chunks; ++c)
    for (uint64_t* word : route_chunks[c].contended) seed(*word, c);
  for (const RoutingChunk& rc : route_chunks)
    for (const PublicKey& k : rc.demoted)
      if (State::NonceEntry* e = state.find_nonce_entry(k)) seed(e->claim, 0);
  size_t requeued = 0;
  if (tainted) {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks, 1), [&](const auto& r) {
      for (size_t c = r.begin(); c < r.end(); ++c) {
        RoutingChunk& rc = route_chunks[c];
        rc.undone = rc.undone_fast = rc.early_demoted = 0;
        rc.requeue.clear();
        if (rc.seeds.empty()) continue;
        rc.undone_mark.assign(rc.early.size(), 0);
        TaintFilter& filter = rc.taint_filter;
        filter.clear();
        auto taint = [&](uint64_t* word) {
          mark_key(*word, kTaintedBit);
          filter.add(word);
        };
        for (uint64_t* word : rc.seeds) taint(word);
        // In block order: an early commit naming a tainted key taints its
        // other keys (the words are this chunk's: it claimed them).
        for (size_t k = 0; k < rc.early.size(); ++k) {
          const std::array<uint64_t*, 3>& words = rc.early_words[k];
          if (std::none_of(words.begin(), words.end(),
                           [&](uint64_t* w) { return w && filter.may_hold(w) && key_tainted(*w); }))
            continue;
          for (uint64_t* w : words)
            if (w) taint(w);
          rc.undone_mark[k] = 1;
          ++rc.undone;
        }
        if (rc.undone == 0) continue;
        // Newest first: each undo finds its objects and nonce as it left them.
        for (size_t k = rc.early.size(); k-- > 0;) {
          if (!rc.undone_mark[k]) continue;
          const FastItem& item = rc.early[k];
          const FastHint& h = item.hint;
          undo_checked_transfer(*h.objects[0], *h.objects[1], h.nonce->next, item.nonce,
                                item.amount);
          if (rc.early_consensus[k]) {
            path[item.index] = Path::kConsensus;
            continue;
          }
          ++rc.undone_fast;
          if (demoted_senders.size() > 0 && demoted_senders.contains(item.tx->sender)) {
            path[item.index] = Path::kConsensus;
            ++rc.early_demoted;
          } else {
            rc.requeue.push_back(item);
          }
        }
        // Back into the buckets, in block order.
        std::reverse(rc.requeue.begin(), rc.requeue.end());
        for (size_t pi = 0; pi < parts && !rc.requeue.empty(); ++pi) {
          std::vector<FastItem>& bucket = buckets[c * parts + pi];
          std::vector<FastItem> merged;
          merged.reserve(bucket.size() + rc.requeue.size());
          auto in_pi = [&](const FastItem& item) { return partition_of(item.tx->sender) == pi; };
          auto b = bucket.begin();
          for (const FastItem& item : rc.requeue) {
            if (!in_pi(item)) continue;
            for (; b != bucket.end() && b->index < item.index; ++b) merged.push_back(*b);
            merged.push_back(item);
          }
          merged.insert(merged.end(), b, bucket.end());
          bucket.swap(merged);
        }
      }
    });
    for (const RoutingChunk& rc : route_chunks) {
      requeued += rc.requeue.size();
      stats.early_undone += rc.undone;
      stats.demoted += rc.early_demoted;
    }
  }
  for (RoutingChunk& rc : route_chunks) {
    if (!tainted) rc.undone = rc.undone_fast = 0;
    stats.early += rc.early.size();
    stats.fast += rc.fast_early - rc.undone_fast;
  }
  // An early commit is final now.
  if (opt.latency_sample_every) {
    const float now = latency.now_us();
    for (const RoutingChunk& rc : route_chunks)
      for (uint32_t k : rc.early_sampled)
        if (rc.undone == 0 || !rc.undone_mark[k]) latency.add(now);
  }
  return requeued;
}

void ParallelExecutor::Impl::run_fast(State& state, std::vector<Path>& path,
                                      std::vector<Receipt>& receipts) {
  const size_t parts = partitions.size();
  // affinity_partitioner: a partition (hence its senders' objects and
  // nonces) tends to run on the same thread block after block, so that State
  // entries stay in that core's cache instead of crossing to the other core.
  tbb::parallel_for(
      tbb::blocked_range<size_t>(0, parts, 1),
      [&](const auto& r) {
        for (size_t pi = r.begin(); pi < r.end(); ++pi) {
          FastPartition& p = partitions[pi];
          FastReader reader(state, p);
          // The items are dense, but what they point to is scattered (a
          // partition takes every partitions-th transaction of the block, so
          // the hardware prefetcher cannot follow): prefetch 4 ahead the
          // objects and the nonce found while routing, and for an item that
          // is not plain the transaction 8 ahead and its operation 4 ahead.
          ItemCursor cur(&buckets[pi], parts, chunks), ahead4 = cur, ahead8 = cur;
          ahead4.skip(4);
          ahead8.skip(8);
          for (; cur.get(); cur.next(), ahead4.next(), ahead8.next()) {
            if (const FastItem* a = ahead8.get(); a && !a->plain)
              prefetch_bytes(a->tx, offsetof(Transaction, ops) + sizeof(a->tx->ops));
            if (const FastItem* a = ahead4.get()) {
              for (size_t o = 0; o < a->hint.object_count; ++o)
                prefetch_bytes<true>(a->hint.objects[o], State::kObjectFixedBytes);
              if (a->hint.nonce) __builtin_prefetch(a->hint.nonce, 1);
              if (!a->plain && !a->tx->ops.empty())
                prefetch_bytes(a->tx->ops.data(), offsetof(Operation, amount) + sizeof(uint64_t));
            }
            const FastItem& item = *cur.get();
            const size_t i = item.index;
            const FastHint& h = item.hint;
            // A plain item whose hints hold runs without its transaction:
            // the source is owned by the sender, so its owner is the sender.
            const bool trusted = item.plain && p.hints_hold;
            const PublicKey& sender = trusted ? h.objects[0]->owner : item.tx->sender;
            if (demoted_senders.size() > 0 && demoted_senders.contains(sender)) {
              path[i] = Path::kConsensus;
              ++p.demoted;
              continue;
            }
            ++p.txs;
            if (!p.fallen_senders.empty() &&
                std::find(p.fallen_senders.begin(), p.fallen_senders.end(), sender) !=
                    p.fallen_senders.end()) {
              p.fallback.push_back(i);
              continue;
            }
            if (trusted) {
              // try_simple_transfer's checks, less those routing settled
              // (one transfer, distinct objects named by the operation, both
              // owned by the sender, so neither immutable).
              Object& from = *h.objects[0];
              Object& to = *h.objects[1];
              if (apply_checked_transfer(from, to, h.nonce->next, item.nonce, item.amount)) {
                p.dirty_objects.push_back(from.id);
                p.dirty_objects.push_back(to.id);
                p.dirty_nonces.push_back(sender);
                if (latency.sampled(i)) p.latency_us.push_back(latency.now_us());
                continue;
              }
            }
            const Transaction& tx = *item.tx;
            // A plain transfer between two objects found while routing is
            // applied in place (the overlay must be empty: an object the
            // partition deleted or created would not be the hinted entry).
            if (h.object_count == 2 && h.nonce && p.overlay.empty() &&
                try_simple_transfer(tx, *h.objects[0], *h.objects[1], h.nonce->next)) {
              p.dirty_objects.push_back(tx.ops[0].object);
              p.dirty_objects.push_back(tx.ops[0].to);
              p.dirty_nonces.push_back(tx.sender);
            } else {
              reader.begin_tx(h);
              Receipt rc = execute_transaction(tx, Prechecks{}, reader, p.fx);
              if (!rc.ok() && falls_back(rc.error)) {
                p.fallen_senders.push_back(tx.sender);
                p.fallback.push_back(i);
                continue;
              }
              if (rc.ok()) {
                reader.apply(tx, p.fx);
                if (may_change_kind_or_owner(tx)) p.hints_hold = false;
              }
              // receipts[i] starts as a plain success: leave it untouched
              // then, so the threads do not write neighbouring receipts
              // (false sharing).
              if (!rc.ok() || !rc.created.empty()) receipts[i] = std::move(rc);
            }
            if (latency.sampled(i)) p.latency_us.push_back(latency.now_us());
          }
        }
      },
      fast_affinity);
  // Structural changes (rare), on one thread.
  for (auto& p : partitions) {
    for (auto& [id, value] : p.overlay) {
      if (value)
        state.put_object(*value);
      else
        state.erase_object(id);
    }
    for (const auto& [k, n] : p.new_nonces) state.set_nonce(k, n);
    for (size_t i : p.fallback) {
      path[i] = Path::kConsensus;
      ++stats.fallbacks;
    }
    stats.fast += p.txs - p.fallback.size();
    stats.demoted += p.demoted;
  }
  if (opt.latency_sample_every) {
    // Creations, deletions and first nonces reach State only in the merge
    // above: count such a partition's transactions as committed now.
    const float merged = latency.now_us();
    for (auto& p : partitions) {
      if (!p.overlay.empty() || !p.new_nonces.empty())
        for (float& t : p.latency_us) t = merged;
      latency.add(p.latency_us);
    }
  }
}

// The routing chunks wrote the early commits' marks into the block's room in
// State's dirty lists, each in its own part, from its first transaction's
// position. Closes the gaps (transactions not committed early) below the
// number of marks with the marks above it, last first, and gives back the
// rest of the room: it moves no more marks than there are gaps. Marks of an
// undone early commit stay: a mark only makes the root reread an entry.
void ParallelExecutor::Impl::close_early_marks(State& state) noexcept {
  size_t total = 0;
  for (const RoutingChunk& rc : route_chunks) total += rc.early.size();
  // The parts hold marks at [mark_base, mark_base + early.size()), in
  // ascending order of chunk.
  size_t src_chunk = chunks, src_lo = 0, src_hi = 0;  // marks above `total` not yet moved
  auto fill = [&](size_t lo, size_t hi) {
    while (lo < hi) {
      while (src_lo == src_hi) {
        const RoutingChunk& rc = route_chunks[--src_chunk];
        src_hi = rc.mark_base + rc.early.size();
        src_lo = std::max(rc.mark_base, std::min(total, src_hi));
      }
      const size_t len = std::min(hi - lo, src_hi - src_lo);
      src_hi -= len;
      std::copy_n(early_nonce_room.data() + src_hi, len, early_nonce_room.data() + lo);
      std::copy_n(early_object_room.data() + 2 * src_hi, 2 * len,
                  early_object_room.data() + 2 * lo);
      lo += len;
    }
  };
  size_t at = 0;
  for (const RoutingChunk& rc : route_chunks) {
    if (at >= total) break;
    if (rc.early.empty()) continue;
    if (rc.mark_base > at) fill(at, std::min(rc.mark_base, total));
    at = rc.mark_base + rc.early.size();
  }
  if (at < total) fill(at, total);
  const size_t unused = early_nonce_room.size() - total;
  state.drop_dirty_marks(2 * unused, unused);
  early_object_room = {};
  early_nonce_room = {};
}

// Copies the dirty marks of the fast phase's partitions (one entry per write)
// into State, from all threads.
void ParallelExecutor::Impl::merge_dirty_marks(State& state) {
  struct Marks {
    std::span<const ObjectId> objects;
    std::span<const PublicKey> nonces;
    size_t object_at, nonce_at;
  };
  std::vector<Marks> marks;
  marks.reserve(partitions.size() + route_chunks.size());
  size_t objects = 0, nonces = 0;
  auto add = [&](std::span<const ObjectId> o, std::span<const PublicKey> k) {
    marks.push_back({o, k, objects, nonces});
    objects += o.size();
    nonces += k.size();
  };
  for (const FastPartition& p : partitions) add(p.dirty_objects, p.dirty_nonces);
  std::span<ObjectId> object_marks = state.add_dirty_objects(objects);
  std::span<PublicKey> nonce_marks = state.add_dirty_nonces(nonces);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, marks.size(), 1), [&](const auto& r) {
    for (size_t m = r.begin(); m < r.end(); ++m) {
      std::copy(marks[m].objects.begin(), marks[m].objects.end(),
                object_marks.begin() + static_cast<ptrdiff_t>(marks[m].object_at));
      std::copy(marks[m].nonces.begin(), marks[m].nonces.end(),
                nonce_marks.begin() + static_cast<ptrdiff_t>(marks[m].nonce_at));
    }
  });
}

// `early`: consensus-path transactions of the block committed early. The
// others are mostly those that meet each other, so their aborts are weighed
// against the block's whole consensus path when choosing serial windows.
void ParallelExecutor::Impl::run_consensus(State& state, std::span<const ParsedTransaction> block,
                                           const std::vector<size_t>& slow, size_t early,
                                           const std::vector<Prechecks>& pre,
                                           std::vector<Receipt>& receipts) {
  const size_t w = opt.consensus_window;
  const double weight =
      slow.empty() ? 1.0
                   : static_cast<double>(slow.size() + early) / static_cast<double>(slow.size());
  // When early commits took nearly all of the consensus path, the rest are
  // mostly transactions that name each other's keys (that is why they were
  // left): optimism would mostly abort, so they run in order here.
  const bool remainder = early >= kSerialRemainder * slow.size();
  for (size_t start = 0; start < slow.size(); start += w) {
    std::span<const size_t> idx(slow.data() + start, std::min(w, slow.size() - start));
    if (remainder || serial_left > 0 || threads == 1) {
      if (serial_left > 0 && !remainder) --serial_left;
      serial_window(state, block, idx, pre, receipts);
      ++stats.serial_windows;
      continue;
    }
    size_t aborts = opt.consensus_engine == ExecutorOptions::ConsensusEngine::kRounds
                        ? round_window(state, block, idx, pre, receipts)
                        : optimistic_window(state, block, idx, pre, receipts);
    ++stats.optimistic_windows;
    if (static_cast<double>(aborts) >
        opt.serial_abort_ratio * static_cast<double>(idx.size()) * weight) {
      backoff = backoff == 0 ? 1 : std::min(64u, backoff * 2);
      serial_left = backoff;
    } else {
      backoff = 0;
    }
  }
  store.clear();  // the next block's fast path writes State directly
}

// In block order on this thread: plain transfers in place, others through
// execute_transaction, looking up ahead like the parallel passes (the objects
// of a block of shared transfers are mostly not in the cache; under heavy
// contention, when windows run here, they are, and the look-ahead costs its
// hashing only).
void ParallelExecutor::Impl::serial_window(State& state, std::span<const ParsedTransaction> block,
                                           std::span<const size_t> idx,
                                           const std::vector<Prechecks>& pre,
                                           std::vector<Receipt>& receipts) {
  store.clear();  // everything it held has been written back; State is current
  DirectReader reader(state);
  TxEffects& fx = slots[0].fx;
  constexpr size_t kAhead = 4;
  for (size_t k = 0; k < idx.size(); ++k) {
    if (k + 2 * kAhead < idx.size()) prefetch_lookups(state, *block[idx[k + 2 * kAhead]].tx, false);
    if (k + kAhead < idx.size()) prefetch_lookups(state, *block[idx[k + kAhead]].tx, true);
    const size_t i = idx[k];
    const Transaction& tx = *block[i].tx;
    if (const auto plain = apply_plain_transfer(state, tx)) {
      state.mark_object_dirty(plain->first->id);
      state.mark_object_dirty(plain->second->id);
      state.mark_nonce_dirty(tx.sender);
    } else {
      receipts[i] = execute_transaction(tx, pre[i], reader, fx);
      if (receipts[i].ok()) apply_effects(state, tx, fx);
    }
    if (latency.sampled(i)) latency.add(latency.now_us());
  }
}

void ParallelExecutor::Impl::speculate(State& state, const Transaction& tx, const Prechecks& pre,
                                       Slot& s) {
  s.seen.clear();
  s.nonce_slot = nullptr;
  SnapshotReader reader(state, s);
  s.receipt = execute_transaction(tx, pre, reader, s.fx);
}

// Publishes a transaction that read only current values. Objects it found are
// updated in place; creations, deletions, first nonces and nullifiers change
// the maps (safe: publishing is single-threaded). Note commitments are
// appended later, in block order.
void ParallelExecutor::Impl::publish(State& state, const Transaction& tx, Slot& s) {
  for (auto& [id, value] : s.fx.writes) {
    Object* slot = value ? s.seen_entry(id) : nullptr;
    if (slot) {
      *slot = std::move(*value);
      state.mark_object_dirty(id);
    } else if (value) {
      state.put_object(*value);
    } else {
      state.erase_object(id);
    }
  }
  if (s.nonce_slot) {
    *s.nonce_slot = tx.nonce + 1;
    state.mark_nonce_dirty(tx.sender);
  } else {
    state.set_nonce(tx.sender, tx.nonce + 1);
  }
  for (const auto& n : s.fx.nullifiers) state.add_nullifier(n);
}

// Commits an independent transaction (no key in common with any other of its
// window) at once, in place, from a task of the window's parallel pass: no
// other transaction of the window reads or writes its keys, so its outcome is
// the serial order's whenever it runs within the window. Returns false, having
// speculated into `s`, when its effects change a map's structure (creation,
// deletion, first nonce, nullifiers, note commitments): those are published by
// the in-order pass like any valid transaction.
bool ParallelExecutor::Impl::commit_independent(State& state, const Transaction& tx,
                                                const Prechecks& pre, Slot& s, Receipt& receipt,
                                                LaneChunk& out) {
  if (const auto plain = apply_plain_transfer(state, tx)) {
    s.fx.clear();
    out.dirty_objects.push_back(plain->first->id);
    out.dirty_objects.push_back(plain->second->id);
    out.dirty_nonces.push_back(tx.sender);
    return true;  // receipt: left as the plain success it starts as
  }
  speculate(state, tx, pre, s);
  if (!s.receipt.ok()) {
    receipt = std::move(s.receipt);
    return true;
  }
  if (!s.nonce_slot || !s.fx.nullifiers.empty() || !s.fx.commitments.empty()) return false;
  for (const auto& [id, value] : s.fx.writes)
    if (!value || !s.seen_entry(id)) return false;
  for (auto& [id, value] : s.fx.writes) {
    *s.seen_entry(id) = std::move(*value);
    out.dirty_objects.push_back(id);
  }
  *s.nonce_slot = tx.nonce + 1;
  out.dirty_nonces.push_back(tx.sender);
  receipt = std::move(s.receipt);
  return true;
}

// One window of the round engine. First, in parallel, every transaction's
// keys (objects, sender, nullifiers: all it may read or write); then one
// in-order pass finds the keys named by more than one of them. A transaction
// none of whose keys is repeated is independent: it commutes with the rest of
// the window, so the parallel pass that follows commits it at once, in place
// (commit_independent), while the others execute speculatively against State
// as of the window start (they read none of the keys being committed).
//
// Then rounds over the pending transactions (the others, and independent ones
// whose effects change a map's structure). One in-order pass validates: a
// transaction is valid when none of its keys was written by an earlier
// pending transaction of the round — by that one's actual writes if it was
// valid, by every key it might write if it was not (it will execute again).
// Valid transactions saw exactly the values the serial order gives them; they
// are published at once, and their writes are disjoint from the keys of every
// invalid earlier transaction, so those re-execute in the next round
// unaffected. The first pending transaction is always valid, so every round
// makes progress; when most of a round aborts, the rest of the window runs
// serially instead.
size_t ParallelExecutor::Impl::round_window(State& state, std::span<const ParsedTransaction> block,
                                            std::span<const size_t> idx,
                                            const std::vector<Prechecks>& pre,
                                            std::vector<Receipt>& receipts) {
  constexpr size_t kMinParallelRound = 8;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, idx.size(), 64), [&](const auto& r) {
    for (size_t k = r.begin(); k < r.end(); ++k) {
      const Transaction& tx = *block[idx[k]].tx;
      Slot& s = slots[k];
      s.keys.clear();
      for_each_touched_object(tx, [&](const ObjectId& id) { s.keys.push_back(id); });
      s.keys.push_back(tx.sender);
      for (const auto& op : tx.ops)
        if (op.type == OpType::kPrivateTransfer)
          s.keys.insert(s.keys.end(), op.private_transfer->nullifiers.begin(),
                        op.private_transfer->nullifiers.end());
      s.key_tags.clear();
      for (const Hash32& key : s.keys) s.key_tags.push_back(repeats.tag(key));
    }
  });
  repeats.clear();
  for (size_t k = 0; k < idx.size(); ++k)
    for (uint64_t t : slots[k].key_tags) repeats.add(t);
  const size_t chunks = std::min(lane.size(), (idx.size() + 31) / 32);
  const size_t per_chunk = (idx.size() + chunks - 1) / chunks;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks, 1), [&](const auto& r) {
    for (size_t c = r.begin(); c < r.end(); ++c) {
      LaneChunk& out = lane[c];
      out.reset();
      const size_t lo = std::min(idx.size(), c * per_chunk);
      const size_t hi = std::min(idx.size(), lo + per_chunk);
      constexpr size_t kAhead = 4;
      for (size_t k = lo; k < hi; ++k) {
        if (k + 2 * kAhead < hi) prefetch_lookups(state, *block[idx[k + 2 * kAhead]].tx, false);
        if (k + kAhead < hi) prefetch_lookups(state, *block[idx[k + kAhead]].tx, true);
        const size_t i = idx[k];
        const Transaction& tx = *block[i].tx;
        Slot& s = slots[k];
        s.independent = true;
        for (uint64_t t : s.key_tags)
          if (repeats.repeated(t)) s.independent = false;
        s.done = s.independent && commit_independent(state, tx, pre[i], s, receipts[i], out);
        if (s.done) {
          ++out.committed;
          if (latency.sampled(i)) out.latency_us.push_back(latency.now_us());
        } else if (!s.independent) {
          speculate(state, tx, pre[i], s);
        }
      }
    }
  });
  for (size_t c = 0; c < chunks; ++c) {
    const LaneChunk& out = lane[c];
    state.mark_objects_dirty(out.dirty_objects);
    state.mark_nonces_dirty(out.dirty_nonces);
    latency.add(out.latency_us);
    round_commits += out.committed;
    stats.independent += out.committed;
  }
  pending.clear();
  for (size_t k = 0; k < idx.size(); ++k)
    if (!slots[k].done) pending.push_back(k);
  size_t aborts = 0;
  for (;;) {
    written.clear();
    next_pending.clear();
    for (size_t k : pending) {
      Slot& s = slots[k];
      bool stale = false;
      for (const Hash32& key : s.keys) stale = stale || written.contains(key);
      if (stale) {
        for (const Hash32& key : s.keys) written.insert(key);
        next_pending.push_back(k);
        continue;
      }
      const Transaction& tx = *block[idx[k]].tx;
      if (s.receipt.ok()) {
        for (const auto& w : s.fx.writes) written.insert(w.first);
        written.insert(tx.sender);
        for (const auto& n : s.fx.nullifiers) written.insert(n);
        publish(state, tx, s);
      }
      receipts[idx[k]] = std::move(s.receipt);
      if (latency.sampled(idx[k]) && s.fx.commitments.empty()) latency.add(latency.now_us());
      ++round_commits;
    }
    const size_t round_size = pending.size();
    aborts += next_pending.size();
    round_aborts += next_pending.size();
    pending.swap(next_pending);
    if (pending.empty()) break;
    round_retries += pending.size();
    if (pending.size() < kMinParallelRound ||
        static_cast<double>(pending.size()) >
            opt.serial_abort_ratio * static_cast<double>(round_size)) {
      // Too few left, or most of the round aborted: finish in order, serially.
      for (size_t k : pending) {
        const Transaction& tx = *block[idx[k]].tx;
        Slot& s = slots[k];
        speculate(state, tx, pre[idx[k]], s);
        if (s.receipt.ok()) publish(state, tx, s);
        receipts[idx[k]] = std::move(s.receipt);
        if (latency.sampled(idx[k]) && s.fx.commitments.empty()) latency.add(latency.now_us());
        ++round_commits;
      }
      break;
    }
    ++stats.reexecution_rounds;
    tbb::parallel_for(tbb::blocked_range<size_t>(0, pending.size(), 16), [&](const auto& r) {
      for (size_t j = r.begin(); j < r.end(); ++j) {
        const size_t k = pending[j];
        speculate(state, *block[idx[k]].tx, pre[idx[k]], slots[k]);
      }
    });
  }
  // Note commitments in block order (nothing reads the tree within a block).
  for (size_t k = 0; k < idx.size(); ++k)
    if (receipts[idx[k]].ok())
      for (const auto& c : slots[k].fx.commitments) state.append_note(c);
  for (size_t k = 0; k < idx.size(); ++k)
    if (latency.sampled(idx[k]) && !slots[k].fx.commitments.empty()) latency.add(latency.now_us());
  return aborts;
}

void ParallelExecutor::Impl::execute_slot(const Transaction& tx, const Prechecks& pre,
                                          const State& state, Slot& s) {
  s.txn.reads.clear();
  s.txn.writes.clear();
  MvccReader reader(store, state, s);
  s.receipt = execute_transaction(tx, pre, reader, s.fx);
}

Store::Txn& ParallelExecutor::Impl::build_writes(const Transaction& tx, Slot& s) {
  s.txn.writes.clear();
  if (!s.receipt.ok()) return s.txn;  // read-only: its reads still need validating
  for (auto& [id, value] : s.fx.writes) {
    StateValue v;
    v.object = std::move(value);
    s.txn.writes.emplace_back(s.object_handle(id), std::move(v));
  }
  StateValue nv;
  nv.nonce = tx.nonce + 1;
  s.txn.writes.emplace_back(s.nonce, std::move(nv));
  for (const auto& nul : s.fx.nullifiers) {
    for (const auto& [k, h] : s.nullifiers)
      if (k == nul) {
        StateValue sv;
        sv.spent = true;
        s.txn.writes.emplace_back(h, std::move(sv));
      }
  }
  return s.txn;
}

size_t ParallelExecutor::Impl::optimistic_window(State& state,
                                                 std::span<const ParsedTransaction> block,
                                                 std::span<const size_t> idx,
                                                 const std::vector<Prechecks>& pre,
                                                 std::vector<Receipt>& receipts) {
  // Declare every key the window can touch, with its current value as base.
  for (size_t k = 0; k < idx.size(); ++k) {
    const Transaction& tx = *block[idx[k]].tx;
    Slot& s = slots[k];
    s.objects.clear();
    s.nullifiers.clear();
    for_each_touched_object(tx, [&](const ObjectId& id) {
      Store::Handle h = store.declare_lazy(StateKey{kObjectKey, id}, [&] {
        StateValue v;
        if (const Object* o = state.find_object(id)) v.object = *o;
        return v;
      });
      s.objects.emplace_back(id, h);
    });
    s.nonce = store.declare_lazy(StateKey{kNonceKey, tx.sender}, [&] {
      StateValue v;
      v.nonce = state.nonce(tx.sender);
      return v;
    });
    if (tx.is_private()) {
      for (const auto& nul : tx.ops[0].private_transfer->nullifiers) {
        Store::Handle h = store.declare_lazy(StateKey{kNullifierKey, nul}, [&] {
          StateValue v;
          v.spent = state.nullifier_spent(nul);
          return v;
        });
        s.nullifiers.emplace_back(nul, h);
      }
    }
  }
  // Speculate in parallel against the snapshot at the window start.
  const Store::Ts snapshot = store.now();
  tbb::parallel_for(tbb::blocked_range<size_t>(0, idx.size(), 32), [&](const auto& r) {
    for (size_t k = r.begin(); k < r.end(); ++k) {
      slots[k].txn.start = snapshot;
      execute_slot(*block[idx[k]].tx, pre[idx[k]], state, slots[k]);
    }
  });
  // Validate and commit in block order; re-execute what read stale versions.
  size_t aborts = 0;
  std::vector<Store::Handle> written;
  for (size_t k = 0; k < idx.size(); ++k) {
    const size_t i = idx[k];
    const Transaction& tx = *block[i].tx;
    Slot& s = slots[k];
    if (store.commit(build_writes(tx, s)) != Store::CommitResult::kCommitted) {
      ++aborts;
      store.record_retry();
      s.txn.start = store.now();
      execute_slot(tx, pre[i], state, s);
      if (store.commit(build_writes(tx, s)) != Store::CommitResult::kCommitted)
        throw Error(ExitCode::kInternal, "consensus path: re-execution failed to commit");
    }
    if (s.receipt.ok()) {
      for (const auto& c : s.fx.commitments) state.append_note(c);
      for (const auto& [h, v] : s.txn.writes) written.push_back(h);
    }
    receipts[i] = std::move(s.receipt);
  }
  // Write the newest versions back to State.
  std::sort(written.begin(), written.end());
  written.erase(std::unique(written.begin(), written.end()), written.end());
  const Store::Ts now = store.now();
  for (Store::Handle h : written) {
    const StateKey& key = store.key(h);
    const StateValue* v = store.read(h, now);
    switch (key.space) {
      case kObjectKey:
        if (v->object)
          state.put_object(*v->object);
        else
          state.erase_object(key.bytes);
        break;
      case kNonceKey:
        state.set_nonce(key.bytes, v->nonce);
        break;
      case kNullifierKey:
        if (v->spent) state.add_nullifier(key.bytes);
        break;
    }
  }
  store.gc(opt.mvcc_keep_versions, written);  // only chains that grew
  // Effects reach State in the write-back above.
  for (size_t i : idx)
    if (latency.sampled(i)) latency.add(latency.now_us());
  return aborts;
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
