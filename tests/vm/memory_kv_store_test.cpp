// The storage interface's in-memory implementation against a std::map model.
#include "store/memory_kv_store.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace supervm::store {
namespace {

TEST(MemoryKvStore, BatchesScansAndGetsMatchModel) {
  MemoryKvStore s;
  std::map<std::string, std::string> model;
  std::mt19937_64 rng(5);
  auto key = [&] { return std::string(1, "abc"[rng() % 3]) + std::to_string(rng() % 50); };
  for (int round = 0; round < 300; ++round) {
    WriteBatch b;
    for (int i = 0, n = static_cast<int>(rng() % 6); i < n; ++i) {
      std::string k = key();
      if (rng() % 4 == 0) {
        b.erase(k);
        model.erase(k);
      } else {
        std::string v = std::to_string(rng());
        b.put(k, v);
        model[k] = v;
      }
    }
    s.write(b);
    std::string k = key();
    auto got = s.get(k);
    auto it = model.find(k);
    ASSERT_EQ(got.has_value(), it != model.end());
    if (got) ASSERT_EQ(*got, it->second);
  }
  ASSERT_EQ(s.size(), model.size());
  std::vector<std::string> seen;
  s.scan("b", [&](std::string_view k, std::string_view v) {
    EXPECT_EQ(model.at(std::string(k)), v);
    seen.emplace_back(k);
    return true;
  });
  std::vector<std::string> want;
  for (auto& [k, v] : model)
    if (k[0] == 'b') want.push_back(k);
  EXPECT_EQ(seen, want);
  size_t calls = 0;
  s.scan("", [&](std::string_view, std::string_view) { return ++calls < 3; });
  EXPECT_EQ(calls, 3u);
}

}  // namespace
}  // namespace supervm::store
