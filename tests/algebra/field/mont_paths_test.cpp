// The x86-64 MULX/ADCX/ADOX path and the portable path agree on the same
// random inputs (skipped when the CPU lacks BMI2/ADX).
#include <gtest/gtest.h>

#include <random>

#include "algebra/field/cpu.h"
#include "gmp_oracle.h"

namespace supervm::algebra::testing {
namespace {

template <class F>
class MontPathsTest : public ::testing::Test {};
TYPED_TEST_SUITE(MontPathsTest, AllFields, FieldNames);

// Restores the global path choice after a test.
struct AdxFlag {
  bool saved = field::g_use_adx;
  ~AdxFlag() { field::g_use_adx = saved; }
};

TYPED_TEST(MontPathsTest, AdxAndPortableAgree) {
  using F = TypeParam;
  if (!field::cpu_has_bmi2_adx()) GTEST_SKIP() << "CPU has no BMI2/ADX";
  AdxFlag restore;
  auto xs = sample<F>(10000, 21), ys = sample<F>(10000, 22);
  std::reverse(ys.begin(), ys.end());
  for (size_t i = 0; i < xs.size(); ++i) {
    typename F::Limbs portable_mul{}, portable_sqr{}, adx_mul{}, adx_sqr{};
    field::g_use_adx = false;
    F::mul_limbs(portable_mul, xs[i].mont, ys[i].mont);
    F::sqr_limbs(portable_sqr, xs[i].mont);
    F pi = xs[i].inverse();
    field::g_use_adx = true;
    F::mul_limbs(adx_mul, xs[i].mont, ys[i].mont);
    F::sqr_limbs(adx_sqr, xs[i].mont);
    ASSERT_EQ(portable_mul, adx_mul) << i;
    ASSERT_EQ(portable_sqr, adx_sqr) << i;
    if (i % 200 == 0) {
      ASSERT_EQ(xs[i].inverse(), pi) << i;
    }
  }
}

// The lazy-reduction primitives (double-width product, separate reduction) on
// both paths, used exactly as Fp2 uses them: the ADX mul_wide writes its result
// only through memory, which GCC 12 once optimized away under
// -fsanitize=address (the asm had no used register outputs).
TYPED_TEST(MontPathsTest, AdxAndPortableAgreeOnWideProductAndRedc) {
  using F = TypeParam;
  if (!field::cpu_has_bmi2_adx()) GTEST_SKIP() << "CPU has no BMI2/ADX";
  AdxFlag restore;
  auto xs = sample<F>(10000, 25), ys = sample<F>(10000, 26);
  std::reverse(ys.begin(), ys.end());
  for (size_t i = 0; i < xs.size(); ++i) {
    typename F::Wide portable_w{}, adx_w{};
    typename F::Limbs portable_r{}, adx_r{};
    field::g_use_adx = false;
    F::mul_wide_limbs(portable_w, xs[i].mont, ys[i].mont);
    F::redc_limbs(portable_r, portable_w);
    field::g_use_adx = true;
    F::mul_wide_limbs(adx_w, xs[i].mont, ys[i].mont);
    F::redc_limbs(adx_r, adx_w);
    ASSERT_EQ(portable_w, adx_w) << i;
    ASSERT_EQ(portable_r, adx_r) << i;
    // redc of a product is the Montgomery product.
    typename F::Limbs m{};
    F::mul_limbs(m, xs[i].mont, ys[i].mont);
    ASSERT_EQ(adx_r, m) << i;
  }
}

// The dedicated squaring (cross products once, doubled, plus the diagonal) on
// both paths: the wide square equals the wide product a*a and GMP's a^2, the
// Montgomery square equals the Montgomery product and GMP's a^2 mod p. The
// sample starts with the edge values (0, 1, p-1, high limbs set, ...).
TYPED_TEST(MontPathsTest, AdxAndPortableSquaresAgreeWithGmp) {
  using F = TypeParam;
  if (!field::cpu_has_bmi2_adx()) GTEST_SKIP() << "CPU has no BMI2/ADX";
  AdxFlag restore;
  const mpz_class p = modulus<F>();
  auto xs = sample<F>(10000, 27);
  for (size_t i = 0; i < xs.size(); ++i) {
    const auto& a = xs[i].mont;
    typename F::Wide portable_w{}, adx_w{}, prod_w{};
    typename F::Limbs portable_r{}, adx_r{}, prod_r{};
    field::g_use_adx = false;
    F::sqr_wide_limbs(portable_w, a);
    F::sqr_limbs(portable_r, a);
    field::g_use_adx = true;
    F::sqr_wide_limbs(adx_w, a);
    F::sqr_limbs(adx_r, a);
    F::mul_wide_limbs(prod_w, a, a);
    F::mul_limbs(prod_r, a, a);
    ASSERT_EQ(portable_w, adx_w) << i;
    ASSERT_EQ(prod_w, adx_w) << i;
    ASSERT_EQ(portable_r, adx_r) << i;
    ASSERT_EQ(prod_r, adx_r) << i;
    ASSERT_EQ(to_mpz(adx_w), to_mpz(a) * to_mpz(a)) << i;
    const mpz_class v = value(xs[i]);
    ASSERT_EQ(value(xs[i].square()), v * v % p) << i;
  }
}

// The wide square takes any N-limb value, not only reduced ones (the tower feeds it
// sums such as a0 + a1 < 2p): arbitrary words, all-ones, single high words.
TYPED_TEST(MontPathsTest, AdxWideSquareOfArbitraryLimbs) {
  using F = TypeParam;
  if (!field::cpu_has_bmi2_adx()) GTEST_SKIP() << "CPU has no BMI2/ADX";
  AdxFlag restore;
  std::mt19937_64 rng(28);
  for (size_t i = 0; i < 10000; ++i) {
    typename F::Limbs a{};
    for (auto& x : a) x = rng();
    if (i < 64) {  // structured values first
      for (size_t k = 0; k < F::kLimbs; ++k) {
        if (i == 0)
          a[k] = ~uint64_t(0);
        else if (i < 1 + F::kLimbs)
          a[k] = (k == i - 1) ? ~uint64_t(0) : 0;
        else if (i < 1 + 2 * F::kLimbs)
          a[k] = (k == i - 1 - F::kLimbs) ? uint64_t(1) << 63 : 0;
      }
    }
    typename F::Wide portable_w{}, adx_w{};
    field::g_use_adx = false;
    F::sqr_wide_limbs(portable_w, a);
    field::g_use_adx = true;
    F::sqr_wide_limbs(adx_w, a);
    ASSERT_EQ(portable_w, adx_w) << i;
    ASSERT_EQ(to_mpz(adx_w), to_mpz(a) * to_mpz(a)) << i;
  }
}

// Fp's + and - (an x86-64 asm block in optimized builds) against the portable
// mont::add / mont::sub and GMP, edge values included.
TYPED_TEST(MontPathsTest, AddSubAgreeWithPortableAndGmp) {
  using F = TypeParam;
  const mpz_class p = modulus<F>();
  auto xs = sample<F>(10000, 29), ys = sample<F>(10000, 30);
  std::reverse(ys.begin(), ys.end());
  for (size_t i = 0; i < xs.size(); ++i) {
    for (const F& y : {ys[i], xs[i]}) {
      typename F::Limbs sum{}, diff{};
      mont::add<F::kLimbs>(sum, xs[i].mont, y.mont, F::kModulus);
      mont::sub<F::kLimbs>(diff, xs[i].mont, y.mont, F::kModulus);
      ASSERT_EQ((xs[i] + y).mont, sum) << i;
      ASSERT_EQ((xs[i] - y).mont, diff) << i;
      const mpz_class a = value(xs[i]), b = value(y);
      ASSERT_EQ(value(xs[i] + y), (a + b) % p) << i;
      ASSERT_EQ(value(xs[i] - y), mpz_class((a - b + p) % p)) << i;
    }
  }
}

TYPED_TEST(MontPathsTest, PortablePathAgreesWithGmp) {
  using F = TypeParam;
  AdxFlag restore;
  field::g_use_adx = false;
  mpz_class p = modulus<F>();
  auto xs = sample<F>(10000, 23), ys = sample<F>(10000, 24);
  for (size_t i = 0; i < xs.size(); ++i) {
    mpz_class a = value(xs[i]), b = value(ys[i]);
    ASSERT_EQ(value(xs[i] * ys[i]), a * b % p);
    ASSERT_EQ(value(xs[i].square()), a * a % p);
  }
}

}  // namespace
}  // namespace supervm::algebra::testing
