// Fp2 = Fp[u]/(u^2 + 1) for both curves: products against a GMP schoolbook
// oracle, field axioms, inverse, square roots, Frobenius.
#include <gtest/gtest.h>

#include "gmp_oracle.h"

namespace supervm::algebra::testing {
namespace {

template <class F2>
class Fp2Test : public ::testing::Test {};
using Fp2s = ::testing::Types<bls12_381::Fp2, bn254::Fp2>;
struct Fp2Names {
  template <class T>
  static std::string GetName(int) {
    return std::is_same_v<T, bls12_381::Fp2> ? "Bls12381" : "Bn254";
  }
};
TYPED_TEST_SUITE(Fp2Test, Fp2s, Fp2Names);

template <class F2>
std::vector<F2> sample2(size_t n, uint64_t seed) {
  using F = typename F2::Base;
  auto edges = edge_values<F>();
  std::vector<F2> out;
  for (size_t i = 0; i < edges.size(); ++i) out.push_back({edges[i], edges[edges.size() - 1 - i]});
  out.push_back(F2::zero());
  out.push_back(F2::one());
  out.push_back({F::zero(), F::one()});
  std::mt19937_64 rng(seed);
  while (out.size() < n) out.push_back(F2::random(rng));
  return out;
}

TYPED_TEST(Fp2Test, MulAndSquareAgreeWithGmp) {
  using F2 = TypeParam;
  using F = typename F2::Base;
  mpz_class p = modulus<F>();
  auto xs = sample2<F2>(10000, 1), ys = sample2<F2>(10000, 2);
  std::reverse(ys.begin(), ys.end());
  for (size_t i = 0; i < xs.size(); ++i) {
    mpz_class a0 = value(xs[i].c0), a1 = value(xs[i].c1), b0 = value(ys[i].c0),
              b1 = value(ys[i].c1);
    F2 m = xs[i] * ys[i];
    ASSERT_EQ(value(m.c0), ((a0 * b0 - a1 * b1) % p + p) % p) << i;
    ASSERT_EQ(value(m.c1), (a0 * b1 + a1 * b0) % p) << i;
    F2 s = xs[i].square();
    ASSERT_EQ(value(s.c0), ((a0 * a0 - a1 * a1) % p + p) % p) << i;
    ASSERT_EQ(value(s.c1), (2 * a0 * a1) % p) << i;
    ASSERT_EQ(xs[i] + ys[i], F2({xs[i].c0 + ys[i].c0, xs[i].c1 + ys[i].c1}));
    ASSERT_EQ(xs[i] - ys[i], F2({xs[i].c0 - ys[i].c0, xs[i].c1 - ys[i].c1}));
  }
}

TYPED_TEST(Fp2Test, FieldAxioms) {
  using F2 = TypeParam;
  using F = typename F2::Base;
  auto xs = sample2<F2>(3000, 3), ys = sample2<F2>(3000, 4), zs = sample2<F2>(3000, 5);
  std::reverse(ys.begin(), ys.end());
  std::rotate(zs.begin(), zs.begin() + 7, zs.end());
  const F2 u{F::zero(), F::one()};
  EXPECT_EQ(u * u, -F2::one());
  for (size_t i = 0; i < xs.size(); ++i) {
    const F2 &a = xs[i], &b = ys[i], &c = zs[i];
    ASSERT_EQ(a + b, b + a);
    ASSERT_EQ(a * b, b * a);
    ASSERT_EQ((a + b) + c, a + (b + c));
    ASSERT_EQ((a * b) * c, a * (b * c));
    ASSERT_EQ(a * (b + c), a * b + a * c);
    ASSERT_EQ(a + F2::zero(), a);
    ASSERT_EQ(a * F2::one(), a);
    ASSERT_EQ(a + (-a), F2::zero());
    ASSERT_EQ(a - b, a + (-b));
    ASSERT_EQ(a.dbl(), a + a);
    ASSERT_EQ(a.square(), a * a);
    ASSERT_EQ(a.mul_by_base(b.c0), a * F2({b.c0, F::zero()}));
    ASSERT_EQ(a.conjugate().conjugate(), a);
    ASSERT_EQ(a * a.conjugate(), F2({a.norm(), F::zero()}));
    if (a.is_zero()) {
      ASSERT_TRUE(a.inverse().is_zero());
    } else {
      ASSERT_EQ(a * a.inverse(), F2::one());
      ASSERT_EQ(a.inverse_vartime(), a.inverse());
    }
    F2 t = a;
    t += b;
    ASSERT_EQ(t, a + b);
    t -= b;
    ASSERT_EQ(t, a);
    t *= b;
    ASSERT_EQ(t, a * b);
  }
}

// x^p by square-and-multiply over the limbs of p.
template <class F2>
F2 pow_p(const F2& x) {
  using F = typename F2::Base;
  F2 r = F2::one();
  for (unsigned i = F::kModulusBits; i-- > 0;) {
    r = r.square();
    if ((F::kModulus[i / 64] >> (i % 64)) & 1) r *= x;
  }
  return r;
}

TYPED_TEST(Fp2Test, Frobenius) {
  using F2 = TypeParam;
  for (const F2& a : sample2<F2>(40, 6)) {
    ASSERT_EQ(a.frobenius_map(1), pow_p(a));
    ASSERT_EQ(a.frobenius_map(2), a);
    ASSERT_EQ(a.frobenius_map(3), a.conjugate());
  }
}

TYPED_TEST(Fp2Test, SqrtAndLegendre) {
  using F2 = TypeParam;
  using F = typename F2::Base;
  mpz_class p = modulus<F>();
  int none = 0;
  auto xs = sample2<F2>(2000, 7);
  // Pure base-field residues and non-residues (c1 = 0) take a separate branch.
  for (uint64_t k = 1; k < 20; ++k) xs.push_back({F::from_u64(k), F::zero()});
  for (uint64_t k = 1; k < 20; ++k) xs.push_back({F::zero(), F::from_u64(k)});
  for (const F2& a : xs) {
    // Legendre in Fp2 = legendre of the norm in Fp (checked with GMP).
    mpz_class n = value(a.norm());
    int leg = mpz_legendre(n.get_mpz_t(), p.get_mpz_t());
    ASSERT_EQ(a.legendre(), leg);
    auto r = a.sqrt();
    ASSERT_EQ(r.has_value(), leg >= 0);
    if (r) {
      ASSERT_EQ(r->square(), a);
      ASSERT_EQ((-*r).square(), a);
    } else {
      ++none;
    }
    auto s = a.square().sqrt();
    ASSERT_TRUE(s.has_value());
    ASSERT_TRUE(*s == a || *s == -a);
  }
  EXPECT_GT(none, 500);
}

TYPED_TEST(Fp2Test, LexicographicallyLargest) {
  using F2 = TypeParam;
  using F = typename F2::Base;
  for (const F2& a : sample2<F2>(2000, 8)) {
    bool expected = a.c1.is_lexicographically_largest() ||
                    (a.c1.is_zero() && a.c0.is_lexicographically_largest());
    ASSERT_EQ(a.is_lexicographically_largest(), expected);
    if (!a.is_zero()) {
      ASSERT_NE(a.is_lexicographically_largest(), (-a).is_lexicographically_largest());
    }
  }
  EXPECT_FALSE(F2::zero().is_lexicographically_largest());
  EXPECT_TRUE(F2({-F::one(), F::zero()}).is_lexicographically_largest());
}

}  // namespace
}  // namespace supervm::algebra::testing
