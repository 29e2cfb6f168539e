// A short, deterministic fuzz run of every Groth16 file parser (lib/zk/formats/fuzz_entry.h):
// the seed corpus (testdata/zk/<parser>/ plus files of the shared snarkjs vectors) and about
// 20,000 mutations of it (truncations, bit flips, byte insertions and deletions, overwritten
// length fields; fixed seed). Every input must either parse or be rejected with supervm::Error;
// a crash, another exception or a broken round-trip invariant fails the test. The libFuzzer
// mains in fuzz/ run the same entry points without a time limit.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <random>

#include "vectors.h"
#include "zk/formats/fuzz_entry.h"

namespace supervm::zk::formats {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;
using Entry = std::function<bool(std::span<const uint8_t>)>;

constexpr int kMutationsPerParser = 3400;  // x 6 parsers ~ 20,000

std::vector<Bytes> seeds_in(const std::string& dir) {
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());  // directory order is not deterministic
  std::vector<Bytes> out;
  for (const auto& p : paths) out.push_back(testing::read_bytes(p.string()));
  return out;
}

std::vector<Bytes> testdata_seeds(const std::string& parser) {
  return seeds_in(std::string(SUPERVM_SOURCE_DIR) + "/testdata/zk/" + parser);
}

Bytes mutate(const Bytes& s, std::mt19937_64& rng) {
  Bytes m = s;
  int rounds = 1 + int(rng() % 3);
  for (int r = 0; r < rounds; ++r) {
    size_t n = m.size();
    switch (rng() % 5) {
      case 0:  // truncate
        m.resize(n == 0 ? 0 : rng() % n);
        break;
      case 1: {  // flip 1..4 bits
        if (n == 0) break;
        int k = 1 + int(rng() % 4);
        for (int i = 0; i < k; ++i) m[rng() % n] ^= uint8_t(1u << (rng() % 8));
        break;
      }
      case 2: {  // insert 1..8 random bytes
        size_t at = n == 0 ? 0 : rng() % (n + 1);
        int k = 1 + int(rng() % 8);
        for (int i = 0; i < k; ++i) m.insert(m.begin() + at, uint8_t(rng()));
        break;
      }
      case 3: {  // delete 1..16 bytes
        if (n == 0) break;
        size_t at = rng() % n;
        size_t k = std::min<size_t>(n - at, 1 + rng() % 16);
        m.erase(m.begin() + at, m.begin() + at + k);
        break;
      }
      case 4: {  // overwrite a little-endian u32 with an interesting value (counts, lengths)
        if (n < 4) break;
        static const uint32_t kValues[] = {0,          1,          2,       0x7fffffff, 0x80000000,
                                           0xffffffff, 0xfffffff0, 0x10000, 31,         33};
        uint32_t v = kValues[rng() % std::size(kValues)];
        size_t at = rng() % (n - 3);
        for (int i = 0; i < 4; ++i) m[at + i] = uint8_t(v >> (8 * i));
        break;
      }
    }
  }
  return m;
}

// Runs `entry` on each seed (all must parse unless `seeds_may_fail`) and on mutations; returns
// how many mutated inputs parsed, for the log.
void run(const char* name, const Entry& entry, const std::vector<Bytes>& seeds,
         const std::vector<Bytes>& extra_inputs = {}) {
  ASSERT_FALSE(seeds.empty()) << name;
  for (size_t i = 0; i < seeds.size(); ++i) {
    bool ok = false;
    ASSERT_NO_THROW(ok = entry(seeds[i])) << name << " seed " << i;
    EXPECT_TRUE(ok) << name << " seed " << i << " was rejected";
  }
  for (size_t i = 0; i < extra_inputs.size(); ++i)
    ASSERT_NO_THROW(entry(extra_inputs[i])) << name << " extra input " << i;
  std::mt19937_64 rng(0x5eed0000 + std::hash<std::string>{}(name) % 1000);
  int parsed = 0;
  for (int i = 0; i < kMutationsPerParser; ++i) {
    Bytes m = mutate(seeds[rng() % seeds.size()], rng);
    try {
      parsed += entry(m) ? 1 : 0;
    } catch (const std::exception& e) {
      FAIL() << name << " mutation " << i << " (" << m.size() << " bytes) threw: " << e.what();
    }
  }
  std::printf("[ fuzz     ] %s: %zu seeds, %d mutations, %d parsed\n", name, seeds.size(),
              kMutationsPerParser, parsed);
}

// Every proof.json / public.json of the shared vectors (valid, negative and edge cases).
std::vector<Bytes> shared_json_files(const char* leaf) {
  std::vector<Bytes> out;
  std::vector<std::string> paths;
  for (const auto& e : fs::recursive_directory_iterator(testing::vectors_dir()))
    if (e.is_regular_file() && e.path().filename() == leaf) paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) out.push_back(testing::read_bytes(p));
  return out;
}

TEST(FuzzSmoke, ProofJson) {
  auto extra = shared_json_files("proof.json");
  auto pubs = shared_json_files("public.json");
  extra.insert(extra.end(), pubs.begin(), pubs.end());
  EXPECT_GT(extra.size(), 200u);
  run("proof_json", fuzz::proof_json, testdata_seeds("proof_json"), extra);
}

TEST(FuzzSmoke, VkJson) {
  run("vk_json", fuzz::vk_json, testdata_seeds("vk_json"),
      shared_json_files("verification_key_alt.json"));
}

TEST(FuzzSmoke, R1cs) {
  run("r1cs", fuzz::r1cs, testdata_seeds("r1cs"));
}

TEST(FuzzSmoke, Wtns) {
  run("wtns", fuzz::wtns, testdata_seeds("wtns"));
}

TEST(FuzzSmoke, Zkey) {
  run("zkey", fuzz::zkey, testdata_seeds("zkey"));
}

TEST(FuzzSmoke, Binary) {
  run("binary", fuzz::binary, testdata_seeds("binary"));
}

}  // namespace
}  // namespace supervm::zk::formats
