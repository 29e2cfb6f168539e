// A multi-version key-value store for optimistic concurrency control.
//
// Every key has a chain of versions, newest first, each stamped with the commit
// timestamp that wrote it. Readers read as of a snapshot timestamp and never
// block writers; a transaction records the version of every key it read and,
// at commit, is rejected if any of them was overwritten since (read-write
// conflict) or if a key it writes gained a newer version than its start
// (write-write conflict). Commits are serialised and stamped with increasing
// timestamps. gc() keeps the newest N versions of each key and never drops a
// version that an open Snapshot can still see.
//
// Threading: read(), begin(), get(), put() and commit() may run concurrently
// (commit takes a mutex and publishes versions with release stores). declare(),
// gc() and clear() change the key set or free versions and must not run
// concurrently with anything else. The key set is fixed between declare()s,
// which is what makes the lock-free reads safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace supervm::vm {

struct MvccStats {
  uint64_t commits = 0;           // transactions committed
  uint64_t aborts = 0;            // commits rejected for a conflict
  uint64_t retries = 0;           // re-executions after an abort (reported by the caller)
  uint64_t versions_created = 0;  // versions written by commits
  uint64_t versions_collected = 0;
  uint64_t live_versions = 0;  // versions currently held, including base versions
};

template <class K, class V, class Hash = std::hash<K>>
class MvccStore {
 public:
  using Ts = uint64_t;
  using Handle = uint32_t;

  enum class CommitResult { kCommitted, kReadConflict, kWriteConflict };

  // A registered reader: versions visible at ts() survive gc() while it is open.
  class Snapshot {
   public:
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;
    Snapshot(Snapshot&& o) noexcept : store_(o.store_), ts_(o.ts_) { o.store_ = nullptr; }
    Snapshot& operator=(Snapshot&& o) noexcept {
      if (this != &o) {
        if (store_) store_->release(ts_);
        store_ = o.store_;
        ts_ = o.ts_;
        o.store_ = nullptr;
      }
      return *this;
    }
    ~Snapshot() {
      if (store_) store_->release(ts_);
    }
    Ts ts() const { return ts_; }

   private:
    friend class MvccStore;
    Snapshot(MvccStore* s, Ts ts) : store_(s), ts_(ts) {}
    MvccStore* store_;
    Ts ts_;
  };

  struct Txn {
    Ts start = 0;
    std::vector<std::pair<Handle, Ts>> reads;  // key, version read
    std::vector<std::pair<Handle, V>> writes;  // key, new value (last one per key wins)

    void reset(Ts s) {
      start = s;
      reads.clear();
      writes.clear();
    }
  };

  MvccStore() = default;
  MvccStore(const MvccStore&) = delete;
  MvccStore& operator=(const MvccStore&) = delete;
  ~MvccStore() { clear(); }

