// A set of 32-byte keys (object ids, public keys, nullifiers) for the hot loops
// of the executor: open addressing with linear probing in one flat array,
// hashed by id_hash (id_map.h: all 32 bytes, per-set random seed, so that
// keys chosen by transaction authors cannot pile up in one probe run; the
// seed changes only the slot layout, never a result), and clear() in time
// proportional to the number of keys inserted, so that a set reused for every
// window of a block costs nothing to reset.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "vm/id_map.h"
#include "vm/types.h"

namespace supervm::vm {

class IdSet {
 public:
  IdSet() : seed_(random_seed()) { rehash(64); }

  bool contains(const Hash32& key) const {
    for (size_t i = home(key);; i = (i + 1) & mask_) {
      if (!used_[i]) return false;
      if (equal32(keys_[i], key)) return true;
    }
  }
  // Returns true when the key was not present.
  bool insert(const Hash32& key) {
    if ((filled_.size() + 1) * 2 > keys_.size()) rehash(keys_.size() * 2);
    size_t i = home(key);
    for (; used_[i]; i = (i + 1) & mask_)
      if (equal32(keys_[i], key)) return false;
    used_[i] = 1;
    keys_[i] = key;
    filled_.push_back(static_cast<uint32_t>(i));
    return true;
  }
  // For loops that insert or look up ahead: loads the key's home slot.
  void prefetch(const Hash32& key) const {
    const size_t i = home(key);
    __builtin_prefetch(&used_[i], 1);
    __builtin_prefetch(&keys_[i], 1);
  }
  size_t size() const { return filled_.size(); }
  void clear() {
    for (uint32_t i : filled_) used_[i] = 0;
    filled_.clear();
  }

 private:
  size_t home(const Hash32& key) const {
    return static_cast<size_t>(id_hash(key, seed_) >> shift_);
  }
  void rehash(size_t capacity) {
    std::vector<Hash32> old;
    old.reserve(filled_.size());
    for (uint32_t i : filled_) old.push_back(keys_[i]);
    keys_.assign(capacity, Hash32{});
    used_.assign(capacity, 0);
    filled_.clear();
    mask_ = capacity - 1;
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(capacity));
    for (const auto& k : old) insert(k);
  }

  std::vector<Hash32> keys_;
  std::vector<uint8_t> used_;
  std::vector<uint32_t> filled_;  // occupied slots, for clear()
  size_t mask_ = 0;
  unsigned shift_ = 0;
  uint64_t seed_;
};

}  // namespace supervm::vm
