// Short deterministic run of the point-decoding fuzz entry (fuzz/points_entry.h): every file of
// the seed corpus testdata/fuzz/points, then 20,000 random and mutated inputs from a fixed
// seed. The entry aborts on any violated invariant (crash = test failure); under the ASan build
// this also catches memory errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <vector>

#include "../../../fuzz/points_entry.h"

namespace supervm::fuzz {
namespace {

std::vector<std::vector<uint8_t>> load_corpus() {
  std::vector<std::vector<uint8_t>> out;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(SUPERVM_SOURCE_DIR) + "/testdata/fuzz/points")) {
    if (!e.is_regular_file()) continue;
    std::ifstream f(e.path(), std::ios::binary);
    out.emplace_back(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  }
  return out;
}

TEST(FuzzPoints, SeedCorpus) {
  auto corpus = load_corpus();
  ASSERT_GE(corpus.size(), 10u);
  for (const auto& c : corpus) fuzz_points_one_input(c.data(), c.size());
}

TEST(FuzzPoints, RandomAndMutatedInputs) {
  namespace b = algebra::bls12_381;
  namespace n = algebra::bn254;
  auto seeds = load_corpus();
  std::mt19937_64 rng(20261121);
  // Valid encodings of random points as mutation bases (all eight formats).
  for (int i = 0; i < 3; ++i) {
    auto p1 = b::G1::random(rng).to_affine();
    auto p2 = b::G2::random(rng).to_affine();
    auto q1 = n::G1::random(rng).to_affine();
    auto q2 = n::G2::random(rng).to_affine();
    auto add = [&](const auto& a) { seeds.emplace_back(a.begin(), a.end()); };
    add(b::g1_encode_compressed(p1));
    add(b::g1_encode_uncompressed(p1));
    add(b::g2_encode_compressed(p2));
    add(b::g2_encode_uncompressed(p2));
    add(n::g1_encode_compressed(q1));
    add(n::g1_encode_uncompressed(q1));
    add(n::g2_encode_compressed(q2));
    add(n::g2_encode_uncompressed(q2));
  }
  for (int iter = 0; iter < 20000; ++iter) {
    std::vector<uint8_t> in;
    if (iter % 2 == 0) {
      in.resize(rng() % 200);
      for (auto& v : in) v = static_cast<uint8_t>(rng());
    } else {
      in = seeds[rng() % seeds.size()];
      int kind = static_cast<int>(rng() % 4);
      if (in.empty() || kind == 3) {
        in.push_back(static_cast<uint8_t>(rng()));
      } else if (kind == 0) {  // flip one to three bits
        for (int k = 0, m = 1 + static_cast<int>(rng() % 3); k < m; ++k)
          in[rng() % in.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
      } else if (kind == 1) {  // rewrite the flag byte
        in[0] = static_cast<uint8_t>(rng());
      } else {  // truncate
        in.resize(rng() % in.size());
      }
    }
    fuzz_points_one_input(in.data(), in.size());
  }
}

}  // namespace
}  // namespace supervm::fuzz