  // Adds `key` with a base version at timestamp 0 unless it is already present.
  Handle declare(const K& key, V base) {
    auto [it, inserted] = index_.try_emplace(key, static_cast<Handle>(chains_.size()));
    if (inserted) {
      chains_.emplace_back();
      chains_.back().key = key;
      chains_.back().head.store(new Version{0, std::move(base), nullptr},
                                std::memory_order_relaxed);
      ++live_;
    }
    return it->second;
  }
  // Like declare(), but builds the base value only when the key is new.
  template <class MakeBase>
  Handle declare_lazy(const K& key, MakeBase&& make_base) {
    auto [it, inserted] = index_.try_emplace(key, static_cast<Handle>(chains_.size()));
    if (inserted) {
      chains_.emplace_back();
      chains_.back().key = key;
      chains_.back().head.store(new Version{0, make_base(), nullptr}, std::memory_order_relaxed);
      ++live_;
    }
    return it->second;
  }
  std::optional<Handle> find(const K& key) const {
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  const K& key(Handle h) const { return chains_[h].key; }
  size_t key_count() const { return chains_.size(); }

  // Timestamp of the newest commit; a read at now() sees every committed write.
  Ts now() const { return now_.load(std::memory_order_acquire); }

  Snapshot open_snapshot() {
    std::lock_guard<std::mutex> lock(snap_mu_);
    Ts ts = now();
    open_.insert(ts);
    return Snapshot(this, ts);
  }

  // The newest version with timestamp <= at (nullptr if none); its timestamp in *version_ts.
  const V* read(Handle h, Ts at, Ts* version_ts = nullptr) const {
    for (const Version* v = chains_[h].head.load(std::memory_order_acquire); v; v = v->older) {
      if (v->ts <= at) {
        if (version_ts) *version_ts = v->ts;
        return &v->value;
      }
    }
    return nullptr;
  }
  Ts latest_ts(Handle h) const { return chains_[h].head.load(std::memory_order_acquire)->ts; }

  Txn begin() const {
    Txn t;
    t.start = now();
    return t;
  }
  // Reads through the transaction: its own writes first, then the snapshot at t.start.
  const V* get(Txn& t, Handle h) const {
    for (auto it = t.writes.rbegin(); it != t.writes.rend(); ++it)
      if (it->first == h) return &it->second;
    Ts vts = 0;
    const V* v = read(h, t.start, &vts);
    if (v) t.reads.emplace_back(h, vts);
    return v;
  }
  void put(Txn& t, Handle h, V value) { t.writes.emplace_back(h, std::move(value)); }

  // Validates and, if there is no conflict, installs the writes at a new timestamp.
  CommitResult commit(Txn& t, Ts* commit_ts = nullptr) {
    std::lock_guard<std::mutex> lock(commit_mu_);
    for (const auto& [h, vts] : t.reads) {
      if (latest_ts(h) != vts) {
        ++stats_.aborts;
        return CommitResult::kReadConflict;
      }
    }
    for (const auto& w : t.writes) {
      if (latest_ts(w.first) > t.start) {
        ++stats_.aborts;
        return CommitResult::kWriteConflict;
      }
    }
    Ts ts = now() + 1;
    for (size_t i = 0; i < t.writes.size(); ++i) {
      bool superseded = false;  // a later write to the same key in this transaction wins
      for (size_t j = i + 1; j < t.writes.size() && !superseded; ++j)
        superseded = t.writes[j].first == t.writes[i].first;
      if (superseded) continue;
      auto& chain = chains_[t.writes[i].first];
      Version* v = new Version{ts, std::move(t.writes[i].second),
                               chain.head.load(std::memory_order_relaxed)};
      chain.head.store(v, std::memory_order_release);
      ++stats_.versions_created;
      ++live_;
    }
    now_.store(ts, std::memory_order_release);
    ++stats_.commits;
    if (commit_ts) *commit_ts = ts;
    return CommitResult::kCommitted;
  }

  void record_retry() {
    std::lock_guard<std::mutex> lock(commit_mu_);
    ++stats_.retries;
  }

  // Drops versions beyond the newest `keep_newest` (>= 1) of each key, except
  // any version an open snapshot can see. Returns how many were dropped.
  size_t gc(size_t keep_newest) { return gc_chains(keep_newest, nullptr); }
  // The same, restricted to the given keys (e.g. those written since the last gc).
  size_t gc(size_t keep_newest, const std::vector<Handle>& keys) {
    return gc_chains(keep_newest, &keys);
  }

 private:
  size_t gc_chains(size_t keep_newest, const std::vector<Handle>* only) {
    if (keep_newest == 0) keep_newest = 1;
    std::vector<Ts> snaps;
    {
      std::lock_guard<std::mutex> lock(snap_mu_);
      snaps.assign(open_.begin(), open_.end());
    }
    size_t dropped = 0;
    std::vector<Version*> chain_versions;  // newest first
    const size_t n = only ? only->size() : chains_.size();
    for (size_t ci = 0; ci < n; ++ci) {
      Chain& chain = chains_[only ? (*only)[ci] : ci];
      chain_versions.clear();
      for (Version* v = chain.head.load(std::memory_order_relaxed); v; v = v->older)
        chain_versions.push_back(v);
      Version* last_kept = chain_versions[0];
      Ts newer_ts = chain_versions[0]->ts;
      for (size_t i = 1; i < chain_versions.size(); ++i) {
        Version* v = chain_versions[i];
        const Ts v_ts = v->ts;
        // A snapshot at s sees the newest version with ts <= s, so v is visible
        // exactly to snapshots in [v->ts, ts of the next newer version).
        bool needed = i < keep_newest;
        for (Ts s : snaps) needed = needed || (s >= v_ts && s < newer_ts);
        if (needed) {
          last_kept->older = v;
          last_kept = v;
        } else {
          delete v;
          ++dropped;
          --live_;
        }
        newer_ts = v_ts;
      }
      last_kept->older = nullptr;
    }
    stats_.versions_collected += dropped;
    return dropped;
  }

 public:
  // Drops every key and version (statistics are kept). An empty store
  // returns at once: clearing the index writes every bucket, and the bucket
  // count stays at the largest the store ever held.
  void clear() {
    if (chains_.empty()) return;
    for (auto& chain : chains_) {
      for (Version* v = chain.head.load(std::memory_order_relaxed); v;) {
        Version* next = v->older;
        delete v;
        v = next;
      }
    }
    chains_.clear();
    index_.clear();
    live_ = 0;
  }

  MvccStats stats() const {
    std::lock_guard<std::mutex> lock(commit_mu_);
    MvccStats s = stats_;
    s.live_versions = live_;
    return s;
  }

 private:
  struct Version {
    Ts ts;
    V value;
    Version* older;
  };
  struct Chain {
    K key{};
    std::atomic<Version*> head{nullptr};
    Chain() = default;
    Chain(Chain&& o) noexcept : key(std::move(o.key)), head(o.head.load()) {}
  };

  void release(Ts ts) {
    std::lock_guard<std::mutex> lock(snap_mu_);
    open_.erase(open_.find(ts));
  }

  std::unordered_map<K, Handle, Hash> index_;
  std::deque<Chain> chains_;
  std::atomic<Ts> now_{0};
  mutable std::mutex commit_mu_;
  std::mutex snap_mu_;
  std::multiset<Ts> open_;
  MvccStats stats_;
  uint64_t live_ = 0;
};

}  // namespace supervm::vm
