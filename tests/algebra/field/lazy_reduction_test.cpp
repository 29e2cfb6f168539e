// Lazy-reduction primitives (double-width product, separate Montgomery
// reduction) and the Fp2 formulas built on them, on both the portable and the
// MULX/ADX path, against GMP. Lazy-reduction bugs only show near the bounds,
// so every combination of extreme coefficients (0, 1, p-1, p-2, ...) is tried.
#include <gtest/gtest.h>

#include "algebra/field/cpu.h"
#include "gmp_oracle.h"

namespace supervm::algebra::testing {
namespace {

struct AdxFlag {
  bool saved = field::g_use_adx;
  ~AdxFlag() { field::g_use_adx = saved; }
};

// The paths to test: portable always, ADX when the CPU has it.
std::vector<bool> paths() {
  std::vector<bool> v = {false};
  if (field::cpu_has_bmi2_adx()) v.push_back(true);
  return v;
}

template <class F>
class LazyPrimitiveTest : public ::testing::Test {};
TYPED_TEST_SUITE(LazyPrimitiveTest, AllFields, FieldNames);

TYPED_TEST(LazyPrimitiveTest, MulWideAndRedcAgreeWithGmp) {
  using F = TypeParam;
  constexpr size_t N = F::kLimbs;
  AdxFlag restore;
  const mpz_class p = modulus<F>(), R = mpz_class(1) << (64 * N);
  mpz_class rinv;
  mpz_invert(rinv.get_mpz_t(), R.get_mpz_t(), p.get_mpz_t());
  auto xs = sample<F>(10000, 31), ys = sample<F>(10000, 32);
  std::reverse(ys.begin(), ys.end());
  // Unreduced inputs up to 2^(64N) - 1 for the product, and redc inputs up to
  // p*R - 1 (the documented bound).
  std::vector<typename F::Limbs> raw = {from_mpz<N>(R - 1), from_mpz<N>(2 * p - 1), from_mpz<N>(p),
                                        from_mpz<N>(p + 1)};
  for (bool adx : paths()) {
    field::g_use_adx = adx;
    for (size_t i = 0; i < xs.size() + raw.size() * raw.size(); ++i) {
      typename F::Limbs a, b;
      if (i < xs.size()) {
        a = xs[i].mont;
        b = ys[i].mont;
      } else {
        size_t k = i - xs.size();
        a = raw[k / raw.size()];
        b = raw[k % raw.size()];
      }
      typename F::Wide w;
      F::mul_wide_limbs(w, a, b);
      mpz_class prod = to_mpz(a) * to_mpz(b);
      ASSERT_EQ(to_mpz(w), prod) << i << " adx=" << adx;
      // redc of the product reduced below pR, and of values up to pR - 1.
      const mpz_class pr = p * R;
      for (const mpz_class& t : std::vector<mpz_class>{pr - 1 - prod % pr, prod % pr}) {
        typename F::Wide tw = from_mpz<2 * N>(t);
        typename F::Limbs r;
        F::redc_limbs(r, tw);
        ASSERT_EQ(to_mpz(r), t * rinv % p) << i << " adx=" << adx;
      }
    }
  }
}

template <class F2>
class LazyFp2Test : public ::testing::Test {};
using Fp2s = ::testing::Types<bls12_381::Fp2, bn254::Fp2>;
struct Fp2Names {
  template <class T>
  static std::string GetName(int) {
    return std::is_same_v<T, bls12_381::Fp2> ? "Bls12381" : "Bn254";
  }
};
TYPED_TEST_SUITE(LazyFp2Test, Fp2s, Fp2Names);

template <class F2>
void check_mul_square(const F2& x, const F2& y, const char* what) {
  using F = typename F2::Base;
  const mpz_class p = modulus<F>();
  mpz_class a0 = value(x.c0), a1 = value(x.c1), b0 = value(y.c0), b1 = value(y.c1);
  F2 m = x * y;
  ASSERT_EQ(value(m.c0), ((a0 * b0 - a1 * b1) % p + p) % p) << what;
  ASSERT_EQ(value(m.c1), (a0 * b1 + a1 * b0) % p) << what;
  F2 s = x.square();
  ASSERT_EQ(value(s.c0), ((a0 * a0 - a1 * a1) % p + p) % p) << what;
  ASSERT_EQ(value(s.c1), (2 * a0 * a1) % p) << what;
}

// Every combination of extreme coefficients for a0, a1, b0, b1, both paths.
TYPED_TEST(LazyFp2Test, ExtremeCoefficients) {
  using F2 = TypeParam;
  using F = typename F2::Base;
  AdxFlag restore;
  const mpz_class p = modulus<F>();
  std::vector<F> ext;
  for (const mpz_class& z : std::vector<mpz_class>{0, 1, 2, p - 1, p - 2, (p - 1) / 2, (p + 1) / 2})
    ext.push_back(from_value<F>(z));
  // Values whose Montgomery form is extreme too (mont = p-1, mont = 1).
  ext.push_back(F::from_mont(F::kPMinus1));
  ext.push_back(F::from_mont(bigint::from_u64<F::kLimbs>(1)));
  for (bool adx : paths()) {
    field::g_use_adx = adx;
    for (const F& a0 : ext)
      for (const F& a1 : ext)
        for (const F& b0 : ext)
          for (const F& b1 : ext) {
            check_mul_square<F2>({a0, a1}, {b0, b1}, adx ? "adx" : "portable");
            if (::testing::Test::HasFatalFailure()) return;
          }
  }
}

TYPED_TEST(LazyFp2Test, RandomBothPaths) {
  using F2 = TypeParam;
  AdxFlag restore;
  for (bool adx : paths()) {
    field::g_use_adx = adx;
    std::mt19937_64 rng(41);
    for (int i = 0; i < 10000; ++i) {
      F2 x = F2::random(rng), y = F2::random(rng);
      check_mul_square<F2>(x, y, adx ? "adx" : "portable");
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

}  // namespace
}  // namespace supervm::algebra::testing
