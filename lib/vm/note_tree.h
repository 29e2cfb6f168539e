// The note-commitment tree of the privacy path: an append-only binary Merkle
// tree of fixed depth over BLAKE2b ("supervm/note-node/v1" || left || right),
// kept as its frontier (the rightmost filled node per level), so an append and
// the new root cost `depth` hashes and O(depth) memory — the incremental tree
// of Zcash's Sapling note-commitment tree and Tornado Cash's
// MerkleTreeWithHistory. Which hash the production ringct circuit will use is
// decided with that circuit; only this file would change.
#pragma once

#include <cstdint>
#include <vector>

#include "vm/types.h"

namespace supervm::vm {

class NoteTree {
 public:
  static constexpr unsigned kDepth = 32;

  NoteTree();
  // Throws supervm::Error (internal) when all 2^depth leaves are used.
  void append(const Hash32& commitment);
  const Hash32& root() const { return root_; }
  uint64_t size() const { return size_; }
  // Hash of an empty subtree of the given height (0 = an empty leaf).
  static const Hash32& empty_hash(unsigned height);

  bool operator==(const NoteTree&) const = default;

 private:
  uint64_t size_ = 0;
  Hash32 root_;
  std::vector<Hash32> frontier_;  // frontier_[h]: left sibling waiting at height h
};

}  // namespace supervm::vm
