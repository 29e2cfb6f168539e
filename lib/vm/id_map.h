// A map from 32-byte ids (object ids, public keys) to values, built for the
// executor's inner loop, which does several lookups per transaction in maps
// of 10^5..10^7 entries: one probe of a flat slot array (open addressing,
// linear probing, backward-shift deletion, no tombstones) and one access to
// the value, against three dependent cache misses in a node-based
// std::unordered_map. Each slot holds a 64-bit hash of the key and the
// value's index. The hash (id_hash) mixes all 32 bytes with a per-map random
// seed: transactions name arbitrary ids, and keys that agree on a prefix, or
// were ground against a fixed hash, must not pile up in one probe run. Values
// live in chunks that are never moved, so a value's address is stable until
// it is erased, whatever is inserted meanwhile. Iteration order depends on the
// seed: callers that need an order sort. Entries are cache-line aligned (no
// false sharing between threads updating different values in place).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <utility>
#include <vector>

#include "vm/prefetch.h"
#include "vm/types.h"

namespace supervm::vm {

// A seeded 64-bit hash of a 32-byte key: four multiply-xorshift rounds, each
// word entering a state that already depends on the seed. Not cryptographic;
// enough that colliding keys cannot be chosen without knowing the seed.
inline uint64_t id_hash(const Hash32& key, uint64_t seed) {
  uint64_t w[4];
  std::memcpy(w, key.data(), sizeof w);
  uint64_t h = seed;
  for (uint64_t x : w) {
    h = (h ^ x) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  }
  return h;
}

inline uint64_t random_seed() {
  std::random_device rd;
  return (uint64_t{rd()} << 32) ^ rd();
}

template <class V>
class IdMap {
 public:
  IdMap() : seed_(random_seed()) { resize_slots(1024); }
  IdMap(const IdMap& o) { *this = o; }
  IdMap& operator=(const IdMap& o) {
    if (this == &o) return *this;
    slots_ = o.slots_;
    mask_ = o.mask_;
    shift_ = o.shift_;
    seed_ = o.seed_;
    size_ = o.size_;
    free_ = o.free_;
    next_ = o.next_;
    chunks_.clear();
    for (const auto& c : o.chunks_) {
      chunks_.push_back(std::make_unique<Entry[]>(kChunk));
      for (size_t i = 0; i < kChunk; ++i) chunks_.back()[i] = c[i];
    }
    return *this;
  }
  IdMap(IdMap&&) noexcept = default;
  IdMap& operator=(IdMap&&) noexcept = default;

  size_t size() const { return size_; }

  V* find(const Hash32& key) const {
    const uint64_t tag = id_hash(key, seed_);
    for (size_t i = home(tag);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.index == kEmpty) return nullptr;
      if (s.tag == tag) {
        Entry& e = entry(s.index);
        if (equal32(e.key, key)) return &e.value;
      }
    }
  }
  // Software prefetching for loops that look ahead: prefetch_slot() loads the
  // key's home slot; once that has arrived, prefetch_value() loads the entry
  // it points to (when the key sits in its home slot, the common case): the
  // key and the first `value_bytes` of the value, every cache line of them
  // (an entry spans several lines when V is large, and a line left out is a
  // demand miss later), as writable: the executors that look ahead write the
  // values they find (see prefetch.h).
  void prefetch_slot(const Hash32& key) const {
    __builtin_prefetch(&slots_[home(id_hash(key, seed_))]);
  }
  void prefetch_value(const Hash32& key, size_t value_bytes = sizeof(V)) const {
    const uint64_t tag = id_hash(key, seed_);
    const Slot& s = slots_[home(tag)];
    if (s.index != kEmpty && s.tag == tag) {
      const char* v = reinterpret_cast<const char*>(&entry(s.index));
      const size_t bytes = offsetof(Entry, value) + std::min(value_bytes, sizeof(V));
      for (size_t off = 0; off < bytes; off += 64) prefetch_for_write(v + off);
    }
  }

  // The value for `key`, default-constructed and inserted if absent; .second
  // tells whether it was inserted.
  std::pair<V*, bool> try_emplace(const Hash32& key) {
    if (V* v = find(key)) return {v, false};
    if ((size_ + 1) * 4 > slots_.size() * 3) resize_slots(slots_.size() * 2);
    uint32_t index;
    if (!free_.empty()) {
      index = free_.back();
      free_.pop_back();
    } else {
      index = next_++;
      if ((index / kChunk) >= chunks_.size()) chunks_.push_back(std::make_unique<Entry[]>(kChunk));
    }
    Entry& e = entry(index);
    e.key = key;
    e.value = V{};
    place(Slot{id_hash(key, seed_), index});
    ++size_;
    return {&e.value, true};
  }

  bool erase(const Hash32& key) {
    const uint64_t tag = id_hash(key, seed_);
    size_t i = home(tag);
    for (;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.index == kEmpty) return false;
      if (s.tag == tag && equal32(entry(s.index).key, key)) break;
    }
    entry(slots_[i].index).value = V{};  // release what the value holds
    free_.push_back(slots_[i].index);
    // Backward-shift deletion: move later members of the probe run into the
    // hole when the hole lies between their home and their current slot.
    for (size_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
      if (slots_[j].index == kEmpty) break;
      const size_t h = home(slots_[j].tag);
      if (((j - h) & mask_) >= ((j - i) & mask_)) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i].index = kEmpty;
    --size_;
    return true;
  }

  // f(const Hash32& key, V& value) for every entry, in no particular order.
  template <class F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_)
      if (s.index != kEmpty) {
        Entry& e = entry(s.index);
        f(static_cast<const Hash32&>(e.key), e.value);
      }
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  static constexpr size_t kChunk = 1024;
  struct Slot {
    uint64_t tag = 0;
    uint32_t index = kEmpty;
  };
  // Whole cache lines per entry: the fast path's threads update neighbouring
  // entries (objects and nonces of different senders) at the same time, and
  // shared lines would bounce between their cores.
  struct alignas(64) Entry {
    Hash32 key{};
    V value{};
  };

  size_t home(uint64_t tag) const { return static_cast<size_t>(tag >> shift_); }
  Entry& entry(uint32_t index) const { return chunks_[index / kChunk][index % kChunk]; }
  void place(Slot s) {
    size_t i = home(s.tag);
    while (slots_[i].index != kEmpty) i = (i + 1) & mask_;
    slots_[i] = s;
  }
  void resize_slots(size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(capacity));
    for (const Slot& s : old)
      if (s.index != kEmpty) place(s);
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  unsigned shift_ = 0;
  uint64_t seed_ = 0;
  size_t size_ = 0;
  std::vector<std::unique_ptr<Entry[]>> chunks_;
  std::vector<uint32_t> free_;
  uint32_t next_ = 0;
};

}  // namespace supervm::vm
