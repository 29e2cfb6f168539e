#include "vm/set_commitment.h"

#include <tbb/parallel_for.h>

#include <algorithm>

#include "vm/crypto.h"

namespace supervm::vm {

SetCommitment::SetCommitment(std::string domain, unsigned bucket_bits)
    : domain_(std::move(domain) + "/b" + std::to_string(bucket_bits)),
      bucket_tag_(domain_ + "/bucket"),
      node_tag_(domain_ + "/node"),
      bits_(bucket_bits) {
  size_t n = size_t{1} << bits_;
  buckets_.resize(n);
  nodes_.resize(2 * n);
  // Empty tree: every node at a level has the same hash.
  Hash32 level_hash = bucket_hash({});
  for (size_t width = n; width >= 1; width /= 2) {
    std::fill(nodes_.begin() + width, nodes_.begin() + 2 * width, level_hash);
    level_hash = hash_pair(node_tag_, level_hash, level_hash);
  }
}

Hash32 SetCommitment::bucket_hash(const std::vector<Entry>& bucket) const {
  Blake2b h(bucket_tag_);
  h.update_u64(bucket.size());
  for (const auto& e : bucket) h.update(e.key.data(), 32).update(e.value.data(), 32);
  return h.finish();
}

void SetCommitment::update(bool parallel) {
  if (staged_.empty()) return;
  // Last change per key wins: stable sort by key, keep the last of each run.
  std::stable_sort(staged_.begin(), staged_.end(),
                   [](const auto& a, const auto& b) { return less32(a.first, b.first); });
  auto bucket_of = [&](const Hash32& k) {
    uint32_t top = (uint32_t{k[0]} << 24) | (uint32_t{k[1]} << 16) | (uint32_t{k[2]} << 8) | k[3];
    return bits_ == 0 ? 0u : top >> (32 - bits_);
  };
  std::vector<uint32_t> dirty;
  for (size_t i = 0; i < staged_.size(); ++i) {
    if (i + 1 < staged_.size() && equal32(staged_[i + 1].first, staged_[i].first)) continue;
    const auto& [key, value] = staged_[i];
    uint32_t b = bucket_of(key);
    auto& bucket = buckets_[b];
    auto it = std::lower_bound(bucket.begin(), bucket.end(), key,
                               [](const Entry& e, const Hash32& k) { return less32(e.key, k); });
    bool present = it != bucket.end() && equal32(it->key, key);
    if (value) {
      if (present)
        it->value = *value;
      else {
        bucket.insert(it, Entry{key, *value});
        ++size_;
      }
    } else if (present) {
      bucket.erase(it);
      --size_;
    }
    if (dirty.empty() || dirty.back() != b) dirty.push_back(b);  // keys sorted => buckets sorted
  }
  staged_.clear();
  const size_t n = size_t{1} << bits_;
  auto rehash_buckets = [&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) nodes_[n + dirty[i]] = bucket_hash(buckets_[dirty[i]]);
  };
  if (parallel && dirty.size() > 256) {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, dirty.size(), 128),
                      [&](const auto& r) { rehash_buckets(r.begin(), r.end()); });
  } else {
    rehash_buckets(0, dirty.size());
  }
  // Walk up level by level; `dirty` holds sorted node indices of the level below.
  std::vector<size_t> level(dirty.size());
  for (size_t i = 0; i < dirty.size(); ++i) level[i] = n + dirty[i];
  while (level.front() > 1) {
    std::vector<size_t> parents;
    parents.reserve(level.size());
    for (size_t x : level)
      if (parents.empty() || parents.back() != x / 2) parents.push_back(x / 2);
    auto hash_parents = [&](size_t lo, size_t hi) {
      for (size_t i = lo; i < hi; ++i) {
        size_t p = parents[i];
        nodes_[p] = hash_pair(node_tag_, nodes_[2 * p], nodes_[2 * p + 1]);
      }
    };
    if (parallel && parents.size() > 256) {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, parents.size(), 128),
                        [&](const auto& r) { hash_parents(r.begin(), r.end()); });
    } else {
      hash_parents(0, parents.size());
    }
    level.swap(parents);
  }
}

}  // namespace supervm::vm
