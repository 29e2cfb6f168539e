// A commitment to a map from 32-byte keys to 32-byte values (object id -> object
// hash, sender -> nonce, nullifier -> spent), updated incrementally.
//
// Structure: 2^b buckets chosen by the first b bits of the key; a bucket's hash
// is BLAKE2b over its entries sorted by key (with the count), and the root is a
// binary Merkle tree over the bucket hashes. The result depends only on the set
// of (key, value) pairs, not on insertion order or thread count. Unlike an XOR
// or sum of leaf hashes (where anyone can find other sets with the same sum,
// e.g. by Wagner's generalised-birthday attack), every node is a collision-
// resistant hash of its children, so two different maps with the same root give
// a BLAKE2b collision. An update re-hashes only dirty buckets and their b
// ancestors. Keys are hash outputs or public keys, so buckets stay small
// (about n / 2^b entries); a sparse Merkle tree inside each bucket would bound
// the cost against keys ground into one bucket.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vm/types.h"

namespace supervm::vm {

class SetCommitment {
 public:
  SetCommitment(std::string domain, unsigned bucket_bits);

  // Records a change (nullopt removes the key); takes effect at update().
  void stage(const Hash32& key, const std::optional<Hash32>& value) {
    staged_.emplace_back(key, value);
  }
  // Applies staged changes (the last one per key wins) and recomputes the root.
  // `parallel` lets large updates use oneTBB (inside the caller's arena).
  void update(bool parallel = true);
  const Hash32& root() const { return nodes_[1]; }
  size_t size() const { return size_; }

 private:
  struct Entry {
    Hash32 key;
    Hash32 value;
  };
  Hash32 bucket_hash(const std::vector<Entry>& bucket) const;

  std::string domain_;
  std::string bucket_tag_, node_tag_;  // domain_ + "/bucket", "/node": built once
  unsigned bits_;
  size_t size_ = 0;
  std::vector<std::vector<Entry>> buckets_;
  std::vector<Hash32> nodes_;  // heap layout: 1 is the root, leaves at [2^b, 2^(b+1))
  std::vector<std::pair<Hash32, std::optional<Hash32>>> staged_;
};

}  // namespace supervm::vm
