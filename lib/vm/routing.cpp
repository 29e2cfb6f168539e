// The routing pass and its early commits: route, build_demotion_set,
// settle_early, close_early_marks (see claim_word.h).
#include <tbb/parallel_for.h>

#include <algorithm>

#include "vm/block_support.h"
#include "vm/parallel_executor_impl.h"

namespace supervm::vm {

using namespace executor_detail;

namespace {

// Sets item.plain (and amount, nonce) for a fast candidate whose hint is filled.
void mark_plain(const Transaction& tx, FastItem& item) {
  const FastHint& h = item.hint;
  item.plain = tx.ops.size() == 1 && tx.ops[0].type == OpType::kTransfer && h.object_count == 2 &&
               h.nonce && h.objects[0] != h.objects[1];
  if (item.plain) {
    item.amount = tx.ops[0].amount;
    item.nonce = tx.nonce;
  }
}

// The entries of a one-transfer transaction's two objects, as far as
// fast_candidate looked them up, so that the consensus path need not look
// them up again.
struct TransferLookup {
  State::ObjectEntry* entry[2] = {nullptr, nullptr};
  bool looked[2] = {false, false};
};

// Fast path: every object exists before the block and is owned by the sender,
// or is created (as the sender's own) under an id not in use.
bool fast_candidate(State& state, const Transaction& tx, FastHint& hint, TransferLookup& seen) {
  hint.object_count = 0;
  auto owned_by_sender = [&](const ObjectId& id, int transfer_end = -1) {
    State::ObjectEntry* e = state.find_object_entry(id);
    if (transfer_end >= 0 && tx.ops.size() == 1) {
      seen.entry[transfer_end] = e;
      seen.looked[transfer_end] = true;
    }
    Object* o = e ? &e->object : nullptr;
    if (!o || o->kind != ObjectKind::kOwned || !equal32(o->owner, tx.sender)) return false;
    if (hint.object_count < FastHint::kObjects) hint.objects[hint.object_count++] = o;
    return true;
  };
  for (size_t i = 0; i < tx.ops.size(); ++i) {
    const Operation& op = tx.ops[i];
    switch (op.type) {
      case OpType::kCreate:
        if (op.kind != ObjectKind::kOwned || !equal32(op.owner, tx.sender)) return false;
        if (state.find_object(derive_object_id(tx.sender, tx.nonce, static_cast<uint32_t>(i))))
          return false;
        break;
      case OpType::kTransfer:
        if (!owned_by_sender(op.object, 0) || !owned_by_sender(op.to, 1)) return false;
        break;
      case OpType::kPrivateTransfer:
        return false;
      default:
        if (!owned_by_sender(op.object)) return false;
    }
  }
  hint.nonce = state.find_nonce_entry(tx.sender);
  return true;
}

}  // namespace

// The routing pass, from the state before the block: rejects what fails
// the signature stage or did not parse (keeping the receipts in the chunks,
// for write_rejections), sends each transaction to its path,
// commits early what it can (see claim_key), and hands the other fast
// candidates to their partitions' buckets.
ParallelExecutor::Impl::RouteCounts ParallelExecutor::Impl::route(
    State& state, std::span<const ParsedTransaction> block, std::span<const ErrorKind> sigs,
    std::vector<Path>& path) {
  const size_t n = block.size();
  // The lookups are cache misses in maps far larger than the cache: prefetch
  // the slots of the entries 2*kAhead ahead, and their values kAhead ahead
  // (past the end of the routing chunk too: the block is read-only, and the
  // look-ahead would otherwise restart empty in each of the chunks).
  constexpr size_t kAhead = 8;
  auto prefetch = [&](size_t i, bool value) {
    if (block[i].tx) prefetch_lookups(state, *block[i].tx, value);
  };
  const bool route_here = route_on_this_thread();
  // Early commits (see claim_key).
  stamp = g_block_stamp.fetch_add(1, std::memory_order_relaxed) + 1;
  auto record_early = [&](RoutingChunk& rc, const FastItem& item, bool consensus,
                          std::array<uint64_t*, 3> words) {
    const FastHint& h = item.hint;
    const size_t k = rc.early.size();
    rc.early_objects[2 * k] = h.objects[0]->id;
    rc.early_objects[2 * k + 1] = h.objects[1]->id;
    rc.early_nonces[k] = item.tx->sender;
    rc.early.push_back(item);
    rc.early_consensus.push_back(consensus);
    rc.early_words.push_back(words);
    if (latency.sampled(item.index))
      rc.early_sampled.push_back(static_cast<uint32_t>(rc.early.size() - 1));
  };
  // A fast candidate: committed early when its chunk may, else handed to
  // its partition's bucket.
  auto commit_fast_early = [&](RoutingChunk& rc, uint64_t mine, const FastItem& item) {
    const FastHint& h = item.hint;
    if (!h.nonce) return false;
    switch (claim_key(h.nonce->claim, mine)) {
      case Claim::kOther:
        rc.contended.push_back(&h.nonce->claim);
        return false;
      case Claim::kDeferred:
        return false;
      case Claim::kMine:
        break;
    }
    if (!item.plain || !apply_checked_transfer(*h.objects[0], *h.objects[1], h.nonce->next,
                                               item.nonce, item.amount)) {
      defer_key(h.nonce->claim);
      return false;
    }
    record_early(rc, item, false, {&h.nonce->claim, nullptr, nullptr});
    ++rc.fast_early;
    return true;
  };
  // A consensus or privacy transaction: claims its keys; committed early
  // when it is a plain transfer between two shared objects and the chunk
  // may, else left to the consensus phase.
  auto commit_consensus_early = [&](RoutingChunk& rc, uint64_t mine, const Transaction& tx,
                                    size_t i, const TransferLookup& seen) {
    bool early = true;
    rc.claimed.clear();
    auto claim = [&](uint64_t& word) {
      switch (claim_key(word, mine)) {
        case Claim::kOther:
          rc.contended.push_back(&word);
          early = false;
          break;
        case Claim::kDeferred:
          early = false;
          break;
        case Claim::kMine:
          rc.claimed.push_back(&word);
          break;
      }
    };
    State::NonceEntry* nonce = state.find_nonce_entry(tx.sender);
    if (nonce)
      claim(nonce->claim);
    else
      early = false;
    State::ObjectEntry* from = nullptr;
    State::ObjectEntry* to = nullptr;
    const bool transfer = !tx.is_private() && tx.ops.size() == 1 &&
                          tx.ops[0].type == OpType::kTransfer &&
                          !equal32(tx.ops[0].object, tx.ops[0].to);
    if (transfer) {
      from = seen.looked[0] ? seen.entry[0] : state.find_object_entry(tx.ops[0].object);
      to = seen.looked[1] ? seen.entry[1] : state.find_object_entry(tx.ops[0].to);
      if (from) claim(from->claim);
      if (to) claim(to->claim);
      early = early && from && to && from->object.kind == ObjectKind::kShared &&
              to->object.kind == ObjectKind::kShared;
    } else {
      early = false;
      for_each_touched_object(tx, [&](const ObjectId& id) {
        if (State::ObjectEntry* e = state.find_object_entry(id)) claim(e->claim);
      });
    }
    if (early &&
        apply_checked_transfer(from->object, to->object, nonce->next, tx.nonce, tx.ops[0].amount)) {
      FastItem item;
      item.tx = &tx;
      item.hint.objects[0] = &from->object;
      item.hint.objects[1] = &to->object;
      item.hint.nonce = nonce;
      item.hint.object_count = 2;
      item.index = static_cast<uint32_t>(i);
      item.plain = true;
      item.amount = tx.ops[0].amount;
      item.nonce = tx.nonce;
      record_early(rc, item, true, {&nonce->claim, &from->claim, &to->claim});
      return true;
    }
    for (uint64_t* word : rc.claimed) defer_key(*word);
    return false;
  };
  // The block is routed in `chunks` fixed slices; each commits what it can
  // early, hands its other fast candidates to their partitions' buckets and
  // counts its paths, so that no serial pass over the block is needed to
  // build the partitions.
  const size_t parts = partitions.size();
  const size_t per_chunk = (n + chunks - 1) / chunks;
  auto reset_chunk = [&](size_t c, size_t lo) {
    RoutingChunk& rc = route_chunks[c];
    rc.mark_base = lo;
    rc.early_objects = early_object_room.data() + 2 * lo;
    rc.early_nonces = early_nonce_room.data() + lo;
    rc.fast = rc.slow = rc.priv = rc.rejected = 0;
    for (auto& keys : rc.slow_keys) keys.clear();
    rc.fast_early = 0;
    rc.early.clear();
    rc.early_consensus.clear();
    rc.early_words.clear();
    rc.early_sampled.clear();
    rc.contended.clear();
    rc.slow_idx.clear();
    rc.rejections.clear();
    for (size_t p = 0; p < parts; ++p) buckets[c * parts + p].clear();
  };
  // Routes block[lo, hi) as chunk c (after reset_chunk(c)).
  auto route_range = [&](size_t c, size_t lo, size_t hi) {
    RoutingChunk& rc = route_chunks[c];
    const uint64_t mine = (stamp << kChunkBits) | (c << 2);
    std::vector<FastItem>* out = &buckets[c * parts];
    for (size_t i = lo; i < hi; ++i) {
      if (i + 2 * kAhead < n) prefetch(i + 2 * kAhead, false);
      if (i + kAhead < n) prefetch(i + kAhead, true);
      if (auto rej = early_rejection(block[i], sigs[i])) {
        rc.rejections.emplace_back(static_cast<uint32_t>(i), std::move(*rej));
        path[i] = Path::kRejected;
        ++rc.rejected;
        continue;
      }
      const Transaction& tx = *block[i].tx;
      FastItem item;
      TransferLookup seen;
      if (!tx.is_private() && fast_candidate(state, tx, item.hint, seen)) {
        item.tx = &tx;
        item.index = static_cast<uint32_t>(i);
        mark_plain(tx, item);
        path[i] = Path::kFast;
        if (commit_fast_early(rc, mine, item)) continue;
        std::vector<FastItem>& bucket = out[partition_of(tx.sender)];
        bucket.push_back(item);
        // The chunk fills `parts` buckets at once, more store streams than
        // the hardware prefetcher follows: ask for the bucket's next line
        // now, ~parts transactions before it is written (one bucket is one
        // stream, which the hardware handles better alone).
        if (parts > 1) prefetch_for_write(bucket.data() + bucket.size());
        ++rc.fast;
        continue;
      }
      if (tx.is_private()) {
        path[i] = Path::kPrivacy;
        ++rc.priv;
      } else {
        path[i] = Path::kConsensus;
        ++rc.slow;
      }
      if (commit_consensus_early(rc, mine, tx, i, seen)) path[i] = Path::kConsensusEarly;
      rc.slow_idx.push_back(static_cast<uint32_t>(i));
    }
  };
  if (route_here) {
    // On one thread the whole block is one chunk: nothing is contended.
    for (size_t c = 0; c < chunks; ++c) reset_chunk(c, c == 0 ? 0 : n);
    route_range(0, 0, n);
  } else {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks, 1), [&](const auto& r) {
      for (size_t c = r.begin(); c < r.end(); ++c) {
        const size_t lo = std::min(n, c * per_chunk);
        reset_chunk(c, lo);
        route_range(c, lo, std::min(n, lo + per_chunk));
      }
    });
  }
  RouteCounts counts;
  for (const RoutingChunk& rc : route_chunks) {
    counts.fast += rc.fast;
    counts.fast_early += rc.fast_early;
    counts.early += rc.early.size();
    counts.consensus += rc.slow;
    counts.privacy += rc.priv;
    counts.rejected += rc.rejected;
  }
  return counts;
}

