// The parallel executor's demotion set. Internal to the parallel executor.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "vm/id_map.h"
#include "vm/id_set.h"
#include "vm/types.h"

namespace supervm::vm::executor_detail {

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

}  // namespace supervm::vm::executor_detail
