// The fast phase: each partition runs its senders' transactions in block
// order, in place (run_fast), then the dirty marks go to State
// (merge_dirty_marks).
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>

#include "vm/parallel_executor_impl.h"

namespace supervm::vm {

using namespace executor_detail;

namespace {

// Walks one partition's items through its buckets (one per routing chunk) as
// one sequence, so that a cursor running ahead for prefetching crosses bucket
// boundaries too (a bucket holds ~n / chunks / partitions items: restarting
// the look-ahead in each would leave a tenth of them unprefetched).
class ItemCursor {
 public:
  ItemCursor(const std::vector<FastItem>* first, size_t stride, size_t count)
      : bucket_(first), stride_(stride), left_(count) {
    settle();
  }
  const FastItem* get() const { return left_ ? &(*bucket_)[j_] : nullptr; }
  void next() {
    if (!left_) return;
    ++j_;
    settle();
  }
  void skip(size_t k) {
    for (size_t i = 0; i < k; ++i) next();
  }

 private:
  // Moves past exhausted buckets.
  void settle() {
    while (left_ && j_ >= bucket_->size()) {
      j_ = 0;
      if (--left_) bucket_ += stride_;
    }
  }
  const std::vector<FastItem>* bucket_;
  size_t stride_;
  size_t left_;  // buckets not yet exhausted, including the current one
  size_t j_ = 0;
};

// Reads State directly; objects created or deleted in this partition live in
// its overlay until the merge, because inserting into the shared map from
// several threads is not safe while updating existing entries in place is
// (partitions touch disjoint objects).
class FastReader final : public StateReader {
 public:
  FastReader(State& s, FastPartition& p) : s_(s), p_(p) {}
  void begin_tx(const FastHint& hint) {
    seen_count_ = 0;
    nonce_slot_ = nullptr;
    hint_ = &hint;
  }
  const Object* object(const ObjectId& id) override {
    if (!p_.overlay.empty()) {
      auto it = p_.overlay.find(id);
      if (it != p_.overlay.end()) return it->second ? &*it->second : nullptr;
    }
    Object* o = nullptr;
    for (size_t i = 0; i < hint_->object_count && !o; ++i)
      if (equal32(hint_->objects[i]->id, id)) o = hint_->objects[i];
    if (!o) o = s_.find_object_mut(id);
    if (o && seen_count_ < kSeen) seen_[seen_count_++] = o;
    return o;
  }
  uint64_t nonce(const PublicKey& k) override {
    nonce_slot_ = hint_->nonce ? &hint_->nonce->next : s_.find_nonce_mut(k);
    if (nonce_slot_) return *nonce_slot_;
    auto it = p_.new_nonces.find(k);
    return it == p_.new_nonces.end() ? 0 : it->second;
  }
  bool nullifier_spent(const Hash32& n) override { return s_.nullifier_spent(n); }
  bool root_known(const Hash32& r) override { return s_.root_known(r); }

  void apply(const Transaction& tx, TxEffects& fx) {
    for (auto& [id, value] : fx.writes) {
      auto it = p_.overlay.empty() ? p_.overlay.end() : p_.overlay.find(id);
      if (it != p_.overlay.end()) {
        it->second = std::move(value);
      } else if (Object* slot = value ? state_slot(id) : nullptr) {
        *slot = std::move(*value);
      } else {
        p_.overlay.emplace(id, std::move(value));
      }
      p_.dirty_objects.push_back(id);
    }
    if (nonce_slot_)
      *nonce_slot_ = tx.nonce + 1;
    else if (uint64_t* n = s_.find_nonce_mut(tx.sender))
      *n = tx.nonce + 1;
    else
      p_.new_nonces[tx.sender] = tx.nonce + 1;
    p_.dirty_nonces.push_back(tx.sender);
  }

