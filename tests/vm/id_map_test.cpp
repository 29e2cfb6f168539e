// IdMap, IdSet and ShardedIdSet (the executor's flat hash tables) against
// std::map / std::set, under random inserts, erases (backward-shift deletion)
// and lookups with fixed seeds, including keys that share their first 8
// bytes: the tables hash all 32, and such keys must still be told apart.
#include "vm/id_map.h"

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "vm/id_set.h"
#include "vm/sharded_id_set.h"

namespace supervm::vm {
namespace {

// Keys from a small pool; a third share one 8-byte prefix.
Hash32 random_key(std::mt19937_64& rng, size_t pool) {
  uint64_t k = rng() % pool;
  Hash32 h{};
  for (size_t i = 0; i < 4; ++i) {  // splitmix64 of (k, i): distinct, well mixed
    uint64_t z = k * 4 + i + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    std::memcpy(h.data() + 8 * i, &z, 8);
  }
  if (k % 3 == 0) std::memset(h.data(), 0xab, 8);
  return h;
}

TEST(IdMap, MatchesStdMapUnderRandomOperations) {
  std::mt19937_64 rng(5);
  IdMap<uint64_t> m;
  std::map<Hash32, uint64_t> model;
  for (int step = 0; step < 200'000; ++step) {
    const Hash32 k = random_key(rng, 3000);
    switch (rng() % 4) {
      case 0:
      case 1: {
        uint64_t v = rng();
        auto [p, inserted] = m.try_emplace(k);
        EXPECT_EQ(inserted, model.count(k) == 0);
        if (inserted) {
          EXPECT_EQ(*p, 0u);
        }  // a reused entry starts from a fresh value
        *p = v;
        model[k] = v;
        break;
      }
      case 2:
        EXPECT_EQ(m.erase(k), model.erase(k) == 1);
        break;
      default: {
        const uint64_t* p = m.find(k);
        auto it = model.find(k);
        ASSERT_EQ(p != nullptr, it != model.end());
        if (p) {
          EXPECT_EQ(*p, it->second);
        }
      }
    }
    ASSERT_EQ(m.size(), model.size());
  }
  std::map<Hash32, uint64_t> seen;
  m.for_each([&](const Hash32& k, uint64_t v) { EXPECT_TRUE(seen.emplace(k, v).second); });
  EXPECT_EQ(seen, model);
}

TEST(IdMap, AddressesStableAcrossGrowthAndCopiesIndependent) {
  std::mt19937_64 rng(6);
  IdMap<uint64_t> m;
  const Hash32 first = random_key(rng, 1 << 30);
  uint64_t* p = m.try_emplace(first).first;
  *p = 7;
  for (int i = 0; i < 50'000; ++i) *m.try_emplace(random_key(rng, 1 << 30)).first = 1;
  EXPECT_EQ(m.find(first), p);
  EXPECT_EQ(*p, 7u);
  IdMap<uint64_t> copy = m;
  *copy.find(first) = 9;
  EXPECT_EQ(*m.find(first), 7u);
  EXPECT_EQ(copy.size(), m.size());
  EXPECT_TRUE(copy.erase(first));
  EXPECT_NE(m.find(first), nullptr);
}

TEST(IdSet, MatchesStdSetAcrossClears) {
  std::mt19937_64 rng(7);
  IdSet s;
  std::set<Hash32> model;
  for (int round = 0; round < 50; ++round) {
    s.clear();
    model.clear();
    const int n = static_cast<int>(rng() % 5000);
    for (int i = 0; i < n; ++i) {
      const Hash32 k = random_key(rng, 4000);
      if (rng() % 2) {
        EXPECT_EQ(s.insert(k), model.insert(k).second);
      } else {
        EXPECT_EQ(s.contains(k), model.count(k) == 1);
      }
    }
    EXPECT_EQ(s.size(), model.size());
  }
}

// The demotion set: shards filled at the same time, one thread each, then
// looked up; keys that share the 8 bytes its filter reads must still be told
// apart (they pass the filter together and are found, or not, in the shard).
TEST(ShardedIdSet, MatchesStdSetWithShardsFilledConcurrently) {
  std::mt19937_64 rng(11);
  executor_detail::ShardedIdSet set(4);
  for (int round = 0; round < 20; ++round) {
    std::vector<Hash32> keys;
    std::set<Hash32> model;
    const size_t n = rng() % 3000;
    for (size_t i = 0; i < n; ++i) {
      Hash32 k = random_key(rng, 6000);
      if (i % 3 == 0) std::memset(k.data() + 8, 0x5c, 8);
      keys.push_back(k);
      model.insert(k);
    }
    set.reset(keys.size());
    std::vector<std::thread> fillers;
    for (size_t s = 0; s < set.shard_count(); ++s)
      fillers.emplace_back([&, s] {
        for (const Hash32& k : keys)
          if (set.shard_of(k) == s) set.insert(k);
      });
    for (auto& t : fillers) t.join();
    EXPECT_EQ(set.size(), model.size());
    for (int i = 0; i < 4000; ++i) {
      Hash32 k = random_key(rng, 6000);
      if (i % 3 == 0) std::memset(k.data() + 8, 0x5c, 8);
      EXPECT_EQ(set.contains(k), model.count(k) == 1);
    }
    for (const Hash32& k : keys) EXPECT_TRUE(set.contains(k));
  }
  set.clear();
  EXPECT_EQ(set.size(), 0u);
  EXPECT_FALSE(set.contains(random_key(rng, 6000)));
}

}  // namespace
}  // namespace supervm::vm
