// The consensus phase: serial windows, the round engine, and the reference
// engine on MvccStore.
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>

#include "vm/block_support.h"
#include "vm/parallel_executor_impl.h"

namespace supervm::vm {

using namespace executor_detail;

namespace {

// A plain transfer (one transfer between two existing objects, sender with a
// nonce entry) that try_simple_transfer accepts, applied in place without
// building effects; returns the objects written (source, destination), or
// nullopt having changed nothing. The receipt is the plain success receipts
// start as. Valid where the transaction sees State as the serial order would
// (its signature already checked).
std::optional<std::pair<Object*, Object*>> apply_plain_transfer(State& state,
                                                                const Transaction& tx) {
  if (tx.ops.size() != 1 || tx.ops[0].type != OpType::kTransfer) return std::nullopt;
  Object* from = state.find_object_mut(tx.ops[0].object);
  Object* to = from ? state.find_object_mut(tx.ops[0].to) : nullptr;
  uint64_t* nonce = to ? state.find_nonce_mut(tx.sender) : nullptr;
  if (!nonce || !try_simple_transfer(tx, *from, *to, *nonce)) return std::nullopt;
  return std::pair{from, to};
}

// Reads the multi-version store as of txn.start, recording every version read.
class MvccReader final : public StateReader {
 public:
  MvccReader(const Store& store, const State& state, Slot& slot)
      : store_(store), state_(state), slot_(slot) {}
  const Object* object(const ObjectId& id) override {
    const StateValue* v = read(slot_.object_handle(id));
    return v && v->object ? &*v->object : nullptr;
  }
  uint64_t nonce(const PublicKey&) override {
    const StateValue* v = read(slot_.nonce);
    return v ? v->nonce : 0;
  }
  bool nullifier_spent(const Hash32& n) override {
    for (const auto& [k, h] : slot_.nullifiers)
      if (k == n) {
        const StateValue* v = read(h);
        return v && v->spent;
      }
    throw Error(ExitCode::kInternal, "consensus path: nullifier not declared");
  }
  // The root history changes only between blocks.
  bool root_known(const Hash32& r) override { return state_.root_known(r); }

 private:
  const StateValue* read(Store::Handle h) {
    Store::Ts vts = 0;
    const StateValue* v = store_.read(h, slot_.txn.start, &vts);
    slot_.txn.reads.emplace_back(h, vts);
    return v;
  }
  const Store& store_;
  const State& state_;
  Slot& slot_;
};

// Round engine: reads State as of the start of the round (nobody writes it
// while a round executes), remembering the entries it found.
class SnapshotReader final : public StateReader {
 public:
  SnapshotReader(State& state, Slot& slot) : state_(state), slot_(slot) {}
  const Object* object(const ObjectId& id) override {
    Object* o = state_.find_object_mut(id);
    slot_.seen.emplace_back(id, o);
    return o;
  }
  uint64_t nonce(const PublicKey& k) override {
    slot_.nonce_slot = state_.find_nonce_mut(k);
    return slot_.nonce_slot ? *slot_.nonce_slot : 0;
  }
  bool nullifier_spent(const Hash32& n) override { return state_.nullifier_spent(n); }
  bool root_known(const Hash32& r) override { return state_.root_known(r); }