// Writes the receipts of the transactions the routing pass rejected.
void ParallelExecutor::Impl::write_rejections(std::vector<Receipt>& receipts) {
  for (RoutingChunk& rc : route_chunks)
    for (auto& [i, receipt] : rc.rejections) {
      receipts[i] = std::move(receipt);
      if (latency.sampled(i)) latency.add(latency.now_us());
    }
}

// Demotion: keep fast transactions disjoint from every other path. One
// set of every sender and object of the other paths: a fast transaction
// meeting any of them (as sender or object) is demoted with its sender's
// other transactions (settle_early finds those senders; run_fast and
// settle_early move their transactions). Sharing one set for senders and
// objects can only demote more, which is always safe.
void ParallelExecutor::Impl::build_demotion_set(std::span<const ParsedTransaction> block) {
  const bool route_here = route_on_this_thread();
  // The keys of each chunk's non-fast transactions, by shard. Collected
  // here, only for a block that has fast candidates too: in the routing
  // pass, writing them cost two threads ~0.7 ms per block of 20,000
  // shared transfers (bench_vm ConsensusPath1pct/2), for nothing.
  auto collect = [&](size_t c) {
    RoutingChunk& rc = route_chunks[c];
    for (auto& keys : rc.slow_keys) keys.clear();
    constexpr size_t kAhead = 4;
    for (size_t k = 0; k < rc.slow_idx.size(); ++k) {
      if (k + kAhead < rc.slow_idx.size()) {
        const Transaction& ahead = *block[rc.slow_idx[k + kAhead]].tx;
        if (!ahead.ops.empty()) __builtin_prefetch(ahead.ops.data());
      }
      const Transaction& tx = *block[rc.slow_idx[k]].tx;
      rc.slow_keys[slow_keys.shard_of(tx.sender)].push_back(tx.sender);
      for_each_touched_object(
          tx, [&](const ObjectId& id) { rc.slow_keys[slow_keys.shard_of(id)].push_back(id); });
    }
  };
  if (route_here) {
    collect(0);
  } else {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks, 1), [&](const auto& r) {
      for (size_t c = r.begin(); c < r.end(); ++c) collect(c);
    });
  }
  size_t keys = 0;
  for (const RoutingChunk& rc : route_chunks)
    for (const auto& shard_keys : rc.slow_keys) keys += shard_keys.size();
  slow_keys.reset(keys);
  auto fill = [&](size_t s) {
    for (const RoutingChunk& rc : route_chunks) {
      const std::vector<Hash32>& keys = rc.slow_keys[s];
      for (size_t k = 0; k < keys.size(); ++k) {
        if (k + 8 < keys.size()) slow_keys.prefetch(keys[k + 8]);
        slow_keys.insert(keys[k]);
      }
    }
  };
  const size_t shards = slow_keys.shard_count();
  if (shards == 1) {
    fill(0);
  } else {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, shards, 1), [&](const auto& r) {
      for (size_t s = r.begin(); s < r.end(); ++s) fill(s);
    });
  }
}

