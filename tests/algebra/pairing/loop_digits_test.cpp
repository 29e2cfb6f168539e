// Signed-digit expansions used by the Miller loops and the BN254 exponentiation by x.
#include "algebra/pairing/loop_digits.h"

#include <gtest/gtest.h>

#include "algebra/bls12_381/pairing_params.h"
#include "algebra/bn254/pairing_params.h"

namespace supervm::algebra::pairing {
namespace {

unsigned __int128 value(const LoopDigits& d) {
  __int128 v = 0;
  for (size_t i = 0; i < d.len; ++i) v = 2 * v + d.d[i];
  return (unsigned __int128)v;
}

TEST(LoopDigits, ExpansionsEvaluateBack) {
  const unsigned __int128 values[] = {1,
                                      2,
                                      3,
                                      7,
                                      0xd201000000010000ull,
                                      4965661367192848881ull,
                                      (unsigned __int128)6 * 4965661367192848881ull + 2,
                                      ((unsigned __int128)1 << 100) - 1};
  for (auto n : values) {
    auto b = binary_digits(n), naf = naf_digits(n), w4 = wnaf_digits(n, 4);
    EXPECT_EQ(value(b), n);
    EXPECT_EQ(value(naf), n);
    EXPECT_EQ(value(w4), n);
    EXPECT_EQ(b.d[0], 1);
    EXPECT_EQ(naf.d[0], 1);
    EXPECT_GT(w4.d[0], 0);
    for (size_t i = 0; i + 1 < naf.len; ++i) EXPECT_FALSE(naf.d[i] != 0 && naf.d[i + 1] != 0);
    for (size_t i = 0; i < w4.len; ++i) {
      EXPECT_LE(w4.d[i], 7);
      EXPECT_GE(w4.d[i], -7);
      if (w4.d[i] != 0) {
        EXPECT_NE(w4.d[i] % 2, 0);
        for (size_t j = i + 1; j < w4.len && j < i + 4; ++j) EXPECT_EQ(w4.d[j], 0);
      }
    }
  }
}

TEST(LoopDigits, CurveLoops) {
  // BLS12-381: |x| = 0xd201000000010000, 64 bits, 6 of them set.
  auto bls = bls12_381::PairingParams::loop_digits();
  EXPECT_EQ(bls.size(), 64u);
  int nz = 0;
  for (auto d : bls) nz += d != 0;
  EXPECT_EQ(nz, 6);
  // BN254: 6x + 2 in NAF, 66 digits.
  auto bn = bn254::PairingParams::loop_digits();
  EXPECT_EQ(bn.size(), 66u);
  EXPECT_EQ(value(bn254::PairingParams::kLoop),
            (unsigned __int128)6 * bn254::PairingParams::kXAbs + 2);
}

}  // namespace
}  // namespace supervm::algebra::pairing