 private:
  // The State entry of an object this transaction read (pointers into the map
  // stay valid: nobody inserts or erases during the fast phase).
  Object* state_slot(const ObjectId& id) {
    for (size_t i = 0; i < seen_count_; ++i)
      if (equal32(seen_[i]->id, id)) return seen_[i];
    return s_.find_object_mut(id);
  }
  static constexpr size_t kSeen = 4;
  Object* seen_[kSeen];
  size_t seen_count_ = 0;
  uint64_t* nonce_slot_ = nullptr;
  const FastHint* hint_ = nullptr;
  State& s_;
  FastPartition& p_;
};

// Operations that can change what routing found about an object (owned by the
// sender, present in State): a fast partition that ran one can no longer take
// its plain items' hints on trust.
bool may_change_kind_or_owner(const Transaction& tx) {
  for (const Operation& op : tx.ops)
    if (op.type != OpType::kTransfer && op.type != OpType::kSetData) return true;
  return false;
}

}  // namespace

void ParallelExecutor::Impl::run_fast(State& state, std::vector<Path>& path,
                                      std::vector<Receipt>& receipts) {
  const size_t parts = partitions.size();
  // affinity_partitioner: a partition (hence its senders' objects and
  // nonces) tends to run on the same thread block after block, so that State
  // entries stay in that core's cache instead of crossing to the other core.
  tbb::parallel_for(
      tbb::blocked_range<size_t>(0, parts, 1),
      [&](const auto& r) {
        for (size_t pi = r.begin(); pi < r.end(); ++pi) {
          FastPartition& p = partitions[pi];
          FastReader reader(state, p);
          // The items are dense, but what they point to is scattered (a
          // partition takes every partitions-th transaction of the block, so
          // the hardware prefetcher cannot follow): prefetch 4 ahead the
          // objects and the nonce found while routing, and for an item that
          // is not plain the transaction 8 ahead and its operation 4 ahead.
          ItemCursor cur(&buckets[pi], parts, chunks), ahead4 = cur, ahead8 = cur;
          ahead4.skip(4);
          ahead8.skip(8);
          for (; cur.get(); cur.next(), ahead4.next(), ahead8.next()) {
            if (const FastItem* a = ahead8.get(); a && !a->plain)
              prefetch_bytes(a->tx, offsetof(Transaction, ops) + sizeof(a->tx->ops));
            if (const FastItem* a = ahead4.get()) {
              for (size_t o = 0; o < a->hint.object_count; ++o)
                prefetch_bytes<true>(a->hint.objects[o], State::kObjectFixedBytes);
              if (a->hint.nonce) prefetch_for_write(a->hint.nonce);
              if (!a->plain && !a->tx->ops.empty())
                prefetch_bytes(a->tx->ops.data(), offsetof(Operation, amount) + sizeof(uint64_t));
            }
            const FastItem& item = *cur.get();
            const size_t i = item.index;
            const FastHint& h = item.hint;
            // A plain item whose hints hold runs without its transaction:
            // the source is owned by the sender, so its owner is the sender.
            const bool trusted = item.plain && p.hints_hold;
            const PublicKey& sender = trusted ? h.objects[0]->owner : item.tx->sender;
            if (demoted_senders.size() > 0 && demoted_senders.contains(sender)) {
              path[i] = Path::kConsensus;
              ++p.demoted;
              continue;
            }
            ++p.txs;
            if (!p.fallen_senders.empty() &&
                std::find(p.fallen_senders.begin(), p.fallen_senders.end(), sender) !=
                    p.fallen_senders.end()) {
              p.fallback.push_back(i);
              continue;
            }
            if (trusted) {
              // try_simple_transfer's checks, less those routing settled
              // (one transfer, distinct objects named by the operation, both
              // owned by the sender, so neither immutable).
              Object& from = *h.objects[0];
              Object& to = *h.objects[1];
              if (apply_checked_transfer(from, to, h.nonce->next, item.nonce, item.amount)) {
                p.dirty_objects.push_back(from.id);
                p.dirty_objects.push_back(to.id);
                p.dirty_nonces.push_back(sender);
                if (latency.sampled(i)) p.latency_us.push_back(latency.now_us());
                continue;
              }
            }
            const Transaction& tx = *item.tx;
            // A plain transfer between two objects found while routing is
            // applied in place (the overlay must be empty: an object the
            // partition deleted or created would not be the hinted entry).
            if (h.object_count == 2 && h.nonce && p.overlay.empty() &&
                try_simple_transfer(tx, *h.objects[0], *h.objects[1], h.nonce->next)) {
              p.dirty_objects.push_back(tx.ops[0].object);
              p.dirty_objects.push_back(tx.ops[0].to);
              p.dirty_nonces.push_back(tx.sender);
            } else {
              reader.begin_tx(h);
              Receipt rc = execute_transaction(tx, Prechecks{}, reader, p.fx);
              if (!rc.ok() && falls_back(rc.error)) {
                p.fallen_senders.push_back(tx.sender);
                p.fallback.push_back(i);
                continue;
              }
              if (rc.ok()) {
                reader.apply(tx, p.fx);
                if (may_change_kind_or_owner(tx)) p.hints_hold = false;
              }
              // receipts[i] starts as a plain success: leave it untouched
              // then, so the threads do not write neighbouring receipts
              // (false sharing).
              if (!rc.ok() || !rc.created.empty()) receipts[i] = std::move(rc);
            }
            if (latency.sampled(i)) p.latency_us.push_back(latency.now_us());
          }
        }
      },
      fast_affinity);
  // Structural changes (rare), on one thread.
  for (auto& p : partitions) {
    for (auto& [id, value] : p.overlay) {
      if (value)
        state.put_object(*value);
      else
        state.erase_object(id);
    }
    for (const auto& [k, n] : p.new_nonces) state.set_nonce(k, n);
    for (size_t i : p.fallback) {
      path[i] = Path::kConsensus;
      ++stats.fallbacks;
    }
    stats.fast += p.txs - p.fallback.size();
    stats.demoted += p.demoted;
  }
  if (opt.latency_sample_every) {
    // Creations, deletions and first nonces reach State only in the merge
    // above: count such a partition's transactions as committed now.
    const float merged = latency.now_us();
    for (auto& p : partitions) {
      if (!p.overlay.empty() || !p.new_nonces.empty())
        for (float& t : p.latency_us) t = merged;
      latency.add(p.latency_us);
    }
  }
}

// Copies the dirty marks of the fast phase's partitions (one entry per write)
// into State, from all threads.
void ParallelExecutor::Impl::merge_dirty_marks(State& state) {
  struct Marks {
    std::span<const ObjectId> objects;
    std::span<const PublicKey> nonces;
    size_t object_at, nonce_at;
  };
  std::vector<Marks> marks;
  marks.reserve(partitions.size() + route_chunks.size());
  size_t objects = 0, nonces = 0;
  auto add = [&](std::span<const ObjectId> o, std::span<const PublicKey> k) {
    marks.push_back({o, k, objects, nonces});
    objects += o.size();
    nonces += k.size();
  };
  for (const FastPartition& p : partitions) add(p.dirty_objects, p.dirty_nonces);
  std::span<ObjectId> object_marks = state.add_dirty_objects(objects);
  std::span<PublicKey> nonce_marks = state.add_dirty_nonces(nonces);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, marks.size(), 1), [&](const auto& r) {
    for (size_t m = r.begin(); m < r.end(); ++m) {
      std::copy(marks[m].objects.begin(), marks[m].objects.end(),
                object_marks.begin() + static_cast<ptrdiff_t>(marks[m].object_at));
      std::copy(marks[m].nonces.begin(), marks[m].nonces.end(),
                nonce_marks.begin() + static_cast<ptrdiff_t>(marks[m].nonce_at));
    }
  });
}

}  // namespace supervm::vm