// Fills demoted_senders (fast senders meeting another path, for run_fast)
// and undoes the early commits that must not stay (see claim_key): a fast
// one whose sender is demoted takes the consensus path, another fast one goes
// back to its bucket, in block order, to run in the fast phase with the
// sender's other candidates; a consensus one runs in the consensus phase.
// Samples the latency of the early commits that stay. Returns how many items
// went back to the buckets.
size_t ParallelExecutor::Impl::settle_early(State& state, std::vector<Path>& path) {
  demoted_senders.clear();
  const size_t parts = partitions.size();
  for (RoutingChunk& rc : route_chunks) rc.demoted.clear();
  if (slow_keys.size() > 0) {
    auto meets_slow = [&](const Transaction& tx) {
      bool hit = slow_keys.contains(tx.sender);
      if (!hit)
        for_each_touched_object(tx,
                                [&](const ObjectId& id) { hit = hit || slow_keys.contains(id); });
      return hit;
    };
    tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks, 1), [&](const auto& r) {
      for (size_t c = r.begin(); c < r.end(); ++c) {
        RoutingChunk& rc = route_chunks[c];
        // An early commit's keys are its dirty marks: read them there, in
        // sequence, rather than through its transaction.
        for (size_t k = 0; k < rc.early.size(); ++k) {
          if (rc.early_consensus[k]) continue;
          const PublicKey& sender = rc.early_nonces[k];
          if (slow_keys.contains(sender) || slow_keys.contains(rc.early_objects[2 * k]) ||
              slow_keys.contains(rc.early_objects[2 * k + 1]))
            rc.demoted.push_back(sender);
        }
        for (size_t pi = 0; pi < parts; ++pi)
          for (const FastItem& item : buckets[c * parts + pi])
            if (meets_slow(*item.tx)) rc.demoted.push_back(item.tx->sender);
      }
    });
    for (const RoutingChunk& rc : route_chunks)
      for (const PublicKey& k : rc.demoted) demoted_senders.insert(k);
  }
  // Taint seeds, each handed to the chunk that claimed the key: the demoted
  // senders' nonces, and the contended keys that a chunk earlier in block
  // order than the claimant met. A key met only by later chunks stays
  // untainted: their transactions naming it did not commit early, so they
  // run after every early commit, and they come after them in block order.
  for (RoutingChunk& rc : route_chunks) rc.seeds.clear();
  bool tainted = false;
  auto seed = [&](uint64_t& word, size_t met_by) {
    const size_t owner = claiming_chunk(word, stamp);
    if (owner == kNoChunk || owner < met_by) return;
    route_chunks[owner].seeds.push_back(&word);
    tainted = true;
  };
  // The words are in State entries, cache misses each: ask for all of them
  // before reading any.
  for (const RoutingChunk& rc : route_chunks)
    for (const uint64_t* word : rc.contended) __builtin_prefetch(word);
  for (size_t c = 0; c < chunks; ++c)
    for (uint64_t* word : route_chunks[c].contended) seed(*word, c);
  for (const RoutingChunk& rc : route_chunks)
    for (const PublicKey& k : rc.demoted)
      if (State::NonceEntry* e = state.find_nonce_entry(k)) seed(e->claim, 0);
  size_t requeued = 0;
  if (tainted) {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks, 1), [&](const auto& r) {
      for (size_t c = r.begin(); c < r.end(); ++c) {
        RoutingChunk& rc = route_chunks[c];
        rc.undone = rc.undone_fast = rc.early_demoted = 0;
        rc.requeue.clear();
        if (rc.seeds.empty()) continue;
        rc.undone_mark.assign(rc.early.size(), 0);
        TaintFilter& filter = rc.taint_filter;
        filter.clear();
        auto taint = [&](uint64_t* word) {
          mark_key(*word, kTaintedBit);
          filter.add(word);
        };
        for (uint64_t* word : rc.seeds) taint(word);
        // In block order: an early commit naming a tainted key taints its
        // other keys (the words are this chunk's: it claimed them).
        for (size_t k = 0; k < rc.early.size(); ++k) {
          const std::array<uint64_t*, 3>& words = rc.early_words[k];
          if (std::none_of(words.begin(), words.end(),
                           [&](uint64_t* w) { return w && filter.may_hold(w) && key_tainted(*w); }))
            continue;
          for (uint64_t* w : words)
            if (w) taint(w);
          rc.undone_mark[k] = 1;
          ++rc.undone;
        }
        if (rc.undone == 0) continue;
        // Newest first: each undo finds its objects and nonce as it left them.
        for (size_t k = rc.early.size(); k-- > 0;) {
          if (!rc.undone_mark[k]) continue;
          const FastItem& item = rc.early[k];
          const FastHint& h = item.hint;
          undo_checked_transfer(*h.objects[0], *h.objects[1], h.nonce->next, item.nonce,
                                item.amount);
          if (rc.early_consensus[k]) {
            path[item.index] = Path::kConsensus;
            continue;
          }
          ++rc.undone_fast;
          if (demoted_senders.size() > 0 && demoted_senders.contains(item.tx->sender)) {
            path[item.index] = Path::kConsensus;
            ++rc.early_demoted;
          } else {
            rc.requeue.push_back(item);
          }
        }
        // Back into the buckets, in block order.
        std::reverse(rc.requeue.begin(), rc.requeue.end());
        for (size_t pi = 0; pi < parts && !rc.requeue.empty(); ++pi) {
          std::vector<FastItem>& bucket = buckets[c * parts + pi];
          std::vector<FastItem> merged;
          merged.reserve(bucket.size() + rc.requeue.size());
          auto in_pi = [&](const FastItem& item) { return partition_of(item.tx->sender) == pi; };
          auto b = bucket.begin();
          for (const FastItem& item : rc.requeue) {
            if (!in_pi(item)) continue;
            for (; b != bucket.end() && b->index < item.index; ++b) merged.push_back(*b);
            merged.push_back(item);
          }
          merged.insert(merged.end(), b, bucket.end());
          bucket.swap(merged);
        }
      }
    });
    for (const RoutingChunk& rc : route_chunks) {
      requeued += rc.requeue.size();
      stats.early_undone += rc.undone;
      stats.demoted += rc.early_demoted;
    }
  }
  for (RoutingChunk& rc : route_chunks) {
    if (!tainted) rc.undone = rc.undone_fast = 0;
    stats.early += rc.early.size();
    stats.fast += rc.fast_early - rc.undone_fast;
  }
  // An early commit is final now.
  if (opt.latency_sample_every) {
    const float now = latency.now_us();
    for (const RoutingChunk& rc : route_chunks) {
      size_t kept = rc.early_sampled.size();
      if (rc.undone > 0)
        for (uint32_t k : rc.early_sampled) kept -= rc.undone_mark[k];
      latency.add(now, kept);
    }
  }
  return requeued;
}

