// The scalar preprocessing of the MSM (curve/msm.h), against GMP:
// - the offset recoding: digit_w = window_bits(k + H, c w, c) - 2^(c-1) with
//   H = sum_w 2^(c-1) 2^(c w) gives sum_w digit_w 2^(c w) == k, |digit_w| <= 2^(c-1), for every
//   width, random scalars of every length and the extreme ones (0, 2^bits - 1), with
//   offset_windows(bits, c) windows;
// - the GLV split of BLS12-381 G1 for the MSM (G1Config::msm_split): k = k1 + k2 * x^2 mod r with
//   k1, k2 < 2^128 and the second point equal to [x^2]P, for random scalars and 0, 1, r - 1,
//   lambda = -x^2 mod r, x^2 and x^2 - 1.
// The MSM results themselves are checked against naive sums in tests/algebra/msm.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "algebra/curve/msm.h"
#include "groups.h"

namespace supervm::algebra::testing {
namespace {

mpz_class mpz_of_limbs(const std::array<uint64_t, 5>& l) {
  mpz_class v;
  mpz_import(v.get_mpz_t(), l.size(), -1, 8, 0, 0, l.data());
  return v;
}

TEST(MsmRecoding, OffsetDigitsReconstructScalar) {
  using curve::msm_detail::offset_windows;
  using curve::msm_detail::window_bits;
  std::mt19937_64 rng(31);
  for (unsigned c = 2; c <= 16; ++c) {
    for (unsigned bits : {1u, 2u, 13u, 64u, 127u, 128u, 129u, 200u, 254u, 255u, 256u}) {
      const unsigned windows = offset_windows(bits, c);
      ASSERT_LE(c * windows, 5 * 64u);
      mpz_class h = 0;
      for (unsigned w = 0; w < windows; ++w) h += mpz_class(1) << (c * w + c - 1);
      for (int t = 0; t < 12; ++t) {
        mpz_class k;
        if (t == 0) {
          k = 0;
        } else if (t == 1) {
          k = (mpz_class(1) << bits) - 1;
        } else {
          std::array<uint64_t, 5> r{rng(), rng(), rng(), rng(), 0};
          k = mpz_of_limbs(r) % (mpz_class(1) << bits);
        }
        const mpz_class kh = k + h;
        ASSERT_LT(mpz_sizeinbase(kh.get_mpz_t(), 2), c * windows + 1) << "c=" << c;
        std::array<uint64_t, 5> limbs{};
        size_t count = 0;
        mpz_export(limbs.data(), &count, -1, 8, 0, 0, kh.get_mpz_t());
        mpz_class sum = 0;
        for (unsigned w = 0; w < windows; ++w) {
          const int32_t d = int32_t(window_bits(limbs, w * c, c)) - int32_t(1u << (c - 1));
          ASSERT_LE(d < 0 ? -d : d, int32_t(1u << (c - 1)));
          sum += mpz_class(d) << (c * w);
        }
        EXPECT_EQ(sum, k) << "c=" << c << " bits=" << bits << " t=" << t;
      }
    }
  }
}

TEST(MsmRecoding, Bls12381G1SplitIsShortAndCorrect) {
  using bls12_381::Fr;
  using bls12_381::G1;
  using bls12_381::G1Affine;
  const mpz_class x2 = kBlsX * kBlsX;
  const mpz_class lambda = kBlsR - x2;  // phi acts as [-x^2]
  std::mt19937_64 rng(32);
  std::vector<mpz_class> ks = {0, 1, kBlsR - 1, lambda, x2, x2 - 1, x2 + 1};
  for (int i = 0; i < 300; ++i) ks.push_back(mpz_of(Fr::random(rng)));
  const G1Affine p = (G1::generator() * Fr::random(rng)).to_affine();
  const G1Affine px2 = (G1(p) * fr_of<Fr>(x2)).to_affine();
  for (const mpz_class& k : ks) {
    G1Affine pts[2];
    std::array<uint64_t, 4> half[2];
    bls12_381::G1Config::msm_split(p, fr_of<Fr>(k), pts, half);
    mpz_class k1, k2;
    mpz_import(k1.get_mpz_t(), 4, -1, 8, 0, 0, half[0].data());
    mpz_import(k2.get_mpz_t(), 4, -1, 8, 0, 0, half[1].data());
    EXPECT_LT(mpz_sizeinbase(k1.get_mpz_t(), 2), 129u);
    EXPECT_LT(mpz_sizeinbase(k2.get_mpz_t(), 2), 129u);
    const mpz_class diff = k1 + k2 * x2 - k;
    EXPECT_EQ(mpz_divisible_p(diff.get_mpz_t(), kBlsR.get_mpz_t()), 1) << k.get_str(16);
    EXPECT_EQ(pts[0], p);
    EXPECT_EQ(pts[1], px2);
  }
  // The point at infinity splits into two points at infinity.
  G1Affine pts[2];
  std::array<uint64_t, 4> half[2];
  bls12_381::G1Config::msm_split(G1Affine(), Fr::one(), pts, half);
  EXPECT_TRUE(pts[0].is_infinity());
  EXPECT_TRUE(pts[1].is_infinity());
}

}  // namespace
}  // namespace supervm::algebra::testing
