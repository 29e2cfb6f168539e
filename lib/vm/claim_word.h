// Claim words: how the routing pass's chunks take keys (objects, sender
// nonces) for the block, so that a plain transfer can commit early, and how
// settle_early finds the early commits that must be undone. Internal to the
// parallel executor.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace supervm::vm::executor_detail {

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
inline std::atomic<uint64_t> g_block_stamp{0};

enum class Claim { kMine, kDeferred, kOther };

// Relaxed order is enough: the claim only makes one chunk the writer of the
// key's entry during routing, and the phases after routing start once every
// chunk has finished.
inline Claim claim_key(uint64_t& word, uint64_t mine) {
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
inline void mark_key(uint64_t& word, uint64_t bit) {
  std::atomic_ref<uint64_t> w(word);
  w.store(w.load(std::memory_order_relaxed) | bit, std::memory_order_relaxed);
}

// Once claim_key gave kMine: the chunk commits no more transactions naming
// this key early.
inline void defer_key(uint64_t& word) {
  mark_key(word, kDeferredBit);
}

inline bool key_tainted(const uint64_t& word) {
  return std::atomic_ref<const uint64_t>(word).load(std::memory_order_relaxed) & kTaintedBit;
}

constexpr size_t kNoChunk = SIZE_MAX;

// The routing chunk that claimed the key in the block with this stamp, or
// kNoChunk.
inline size_t claiming_chunk(const uint64_t& word, uint64_t stamp) {
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

}  // namespace supervm::vm::executor_detail
