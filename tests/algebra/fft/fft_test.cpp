// EvaluationDomain over BLS12-381 Fr and BN254 Fr: FFT equals the naive DFT
// for sizes 1..64, inverses invert exactly for large sizes (parallel path),
// coset transforms evaluate on g * omega^i.
#include "algebra/field/fft.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "algebra/bls12_381/fields.h"
#include "algebra/bn254/fields.h"

namespace supervm::algebra {
namespace {

template <class F>
class FftTest : public ::testing::Test {};
using ScalarFields = ::testing::Types<bls12_381::Fr, bn254::Fr>;
struct Names {
  template <class F>
  static std::string GetName(int) {
    return std::is_same_v<F, bls12_381::Fr> ? "Bls12381Fr" : "Bn254Fr";
  }
};
TYPED_TEST_SUITE(FftTest, ScalarFields, Names);

template <class F>
std::vector<F> random_vector(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<F> v(n);
  for (auto& x : v) x = F::random(rng);
  return v;
}

// A(x) = sum a_j x^j by Horner.
template <class F>
F evaluate(const std::vector<F>& a, const F& x) {
  F r = F::zero();
  for (size_t j = a.size(); j-- > 0;) r = r * x + a[j];
  return r;
}

TYPED_TEST(FftTest, RootOfUnityHasExactOrder) {
  using F = TypeParam;
  for (size_t n : {1, 2, 4, 1024, 1 << 16}) {
    EvaluationDomain<F> d(n);
    F w = d.group_gen();
    F x = w;
    for (size_t i = 1; i < n; ++i) {
      if (i < 70 || i > n - 5) {
        ASSERT_FALSE(x.is_one()) << n << " " << i;
      }
      x *= w;
    }
    EXPECT_TRUE(x.is_one());
    EXPECT_EQ(w * d.group_gen_inv(), F::one());
    EXPECT_EQ(d.size_inv() * F::from_u64(n), F::one());
  }
}

TYPED_TEST(FftTest, MatchesNaiveDftForSmallSizes) {
  using F = TypeParam;
  for (size_t n = 1; n <= 64; n *= 2) {
    EvaluationDomain<F> d(n);
    auto a = random_vector<F>(n, 100 + n);
    std::vector<F> v = a;
    d.fft(v);
    for (size_t i = 0; i < n; ++i) {
      F x = F::one();
      for (size_t k = 0; k < i; ++k) x *= d.group_gen();
      ASSERT_EQ(v[i], evaluate(a, x)) << "n=" << n << " i=" << i;
      ASSERT_EQ(d.element(i), x);
    }
    std::vector<F> c = a;
    d.coset_fft(c);
    for (size_t i = 0; i < n; ++i) {
      ASSERT_EQ(c[i], evaluate(a, d.coset_shift() * d.element(i))) << "n=" << n << " i=" << i;
    }
    d.ifft(v);
    EXPECT_EQ(v, a) << n;
    d.coset_ifft(c);
    EXPECT_EQ(c, a) << n;
  }
}

TYPED_TEST(FftTest, LargeTransformsInvertAndEvaluate) {
  using F = TypeParam;
  for (size_t n : {size_t(1) << 12, size_t(1) << 16}) {
    EvaluationDomain<F> d(n);
    auto a = random_vector<F>(n, n);
    std::vector<F> v = a;
    d.fft(v);
    // Spot-check evaluations (naive DFT is too slow at this size).
    std::mt19937_64 rng(5);
    for (int k = 0; k < 4; ++k) {
      size_t i = k == 0 ? n - 1 : rng() % n;
      ASSERT_EQ(v[i], evaluate(a, d.element(i))) << i;
    }
    d.ifft(v);
    ASSERT_EQ(v, a);
    std::vector<F> c = a;
    d.coset_fft(c);
    size_t i = rng() % n;
    ASSERT_EQ(c[i], evaluate(a, d.coset_shift() * d.element(i)));
    d.coset_ifft(c);
    ASSERT_EQ(c, a);
  }
}

TYPED_TEST(FftTest, CyclicConvolutionViaFft) {
  // (A * B) mod (x^n - 1) computed pointwise equals the cyclic convolution.
  using F = TypeParam;
  const size_t n = 32;
  EvaluationDomain<F> d(n);
  auto a = random_vector<F>(n, 7), b = random_vector<F>(n, 8);
  std::vector<F> conv(n, F::zero());
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) conv[(i + j) % n] += a[i] * b[j];
  std::vector<F> fa = a, fb = b;
  d.fft(fa);
  d.fft(fb);
  for (size_t i = 0; i < n; ++i) fa[i] *= fb[i];
  d.ifft(fa);
  EXPECT_EQ(fa, conv);
}

TYPED_TEST(FftTest, RejectsBadSizes) {
  using F = TypeParam;
  EXPECT_THROW(EvaluationDomain<F>(0), std::invalid_argument);
  EXPECT_THROW(EvaluationDomain<F>(3), std::invalid_argument);
  EXPECT_THROW(EvaluationDomain<F>(size_t(1) << (F::kTwoAdicity + 1)), std::invalid_argument);
  EvaluationDomain<F> d(8);
  std::vector<F> wrong(4);
  EXPECT_THROW(d.fft(wrong), std::invalid_argument);
}

}  // namespace
}  // namespace supervm::algebra
