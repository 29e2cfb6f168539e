// The note-commitment tree of the privacy path: an append-only binary Merkle
// tree of fixed depth whose leaves and nodes are BLS12-381 scalars, node =
// Poseidon(left, right) (zk/hash/poseidon.h: poseidonperm_x5_255_3, state
// [0, left, right], output element 1), empty leaf = 0. Every root is thus a
// field element below r, directly usable as the proof's public input [0], and
// the hash is cheap inside a circuit, where membership is proven. Values are
// stored as the 32-byte big-endian canonical encoding (Hash32).
// The tree is kept as its frontier (the rightmost filled node per level), so an
// append and the new root cost `depth` hashes and O(depth) memory — the
// incremental tree of Zcash's Sapling note-commitment tree and Tornado Cash's
// MerkleTreeWithHistory.
#pragma once

#include <cstdint>
#include <vector>

#include "vm/types.h"

namespace supervm::vm {

class NoteTree {
 public:
  static constexpr unsigned kDepth = 32;

  NoteTree();
  // Throws supervm::Error (internal) when all 2^depth leaves are used or the
  // commitment is not a canonical leaf (callers reject those first).
  void append(const Hash32& commitment);
  const Hash32& root() const { return root_; }
  uint64_t size() const { return size_; }
  // Hash of an empty subtree of the given height (0 = an empty leaf, i.e. 0).
  static const Hash32& empty_hash(unsigned height);
  // True iff `value`, read big-endian, is below the BLS12-381 scalar modulus r:
  // the only values a leaf (an output commitment) may take.
  static bool is_canonical(const Hash32& value);
  // The parent of two canonical nodes.
  static Hash32 node(const Hash32& left, const Hash32& right);

  bool operator==(const NoteTree&) const = default;

 private:
  uint64_t size_ = 0;
  Hash32 root_;
  std::vector<Hash32> frontier_;  // frontier_[h]: left sibling waiting at height h
};

}  // namespace supervm::vm