// The routing chunks wrote the early commits' marks into the block's room in
// State's dirty lists, each in its own part, from its first transaction's
// position. Closes the gaps (transactions not committed early) below the
// number of marks with the marks above it, last first, and gives back the
// rest of the room: it moves no more marks than there are gaps. Marks of an
// undone early commit stay: a mark only makes the root reread an entry.
void ParallelExecutor::Impl::close_early_marks(State& state) noexcept {
  size_t total = 0;
  for (const RoutingChunk& rc : route_chunks) total += rc.early.size();
  // The parts hold marks at [mark_base, mark_base + early.size()), in
  // ascending order of chunk.
  size_t src_chunk = chunks, src_lo = 0, src_hi = 0;  // marks above `total` not yet moved
  auto fill = [&](size_t lo, size_t hi) {
    while (lo < hi) {
      while (src_lo == src_hi) {
        const RoutingChunk& rc = route_chunks[--src_chunk];
        src_hi = rc.mark_base + rc.early.size();
        src_lo = std::max(rc.mark_base, std::min(total, src_hi));
      }
      const size_t len = std::min(hi - lo, src_hi - src_lo);
      src_hi -= len;
      std::copy_n(early_nonce_room.data() + src_hi, len, early_nonce_room.data() + lo);
      std::copy_n(early_object_room.data() + 2 * src_hi, 2 * len,
                  early_object_room.data() + 2 * lo);
      lo += len;
    }
  };
  size_t at = 0;
  for (const RoutingChunk& rc : route_chunks) {
    if (at >= total) break;
    if (rc.early.empty()) continue;
    if (rc.mark_base > at) fill(at, std::min(rc.mark_base, total));
    at = rc.mark_base + rc.early.size();
  }
  if (at < total) fill(at, total);
  const size_t unused = early_nonce_room.size() - total;
  state.drop_dirty_marks(2 * unused, unused);
  early_object_room = {};
  early_nonce_room = {};
}

}  // namespace supervm::vm
