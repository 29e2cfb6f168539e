// The parallel executor's demotion set. Internal to the parallel executor.
#pragma once

#include <cstdint>
#include <cstring>
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
  // Empties the set and sizes its filters for about `keys` keys.
  void reset(size_t keys) {
    // ~64 bits per key, one hash: a key not in the set passes the filter
    // with probability ~1/64. Each shard has its own filter, so that the
    // tasks filling the shards set bits with plain stores (a shared filter
    // took an atomic OR per key).
    const size_t per_shard = (keys + shards_.size() - 1) / shards_.size();
    unsigned log2 = 12;
    while ((size_t{1} << log2) < per_shard * 64 && log2 < 30) ++log2;
    shift_ = 64 - log2;
    for (Shard& s : shards_) {
      s.set.clear();
      s.filter.assign(size_t{1} << (log2 - 6), 0);
    }
    filtered_ = true;
  }
  void prefetch(const Hash32& k) const {
    const Shard& s = shards_[shard_of(k)];
    s.set.prefetch(k);
    __builtin_prefetch(&s.filter[filter_bit(k) >> 6], 1);
  }
  // Inserts into shard shard_of(k); different shards may be filled at the
  // same time.
  void insert(const Hash32& k) {
    Shard& s = shards_[shard_of(k)];
    s.set.insert(k);
    const uint64_t bit = filter_bit(k);
    s.filter[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  // Most keys not in the set are turned away by the filter (a few KB to a
  // few hundred KB, which stays in the cache), without a probe of their shard.
  bool contains(const Hash32& k) const {
    if (!filtered_) return false;
    const Shard& s = shards_[shard_of(k)];
    const uint64_t bit = filter_bit(k);
    if (!((s.filter[bit >> 6] >> (bit & 63)) & 1)) return false;
    return s.set.contains(k);
  }
  size_t size() const {
    size_t n = 0;
    for (const Shard& s : shards_) n += s.set.size();
    return n;
  }
  void clear() {
    for (Shard& s : shards_) {
      s.set.clear();
      s.filter.clear();
    }
    filtered_ = false;
  }

 private:
  // The filter's bit for a key: one multiply of 8 of its bytes (not the
  // ones shard_of reads) with the seed, where id_hash mixes all 32 in four
  // dependent rounds; three lookups per fast transaction made that hashing
  // most of the demotion check (bench_vm Mix80_20). Keys that share those
  // bytes share a bit: they pass the filter together and are then looked up
  // in the shard, which hashes all of the key. That costs time, never a
  // wrong answer, and ids and public keys cannot be chosen to collide there
  // short of a 64-bit search.
  uint64_t filter_bit(const Hash32& k) const {
    uint64_t w;
    std::memcpy(&w, k.data() + 8, sizeof w);
    return ((w ^ seed_) * 0x9E3779B97F4A7C15ull) >> shift_;
  }
  // Aligned so that two tasks filling neighbouring shards share no line.
  struct alignas(64) Shard {
    IdSet set;
    std::vector<uint64_t> filter;  // one bit per filter_bit(key)
  };
  std::vector<Shard> shards_;
  bool filtered_ = false;  // reset() since the last clear()
  unsigned shift_ = 64;
  uint64_t seed_;
};

}  // namespace supervm::vm::executor_detail
