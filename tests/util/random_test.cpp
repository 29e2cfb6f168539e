#include "util/random.h"

#include <gtest/gtest.h>

#include <set>

namespace supervm::util {
namespace {

TEST(Random, DeterministicModeRepeatsPerSeed) {
  auto a = RandomSource::deterministic(1);
  auto b = RandomSource::deterministic(1);
  auto c = RandomSource::deterministic(2);
  EXPECT_TRUE(a.is_deterministic());
  for (int i = 0; i < 100; ++i) {
    uint64_t va = a(), vb = b(), vc = c();
    EXPECT_EQ(va, vb);
    EXPECT_NE(va, vc);
  }
}

TEST(Random, DeterministicStreamDoesNotRepeat) {
  auto a = RandomSource::deterministic(9);
  std::set<uint64_t> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(a());
  EXPECT_EQ(seen.size(), 10000u);
}

TEST(Random, SystemSourceGivesDistinctValues) {
  auto s = RandomSource::system();
  EXPECT_FALSE(s.is_deterministic());
  std::set<uint64_t> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(s());
  EXPECT_EQ(seen.size(), 1000u);
  // Usable as a standard URBG.
  std::uniform_int_distribution<int> d(1, 6);
  int v = d(s);
  EXPECT_GE(v, 1);
  EXPECT_LE(v, 6);
}

TEST(Random, SecureWipeZeroes) {
  uint8_t secret[32];
  for (auto& b : secret) b = 0xaa;
  secure_wipe(secret, sizeof secret);
  for (auto b : secret) EXPECT_EQ(b, 0);
}

}  // namespace
}  // namespace supervm::util
