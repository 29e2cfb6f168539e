// MSM against the naive sum of scalar multiplications (each checked against double-and-add in
// tests/algebra/curve), for every size 1..64 and a sweep up to 4096 (G1) / 512 (G2), with zero
// scalars, r - 1, repeated points and points at infinity; both bucket strategies and forced
// window widths; short scalars; fixed-base tables against plain scalar multiplication.
#include "algebra/curve/msm.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "algebra/bls12_381/g1.h"
#include "algebra/bls12_381/g2.h"
#include "algebra/bn254/g1.h"
#include "algebra/bn254/g2.h"
#include "algebra/curve/msm_table.h"

namespace supervm::algebra {
namespace {

template <class J>
struct Input {
  using A = typename J::AffineT;
  using Fr = typename J::Scalar;
  std::vector<A> bases;
  std::vector<Fr> scalars;
  std::vector<J> prefix;  // prefix[n] = sum_{i<n} scalars[i] * bases[i], computed naively
};

// Mixed input: random points, with every 7th base repeated, every 11th at infinity, every 5th
// scalar zero, every 13th r - 1, every 17th equal to its predecessor's scalar and base.
template <class J>
Input<J> make_input(size_t n, uint64_t seed) {
  using Fr = typename J::Scalar;
  std::mt19937_64 rng(seed);
  Input<J> in;
  std::vector<J> pts;
  J g = J::random(rng);
  for (size_t i = 0; i < n; ++i) {
    g = g + J::generator();  // cheap distinct points: G0 + i*G
    pts.push_back(g);
  }
  in.bases.resize(n);
  batch_to_affine(pts, in.bases);
  in.scalars.resize(n);
  for (size_t i = 0; i < n; ++i) {
    in.scalars[i] = Fr::random(rng);
    if (i % 7 == 3 && i > 0) in.bases[i] = in.bases[i / 2];
    if (i % 11 == 5) in.bases[i] = typename J::AffineT();
    if (i % 5 == 2) in.scalars[i] = Fr::zero();
    if (i % 13 == 6) in.scalars[i] = -Fr::one();
    if (i % 17 == 9) {
      in.scalars[i] = in.scalars[i - 1];
      in.bases[i] = in.bases[i - 1];
    }
    if (i % 19 == 4) in.bases[i] = -in.bases[i - 1];  // P and -P with equal scalars cancel
    if (i % 19 == 4) in.scalars[i] = in.scalars[i - 1];
  }
  in.prefix.resize(n + 1);
  for (size_t i = 0; i < n; ++i) in.prefix[i + 1] = in.prefix[i] + J(in.bases[i]) * in.scalars[i];
  return in;
}

template <class J>
class MsmTest : public ::testing::Test {};
using Groups = ::testing::Types<bls12_381::G1, bls12_381::G2, bn254::G1, bn254::G2>;
TYPED_TEST_SUITE(MsmTest, Groups);

template <class J>
constexpr bool is_g2() {
  return !requires {
    J::Field::kLimbs;
  };  // Fp2 coordinates
}

TYPED_TEST(MsmTest, SmallSizesMatchNaive) {
  using J = TypeParam;
  auto in = make_input<J>(64, 1);
  for (size_t n = 1; n <= 64; ++n) {
    std::span<const typename J::AffineT> b(in.bases.data(), n);
    std::span<const typename J::Scalar> s(in.scalars.data(), n);
    EXPECT_EQ(curve::msm(b, s), in.prefix[n]) << n;
    EXPECT_EQ(curve::msm(b, s, {.window = 0, .batch_affine = 1}), in.prefix[n]) << n;
  }
}

TYPED_TEST(MsmTest, SweepMatchesNaive) {
  using J = TypeParam;
  const size_t max = is_g2<J>() ? 512 : 4096;
  auto in = make_input<J>(max, 2);
  for (size_t n : {size_t{65}, size_t{100}, size_t{255}, size_t{256}, size_t{257}, size_t{511},
                   size_t{512}, size_t{1000}, size_t{2048}, size_t{3001}, size_t{4096}}) {
    if (n > max) break;
    std::span<const typename J::AffineT> b(in.bases.data(), n);
    std::span<const typename J::Scalar> s(in.scalars.data(), n);
    EXPECT_EQ(curve::msm(b, s), in.prefix[n]) << n;
    if (n <= 512) {
      EXPECT_EQ(curve::msm(b, s, {.window = 0, .batch_affine = 0}), in.prefix[n]) << n;
      EXPECT_EQ(curve::msm(b, s, {.window = 0, .batch_affine = -1, .no_endomorphism = true}),
                in.prefix[n])
          << n;
    }
  }
}

TYPED_TEST(MsmTest, ForcedWindowsAndStrategies) {
  using J = TypeParam;
  auto in = make_input<J>(300, 3);
  for (int c : {2, 3, 4, 5, 7, 10, 13}) {
    if (c == 13 && !requires { J::Field::kLimbs; }) continue;  // G1 only (slow for G2)
    for (int batch : {0, 1}) {
      EXPECT_EQ(curve::msm(in.bases, in.scalars, {.window = c, .batch_affine = batch}),
                in.prefix[300])
          << "c=" << c << " batch=" << batch;
    }
    // One window per task, and every window in one task.
    for (int tb : {1, 1 << 20}) {
      EXPECT_EQ(
          curve::msm(in.bases, in.scalars, {.window = c, .batch_affine = 1, .task_buckets = tb}),
          in.prefix[300])
          << "c=" << c << " task_buckets=" << tb;
    }
  }
}

// Short scalars (the window count follows the longest one present): all ones, bits, 64-bit
// values, and one full-size scalar among small ones; sizes where several windows share a task.
TYPED_TEST(MsmTest, ShortScalarsMatchNaive) {
  using J = TypeParam;
  using Fr = typename J::Scalar;
  const size_t n = is_g2<J>() ? 150 : 584;
  auto in = make_input<J>(n, 5);
  std::mt19937_64 rng(6);
  for (int kind = 0; kind < 4; ++kind) {
    std::vector<Fr> s(n);
    J expect;
    for (size_t i = 0; i < n; ++i) {
      switch (kind) {
        case 0:
          s[i] = Fr::one();
          break;
        case 1:
          s[i] = Fr::from_u64(rng() & 1);
          break;
        case 2:
          s[i] = Fr::from_u64(rng());
          break;
        default:
          s[i] = i == n / 2 ? Fr::random(rng) : Fr::from_u64(rng() & 0xffff);
          break;
      }
      expect += J(in.bases[i]) * s[i];
    }
    EXPECT_EQ(curve::msm(in.bases, s), expect) << "kind " << kind;
    EXPECT_EQ(curve::msm(in.bases, s, {.window = 0, .batch_affine = 1}), expect) << kind;
    EXPECT_EQ(curve::msm(in.bases, s, {.window = 0, .batch_affine = 0}), expect) << kind;
  }
}

// Precomputed tables (curve/msm_table.h): every size 1..40 and a few larger ones, default and
// forced window widths, one table reused with a second set of scalars.
TYPED_TEST(MsmTest, PrecomputedTableMatchesNaive) {
  using J = TypeParam;
  using A = typename J::AffineT;
  using Fr = typename J::Scalar;
  using Cfg = typename J::Config;
  auto in = make_input<J>(300, 7);
  for (size_t n = 1; n <= 40; ++n) {
    curve::MsmTable<Cfg> t(std::span<const A>(in.bases.data(), n));
    EXPECT_EQ(t.msm(std::span<const Fr>(in.scalars.data(), n)), in.prefix[n]) << n;
  }
  for (unsigned c : {0u, 2u, 5u, 9u}) {
    if (c == 2 && is_g2<J>()) continue;  // slow to build for G2
    curve::MsmTable<Cfg> t(in.bases, c);
    EXPECT_EQ(t.msm(in.scalars), in.prefix[300]) << "c=" << c;
    std::vector<Fr> s2(in.scalars.rbegin(), in.scalars.rend());
    J expect;
    for (size_t i = 0; i < s2.size(); ++i) expect += J(in.bases[i]) * s2[i];
    EXPECT_EQ(t.msm(s2), expect) << "c=" << c;
  }
  curve::MsmTable<Cfg> t(in.bases);
  EXPECT_THROW(t.msm(std::vector<Fr>(2)), std::invalid_argument);
}

TYPED_TEST(MsmTest, AllSameBucketAndEdgeCases) {
  using J = TypeParam;
  using A = typename J::AffineT;
  using Fr = typename J::Scalar;
  std::mt19937_64 rng(4);
  // 600 copies of one point with one scalar: every addition collides in the same bucket.
  A p = J::random(rng).to_affine();
  Fr k = Fr::random(rng);
  std::vector<A> bases(600, p);
  std::vector<Fr> scalars(600, k);
  EXPECT_EQ(curve::msm(bases, scalars), J(p) * (k * Fr::from_u64(600)));
  // All scalars zero / all bases infinity / empty input.
  std::vector<Fr> zeros(600, Fr::zero());
  EXPECT_TRUE(curve::msm(bases, zeros).is_infinity());
  std::vector<A> infs(600);
  EXPECT_TRUE(curve::msm(infs, scalars).is_infinity());
  EXPECT_TRUE(curve::msm(std::vector<A>{}, std::vector<Fr>{}).is_infinity());
  // P, -P with the same scalar: cancellation inside a bucket.
  std::vector<A> pm = {p, -p, p};
  std::vector<Fr> kk = {k, k, k};
  EXPECT_EQ(curve::msm(pm, kk, {.window = 3, .batch_affine = 1}), J(p) * k);
  EXPECT_THROW(curve::msm(pm, std::vector<Fr>(2)), std::invalid_argument);
}

}  // namespace
}  // namespace supervm::algebra
