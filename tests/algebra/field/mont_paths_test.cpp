// The x86-64 MULX/ADCX/ADOX path and the portable path agree on the same
// random inputs (skipped when the CPU lacks BMI2/ADX).
#include <gtest/gtest.h>

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