 private:
  State& state_;
  Slot& slot_;
};

}  // namespace

// `early`: consensus-path transactions of the block committed early. The
// others are mostly those that meet each other, so their aborts are weighed
// against the block's whole consensus path when choosing serial windows.
void ParallelExecutor::Impl::run_consensus(State& state, std::span<const ParsedTransaction> block,
                                           const std::vector<size_t>& slow, size_t early,
                                           const std::vector<Prechecks>& pre,
                                           std::vector<Receipt>& receipts) {
  const size_t w = opt.consensus_window;
  const double weight =
      slow.empty() ? 1.0
                   : static_cast<double>(slow.size() + early) / static_cast<double>(slow.size());
  // When early commits took nearly all of the consensus path, the rest are
  // mostly transactions that name each other's keys (that is why they were
  // left): optimism would mostly abort, so they run in order here.
  const bool remainder = early >= kSerialRemainder * slow.size();
  for (size_t start = 0; start < slow.size(); start += w) {
    std::span<const size_t> idx(slow.data() + start, std::min(w, slow.size() - start));
    if (remainder || serial_left > 0 || threads == 1) {
      if (serial_left > 0 && !remainder) --serial_left;
      serial_window(state, block, idx, pre, receipts);
      ++stats.serial_windows;
      continue;
    }
    size_t aborts = opt.consensus_engine == ExecutorOptions::ConsensusEngine::kRounds
                        ? round_window(state, block, idx, pre, receipts)
                        : optimistic_window(state, block, idx, pre, receipts);
    ++stats.optimistic_windows;
    if (static_cast<double>(aborts) >
        opt.serial_abort_ratio * static_cast<double>(idx.size()) * weight) {
      backoff = backoff == 0 ? 1 : std::min(64u, backoff * 2);
      serial_left = backoff;
    } else {
      backoff = 0;
    }
  }
  store.clear();  // the next block's fast path writes State directly
}

// In block order on this thread: plain transfers in place, others through
// execute_transaction, looking up ahead like the parallel passes (the objects
// of a block of shared transfers are mostly not in the cache; under heavy
// contention, when windows run here, they are, and the look-ahead costs its
// hashing only).
void ParallelExecutor::Impl::serial_window(State& state, std::span<const ParsedTransaction> block,
                                           std::span<const size_t> idx,
                                           const std::vector<Prechecks>& pre,
                                           std::vector<Receipt>& receipts) {
  store.clear();  // everything it held has been written back; State is current
  DirectReader reader(state);
  TxEffects& fx = slots[0].fx;
  for (size_t k = 0; k < idx.size(); ++k) {
    prefetch_picked(state, block, idx, k, idx.size());
    const size_t i = idx[k];
    const Transaction& tx = *block[i].tx;
    if (const auto plain = apply_plain_transfer(state, tx)) {
      state.mark_object_dirty(plain->first->id);
      state.mark_object_dirty(plain->second->id);
      state.mark_nonce_dirty(tx.sender);
    } else {
      receipts[i] = execute_transaction(tx, pre[i], reader, fx);
      if (receipts[i].ok()) apply_effects(state, tx, fx);
    }
    if (latency.sampled(i)) latency.add(latency.now_us());
  }
}

void ParallelExecutor::Impl::speculate(State& state, const Transaction& tx, const Prechecks& pre,
                                       Slot& s) {
  s.seen.clear();
  s.nonce_slot = nullptr;
  SnapshotReader reader(state, s);
  s.receipt = execute_transaction(tx, pre, reader, s.fx);
}

// Publishes a transaction that read only current values. Objects it found are
// updated in place; creations, deletions, first nonces and nullifiers change
// the maps (safe: publishing is single-threaded). Note commitments are
// appended later, in block order.
void ParallelExecutor::Impl::publish(State& state, const Transaction& tx, Slot& s) {
  for (auto& [id, value] : s.fx.writes) {
    Object* slot = value ? s.seen_entry(id) : nullptr;
    if (slot) {
      *slot = std::move(*value);
      state.mark_object_dirty(id);
    } else if (value) {
      state.put_object(*value);
    } else {
      state.erase_object(id);
    }
  }
  if (s.nonce_slot) {
    *s.nonce_slot = tx.nonce + 1;
    state.mark_nonce_dirty(tx.sender);
  } else {
    state.set_nonce(tx.sender, tx.nonce + 1);
  }
  for (const auto& n : s.fx.nullifiers) state.add_nullifier(n);
}

// Commits an independent transaction (no key in common with any other of its
// window) at once, in place, from a task of the window's parallel pass: no
// other transaction of the window reads or writes its keys, so its outcome is
// the serial order's whenever it runs within the window. Returns false, having
// speculated into `s`, when its effects change a map's structure (creation,
// deletion, first nonce, nullifiers, note commitments): those are published by
// the in-order pass like any valid transaction.
bool ParallelExecutor::Impl::commit_independent(State& state, const Transaction& tx,
                                                const Prechecks& pre, Slot& s, Receipt& receipt,
                                                LaneChunk& out) {
  if (const auto plain = apply_plain_transfer(state, tx)) {
    s.fx.clear();
    out.dirty_objects.push_back(plain->first->id);
    out.dirty_objects.push_back(plain->second->id);
    out.dirty_nonces.push_back(tx.sender);
    return true;  // receipt: left as the plain success it starts as
  }
  speculate(state, tx, pre, s);
  if (!s.receipt.ok()) {
    receipt = std::move(s.receipt);
    return true;
  }
  if (!s.nonce_slot || !s.fx.nullifiers.empty() || !s.fx.commitments.empty()) return false;
  for (const auto& [id, value] : s.fx.writes)
    if (!value || !s.seen_entry(id)) return false;
  for (auto& [id, value] : s.fx.writes) {
    *s.seen_entry(id) = std::move(*value);
    out.dirty_objects.push_back(id);
  }
  *s.nonce_slot = tx.nonce + 1;
  out.dirty_nonces.push_back(tx.sender);
  receipt = std::move(s.receipt);
  return true;
}

// One window of the round engine. First, in parallel, every transaction's
// keys (objects, sender, nullifiers: all it may read or write); then one
// in-order pass finds the keys named by more than one of them. A transaction
// none of whose keys is repeated is independent: it commutes with the rest of
// the window, so the parallel pass that follows commits it at once, in place
// (commit_independent), while the others execute speculatively against State
// as of the window start (they read none of the keys being committed).
//
// Then rounds over the pending transactions (the others, and independent ones
// whose effects change a map's structure). One in-order pass validates: a
// transaction is valid when none of its keys was written by an earlier
// pending transaction of the round — by that one's actual writes if it was
// valid, by every key it might write if it was not (it will execute again).
// Valid transactions saw exactly the values the serial order gives them; they
// are published at once, and their writes are disjoint from the keys of every
// invalid earlier transaction, so those re-execute in the next round
// unaffected. The first pending transaction is always valid, so every round
// makes progress; when most of a round aborts, the rest of the window runs
// serially instead.
size_t ParallelExecutor::Impl::round_window(State& state, std::span<const ParsedTransaction> block,
                                            std::span<const size_t> idx,
                                            const std::vector<Prechecks>& pre,
                                            std::vector<Receipt>& receipts) {
  constexpr size_t kMinParallelRound = 8;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, idx.size(), 64), [&](const auto& r) {
    for (size_t k = r.begin(); k < r.end(); ++k) {
      const Transaction& tx = *block[idx[k]].tx;
      Slot& s = slots[k];
      s.keys.clear();
      for_each_touched_object(tx, [&](const ObjectId& id) { s.keys.push_back(id); });
      s.keys.push_back(tx.sender);
      for (const auto& op : tx.ops)
        if (op.type == OpType::kPrivateTransfer)
          s.keys.insert(s.keys.end(), op.private_transfer->nullifiers.begin(),
                        op.private_transfer->nullifiers.end());
      s.key_tags.clear();
      for (const Hash32& key : s.keys) s.key_tags.push_back(repeats.tag(key));
    }
  });
  repeats.clear();
  for (size_t k = 0; k < idx.size(); ++k)
    for (uint64_t t : slots[k].key_tags) repeats.add(t);
  const size_t chunks = std::min(lane.size(), (idx.size() + 31) / 32);
  const size_t per_chunk = (idx.size() + chunks - 1) / chunks;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks, 1), [&](const auto& r) {
    for (size_t c = r.begin(); c < r.end(); ++c) {
      LaneChunk& out = lane[c];
      out.reset();
      const size_t lo = std::min(idx.size(), c * per_chunk);
      const size_t hi = std::min(idx.size(), lo + per_chunk);
      for (size_t k = lo; k < hi; ++k) {
        prefetch_picked(state, block, idx, k, hi);
        const size_t i = idx[k];
        const Transaction& tx = *block[i].tx;
        Slot& s = slots[k];
        s.independent = true;
        for (uint64_t t : s.key_tags)
          if (repeats.repeated(t)) s.independent = false;
        s.done = s.independent && commit_independent(state, tx, pre[i], s, receipts[i], out);
        if (s.done) {
          ++out.committed;
          if (latency.sampled(i)) out.latency_us.push_back(latency.now_us());
        } else if (!s.independent) {
          speculate(state, tx, pre[i], s);
        }
      }
    }
  });
  for (size_t c = 0; c < chunks; ++c) {
    const LaneChunk& out = lane[c];
    state.mark_objects_dirty(out.dirty_objects);
    state.mark_nonces_dirty(out.dirty_nonces);
    latency.add(out.latency_us);
    round_commits += out.committed;
    stats.independent += out.committed;
  }
  pending.clear();
  for (size_t k = 0; k < idx.size(); ++k)
    if (!slots[k].done) pending.push_back(k);
  size_t aborts = 0;
  for (;;) {
    written.clear();
    next_pending.clear();
    for (size_t k : pending) {
      Slot& s = slots[k];
      bool stale = false;
      for (const Hash32& key : s.keys) stale = stale || written.contains(key);
      if (stale) {
        for (const Hash32& key : s.keys) written.insert(key);
        next_pending.push_back(k);
        continue;
      }
      const Transaction& tx = *block[idx[k]].tx;
      if (s.receipt.ok()) {
        for (const auto& w : s.fx.writes) written.insert(w.first);
        written.insert(tx.sender);
        for (const auto& n : s.fx.nullifiers) written.insert(n);
        publish(state, tx, s);
      }
      receipts[idx[k]] = std::move(s.receipt);
      if (latency.sampled(idx[k]) && s.fx.commitments.empty()) latency.add(latency.now_us());
      ++round_commits;
    }
    const size_t round_size = pending.size();
    aborts += next_pending.size();
    round_aborts += next_pending.size();
    pending.swap(next_pending);
    if (pending.empty()) break;
    round_retries += pending.size();
    if (pending.size() < kMinParallelRound ||
        static_cast<double>(pending.size()) >
            opt.serial_abort_ratio * static_cast<double>(round_size)) {
      // Too few left, or most of the round aborted: finish in order, serially.
      for (size_t k : pending) {
        const Transaction& tx = *block[idx[k]].tx;
        Slot& s = slots[k];
        speculate(state, tx, pre[idx[k]], s);
        if (s.receipt.ok()) publish(state, tx, s);
        receipts[idx[k]] = std::move(s.receipt);
        if (latency.sampled(idx[k]) && s.fx.commitments.empty()) latency.add(latency.now_us());
        ++round_commits;
      }
      break;
    }
    ++stats.reexecution_rounds;
    tbb::parallel_for(tbb::blocked_range<size_t>(0, pending.size(), 16), [&](const auto& r) {
      for (size_t j = r.begin(); j < r.end(); ++j) {
        const size_t k = pending[j];
        speculate(state, *block[idx[k]].tx, pre[idx[k]], slots[k]);
      }
    });
  }
  // Note commitments in block order (nothing reads the tree within a block).
  for (size_t k = 0; k < idx.size(); ++k)
    if (receipts[idx[k]].ok())
      for (const auto& c : slots[k].fx.commitments) state.append_note(c);
  for (size_t k = 0; k < idx.size(); ++k)
    if (latency.sampled(idx[k]) && !slots[k].fx.commitments.empty()) latency.add(latency.now_us());
  return aborts;
}

