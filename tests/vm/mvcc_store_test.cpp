// The multi-version store on its own: snapshots, conflicts, garbage collection
// and statistics, against a simple model.
#include "vm/mvcc_store.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <thread>

namespace supervm::vm {
namespace {

using Store = MvccStore<uint64_t, int>;

TEST(MvccStore, SnapshotReadsSeeTheVersionAtTheirTimestamp) {
  Store s;
  auto a = s.declare(1, 10);
  auto snap0 = s.open_snapshot();
  auto t = s.begin();
  s.put(t, a, 11);
  ASSERT_EQ(s.commit(t), Store::CommitResult::kCommitted);
  auto snap1 = s.open_snapshot();
  auto t2 = s.begin();
  s.put(t2, a, 12);
  ASSERT_EQ(s.commit(t2), Store::CommitResult::kCommitted);
  EXPECT_EQ(*s.read(a, snap0.ts()), 10);
  EXPECT_EQ(*s.read(a, snap1.ts()), 11);
  EXPECT_EQ(*s.read(a, s.now()), 12);
}

TEST(MvccStore, ReadWriteConflictAborts) {
  Store s;
  auto a = s.declare(1, 0), b = s.declare(2, 0);
  auto t1 = s.begin();
  auto t2 = s.begin();
  EXPECT_EQ(*s.get(t1, a), 0);  // t1 reads a
  s.put(t1, b, 1);
  s.put(t2, a, 5);  // t2 writes a and commits first
  ASSERT_EQ(s.commit(t2), Store::CommitResult::kCommitted);
  EXPECT_EQ(s.commit(t1), Store::CommitResult::kReadConflict);
  EXPECT_EQ(*s.read(b, s.now()), 0);  // nothing of t1 is visible
  auto st = s.stats();
  EXPECT_EQ(st.commits, 1u);
  EXPECT_EQ(st.aborts, 1u);
}

TEST(MvccStore, WriteWriteConflictAborts) {
  Store s;
  auto a = s.declare(1, 0);
  auto t1 = s.begin();
  auto t2 = s.begin();
  s.put(t1, a, 1);  // blind writes
  s.put(t2, a, 2);
  ASSERT_EQ(s.commit(t1), Store::CommitResult::kCommitted);
  EXPECT_EQ(s.commit(t2), Store::CommitResult::kWriteConflict);
  EXPECT_EQ(*s.read(a, s.now()), 1);
}

TEST(MvccStore, ReadYourOwnWrites) {
  Store s;
  auto a = s.declare(1, 0);
  auto t = s.begin();
  s.put(t, a, 7);
  EXPECT_EQ(*s.get(t, a), 7);
  EXPECT_TRUE(t.reads.empty());
}

TEST(MvccStore, GcKeepsNewestNAndEverythingAnOpenSnapshotSees) {
  Store s;
  auto a = s.declare(1, 0);
  std::optional<Store::Snapshot> old;
  for (int v = 1; v <= 10; ++v) {
    if (v == 4) old.emplace(s.open_snapshot());  // sees version 3
    auto t = s.begin();
    s.put(t, a, v);
    ASSERT_EQ(s.commit(t), Store::CommitResult::kCommitted);
  }
  EXPECT_EQ(s.stats().live_versions, 11u);
  size_t dropped = s.gc(2);
  EXPECT_EQ(dropped, 11u - 3u);  // keeps 10, 9 and the snapshot's 3
  EXPECT_EQ(*s.read(a, old->ts()), 3);
  EXPECT_EQ(*s.read(a, s.now()), 10);
  old.reset();
  EXPECT_EQ(s.gc(2), 1u);
  EXPECT_EQ(s.stats().live_versions, 2u);
  EXPECT_EQ(s.stats().versions_collected, 9u);
}

// Random transactions from several threads: the committed history must be
// serialisable, which for increments means no lost update: the final value
// equals the number of committed increments.
TEST(MvccStore, ConcurrentIncrementsLoseNothing) {
  Store s;
  constexpr int kKeys = 4;
  std::vector<Store::Handle> h;
  for (int k = 0; k < kKeys; ++k) h.push_back(s.declare(k, 0));
  std::atomic<int> committed[kKeys] = {};
  auto worker = [&](uint64_t seed) {
    std::mt19937_64 rng(seed);
    for (int i = 0; i < 3000; ++i) {
      int k = static_cast<int>(rng() % kKeys);
      for (;;) {
        auto t = s.begin();
        int v = *s.get(t, h[k]);
        s.put(t, h[k], v + 1);
        if (s.commit(t) == Store::CommitResult::kCommitted) break;
        s.record_retry();
      }
      committed[k]++;
    }
  };
  std::thread a(worker, 1), b(worker, 2), c(worker, 3);
  a.join();
  b.join();
  c.join();
  for (int k = 0; k < kKeys; ++k) EXPECT_EQ(*s.read(h[k], s.now()), committed[k].load());
  auto st = s.stats();
  EXPECT_EQ(st.commits, 9000u);
  EXPECT_EQ(st.aborts, st.retries);
}

// Against a model: random reads at random open snapshots after random commits and GCs.
TEST(MvccStore, MatchesModelUnderRandomGc) {
  Store s;
  std::mt19937_64 rng(7);
  std::map<uint64_t, std::map<uint64_t, int>> model;  // key -> ts -> value
  std::vector<Store::Handle> h;
  for (uint64_t k = 0; k < 8; ++k) {
    h.push_back(s.declare(k, 0));
    model[k][0] = 0;
  }
  std::vector<Store::Snapshot> snaps;
  for (int step = 0; step < 2000; ++step) {
    int op = static_cast<int>(rng() % 10);
    if (op < 6) {
      auto t = s.begin();
      uint64_t k = rng() % 8;
      int v = static_cast<int>(rng() % 1000);
      s.put(t, h[k], v);
      Store::Ts ts;
      ASSERT_EQ(s.commit(t, &ts), Store::CommitResult::kCommitted);
      model[k][ts] = v;
    } else if (op < 7) {
      snaps.push_back(s.open_snapshot());
    } else if (op < 8 && !snaps.empty()) {
      snaps.erase(snaps.begin() + static_cast<long>(rng() % snaps.size()));
    } else {
      s.gc(1 + rng() % 3);
    }
    for (const auto& sn : snaps) {
      uint64_t k = rng() % 8;
      auto it = model[k].upper_bound(sn.ts());
      --it;
      ASSERT_NE(s.read(h[k], sn.ts()), nullptr);
      ASSERT_EQ(*s.read(h[k], sn.ts()), it->second) << "step " << step;
    }
  }
}

}  // namespace
}  // namespace supervm::vm
