// Finds which keys of a batch are named more than once, by 64-bit tags of the
// keys (id_hash with the finder's seed): one flat array of tags, linear
// probing, cleared in time proportional to what was added. Two keys with the
// same tag count as one repeated key: a caller may then treat a transaction as
// conflicting that is not, never the other way round.
#pragma once

#include <cstdint>
#include <vector>

#include "vm/id_map.h"
#include "vm/types.h"

namespace supervm::vm {

class RepeatFinder {
 public:
  RepeatFinder() : seed_(random_seed()) { rehash(1024); }

  // The tag of a key (never 0 or 1: those mark empty slots and repeats).
  uint64_t tag(const Hash32& key) const { return id_hash(key, seed_) | 2; }

  // Adds one naming of the key with this tag.
  void add(uint64_t tag) {
    if ((filled_.size() + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
    size_t i = tag >> shift_;
    for (; slots_[i] != 0; i = (i + 1) & mask_)
      if ((slots_[i] | 1) == (tag | 1)) {
        slots_[i] = tag & ~uint64_t{1};  // low bit clear: named again
        return;
      }
    slots_[i] = tag | 1;
    filled_.push_back(static_cast<uint32_t>(i));
  }
  // Whether the key with this tag was added more than once.
  bool repeated(uint64_t tag) const {
    for (size_t i = tag >> shift_; slots_[i] != 0; i = (i + 1) & mask_)
      if ((slots_[i] | 1) == (tag | 1)) return (slots_[i] & 1) == 0;
    return false;
  }
  void clear() {
    for (uint32_t i : filled_) slots_[i] = 0;
    filled_.clear();
  }

 private:
  void rehash(size_t capacity) {
    std::vector<uint64_t> old;
    old.reserve(filled_.size());
    for (uint32_t i : filled_) old.push_back(slots_[i]);
    slots_.assign(capacity, 0);
    filled_.clear();
    mask_ = capacity - 1;
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(capacity));
    for (uint64_t t : old) {
      size_t i = t >> shift_;
      while (slots_[i] != 0) i = (i + 1) & mask_;
      slots_[i] = t;
      filled_.push_back(static_cast<uint32_t>(i));
    }
  }

  std::vector<uint64_t> slots_;
  std::vector<uint32_t> filled_;
  size_t mask_ = 0;
  unsigned shift_ = 0;
  uint64_t seed_;
};

}  // namespace supervm::vm