void ParallelExecutor::Impl::execute_slot(const Transaction& tx, const Prechecks& pre,
                                          const State& state, Slot& s) {
  s.txn.reads.clear();
  s.txn.writes.clear();
  MvccReader reader(store, state, s);
  s.receipt = execute_transaction(tx, pre, reader, s.fx);
}

Store::Txn& ParallelExecutor::Impl::build_writes(const Transaction& tx, Slot& s) {
  s.txn.writes.clear();
  if (!s.receipt.ok()) return s.txn;  // read-only: its reads still need validating
  for (auto& [id, value] : s.fx.writes) {
    StateValue v;
    v.object = std::move(value);
    s.txn.writes.emplace_back(s.object_handle(id), std::move(v));
  }
  StateValue nv;
  nv.nonce = tx.nonce + 1;
  s.txn.writes.emplace_back(s.nonce, std::move(nv));
  for (const auto& nul : s.fx.nullifiers) {
    for (const auto& [k, h] : s.nullifiers)
      if (k == nul) {
        StateValue sv;
        sv.spent = true;
        s.txn.writes.emplace_back(h, std::move(sv));
      }
  }
  return s.txn;
}

size_t ParallelExecutor::Impl::optimistic_window(State& state,
                                                 std::span<const ParsedTransaction> block,
                                                 std::span<const size_t> idx,
                                                 const std::vector<Prechecks>& pre,
                                                 std::vector<Receipt>& receipts) {
  // Declare every key the window can touch, with its current value as base.
  for (size_t k = 0; k < idx.size(); ++k) {
    const Transaction& tx = *block[idx[k]].tx;
    Slot& s = slots[k];
    s.objects.clear();
    s.nullifiers.clear();
    for_each_touched_object(tx, [&](const ObjectId& id) {
      Store::Handle h = store.declare_lazy(StateKey{kObjectKey, id}, [&] {
        StateValue v;
        if (const Object* o = state.find_object(id)) v.object = *o;
        return v;
      });
      s.objects.emplace_back(id, h);
    });
    s.nonce = store.declare_lazy(StateKey{kNonceKey, tx.sender}, [&] {
      StateValue v;
      v.nonce = state.nonce(tx.sender);
      return v;
    });
    if (tx.is_private()) {
      for (const auto& nul : tx.ops[0].private_transfer->nullifiers) {
        Store::Handle h = store.declare_lazy(StateKey{kNullifierKey, nul}, [&] {
          StateValue v;
          v.spent = state.nullifier_spent(nul);
          return v;
        });
        s.nullifiers.emplace_back(nul, h);
      }
    }
  }
  // Speculate in parallel against the snapshot at the window start.
  const Store::Ts snapshot = store.now();
  tbb::parallel_for(tbb::blocked_range<size_t>(0, idx.size(), 32), [&](const auto& r) {
    for (size_t k = r.begin(); k < r.end(); ++k) {
      slots[k].txn.start = snapshot;
      execute_slot(*block[idx[k]].tx, pre[idx[k]], state, slots[k]);
    }
  });
  // Validate and commit in block order; re-execute what read stale versions.
  size_t aborts = 0;
  std::vector<Store::Handle> written;
  for (size_t k = 0; k < idx.size(); ++k) {
    const size_t i = idx[k];
    const Transaction& tx = *block[i].tx;
    Slot& s = slots[k];
    if (store.commit(build_writes(tx, s)) != Store::CommitResult::kCommitted) {
      ++aborts;
      store.record_retry();
      s.txn.start = store.now();
      execute_slot(tx, pre[i], state, s);
      if (store.commit(build_writes(tx, s)) != Store::CommitResult::kCommitted)
        throw Error(ExitCode::kInternal, "consensus path: re-execution failed to commit");
    }
    if (s.receipt.ok()) {
      for (const auto& c : s.fx.commitments) state.append_note(c);
      for (const auto& [h, v] : s.txn.writes) written.push_back(h);
    }
    receipts[i] = std::move(s.receipt);
  }
  // Write the newest versions back to State.
  std::sort(written.begin(), written.end());
  written.erase(std::unique(written.begin(), written.end()), written.end());
  const Store::Ts now = store.now();
  for (Store::Handle h : written) {
    const StateKey& key = store.key(h);
    const StateValue* v = store.read(h, now);
    switch (key.space) {
      case kObjectKey:
        if (v->object)
          state.put_object(*v->object);
        else
          state.erase_object(key.bytes);
        break;
      case kNonceKey:
        state.set_nonce(key.bytes, v->nonce);
        break;
      case kNullifierKey:
        if (v->spent) state.add_nullifier(key.bytes);
        break;
    }
  }
  store.gc(opt.mvcc_keep_versions, written);  // only chains that grew
  // Effects reach State in the write-back above.
  for (size_t i : idx)
    if (latency.sampled(i)) latency.add(latency.now_us());
  return aborts;
}

}  // namespace supervm::vm
