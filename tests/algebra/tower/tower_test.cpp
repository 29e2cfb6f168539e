// Fp6 / Fp12 of both curves against naive definitions: schoolbook products of polynomials
// over Fp2 reduced by v^3 = xi and w^6 = xi, Frobenius maps against plain exponentiation
// by p^k, cyclotomic squaring against ordinary squaring on cyclotomic elements.
#include "algebra/bls12_381/tower.h"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <vector>

#include "algebra/bn254/tower.h"
#include "algebra/tower/nat.h"
#include "algebra/tower/pow.h"

namespace supervm::algebra {
namespace {

template <class Cfg>
struct TowerTest : ::testing::Test {
  using Fp2 = typename Cfg::Fp2;
  using Fp = typename Fp2::Base;
  using F6 = Fp6<Cfg>;
  using F12 = Fp12<Cfg>;
  std::mt19937_64 rng{20261121};

  // Naive oracle: Fp12 as sum_{i<6} g_i w^i over Fp2 with w^6 = xi (xi as an Fp2 element,
  // multiplied with the generic Fp2 product, not Cfg::mul_by_nonresidue).
  using Poly6 = std::array<Fp2, 6>;
  static Poly6 to_poly(const F12& a) {
    return {a.c0.c0, a.c1.c0, a.c0.c1, a.c1.c1, a.c0.c2, a.c1.c2};
  }
  static F12 from_poly(const Poly6& g) { return {F6{g[0], g[2], g[4]}, F6{g[1], g[3], g[5]}}; }
  static Poly6 poly_mul(const Poly6& a, const Poly6& b) {
    std::array<Fp2, 11> t;
    t.fill(Fp2::zero());
    for (int i = 0; i < 6; ++i)
      for (int j = 0; j < 6; ++j) t[i + j] = t[i + j] + a[i] * b[j];
    Poly6 r;
    const Fp2 xi = Cfg::nonresidue();
    for (int i = 0; i < 6; ++i) r[i] = t[i] + (i + 6 < 11 ? t[i + 6] * xi : Fp2::zero());
    return r;
  }
  // Fp6 naive: cubic polynomial product reduced by v^3 = xi.
  static F6 naive_mul6(const F6& a, const F6& b) {
    std::array<Fp2, 3> x{a.c0, a.c1, a.c2}, y{b.c0, b.c1, b.c2};
    std::array<Fp2, 5> t;
    t.fill(Fp2::zero());
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) t[i + j] = t[i + j] + x[i] * y[j];
    const Fp2 xi = Cfg::nonresidue();
    return {t[0] + t[3] * xi, t[1] + t[4] * xi, t[2]};
  }
  static nat::Nat p_nat() {
    return nat::add_small(nat::from_limbs((-Fp::one()).to_canonical()), 1);
  }
  F12 rand12() { return F12::random(rng); }
  F6 rand6() { return F6::random(rng); }
  Fp2 rand2() { return Fp2::random(rng); }
};

using Configs = ::testing::Types<bls12_381::TowerConfig, bn254::TowerConfig>;
TYPED_TEST_SUITE(TowerTest, Configs);

TYPED_TEST(TowerTest, NonresidueIsNeitherSquareNorCube) {
  // Irreducibility of v^3 - xi and w^2 - v (equivalently w^6 - xi) over Fp2.
  using Frob = TowerFrobenius<TypeParam>;
  using Fp2 = typename TypeParam::Fp2;
  EXPECT_NE(Frob::nonresidue_power(2, 3), Fp2::one());
  EXPECT_NE(Frob::nonresidue_power(2, 2), Fp2::one());
  EXPECT_EQ(Frob::nonresidue_power(2, 2), -Fp2::one());
  const Fp2 one_plus_u{Fp2::one().c0, Fp2::one().c0};
  EXPECT_EQ(TypeParam::mul_by_nonresidue(one_plus_u), one_plus_u * TypeParam::nonresidue());
}

TYPED_TEST(TowerTest, MulByNonresidueMatchesGenericProduct) {
  using Fp = typename TestFixture::Fp;
  using Fp2 = typename TestFixture::Fp2;
  // Edge coordinates first (BN254's fused 9x + y reduction is tightest at p - 1), then
  // random elements.
  const Fp edge[] = {Fp::zero(),
                     Fp::one(),
                     -Fp::one(),
                     -Fp::from_u64(2),
                     Fp::from_u64(9).inverse(),
                     -Fp::from_u64(9).inverse(),
                     Fp::from_mont(Fp::kPMinus1)};
  for (const Fp& x : edge)
    for (const Fp& y : edge) {
      const Fp2 a{x, y};
      ASSERT_EQ(TypeParam::mul_by_nonresidue(a), a * TypeParam::nonresidue());
    }
  for (int i = 0; i < 10000; ++i) {
    auto a = this->rand2();
    ASSERT_EQ(TypeParam::mul_by_nonresidue(a), a * TypeParam::nonresidue()) << i;
  }
}

TYPED_TEST(TowerTest, Fp6MulSquareInverseAgainstNaive) {
  using F6 = typename TestFixture::F6;
  for (int i = 0; i < 200; ++i) {
    F6 a = this->rand6(), b = this->rand6(), c = this->rand6();
    ASSERT_EQ(a * b, TestFixture::naive_mul6(a, b));
    ASSERT_EQ(a.square(), TestFixture::naive_mul6(a, a));
    ASSERT_EQ(a * (b + c), a * b + a * c);
    ASSERT_EQ(a * a.inverse(), F6::one());
    ASSERT_EQ(a.inverse_vartime(), a.inverse());
    const auto z = TestFixture::Fp2::zero();
    const F6 v{z, TestFixture::Fp2::one(), z};
    ASSERT_EQ(a.mul_by_v(), a * v);
    auto b0 = this->rand2(), b1 = this->rand2();
    const F6 s01{b0, b1, z}, s1{z, b1, z};
    ASSERT_EQ(a.mul_by_01(b0, b1), a * s01);
    ASSERT_EQ(a.mul_by_1(b1), a * s1);
  }
  EXPECT_TRUE(F6::zero().inverse().is_zero());
}

// The Fp6 product with lazy reduction (used when xi = 1 + u) is only at risk near its
// bounds: every coefficient drawn from {0, 1, 2, p-1, p-2, random}, against the naive
// product and the fully reduced Karatsuba formula.
TYPED_TEST(TowerTest, Fp6LazyProductOnExtremeCoefficients) {
  using F6 = typename TestFixture::F6;
  using Fp = typename TestFixture::Fp;
  const Fp ext[] = {Fp::zero(), Fp::one(), Fp::from_u64(2), -Fp::one(), -Fp::from_u64(2)};
  auto pick = [&] {
    uint64_t k = this->rng() % 7;
    return k < 5 ? ext[k] : Fp::random(this->rng);
  };
  for (int i = 0; i < 3000; ++i) {
    F6 a, b;
    for (auto* x : {&a.c0, &a.c1, &a.c2, &b.c0, &b.c1, &b.c2}) {
      x->c0 = pick();
      x->c1 = pick();
    }
    ASSERT_EQ(a * b, a.mul_karatsuba(b)) << i;
    ASSERT_EQ(a.mul_by_01(b.c0, b.c1), a.mul_by_01_karatsuba(b.c0, b.c1)) << i;
    if (i % 10 == 0) {
      ASSERT_EQ(a * b, TestFixture::naive_mul6(a, b)) << i;
    }
  }
  // All coefficients p - 1: the largest value of every double-width term at once.
  F6 m;
  for (auto* x : {&m.c0, &m.c1, &m.c2}) x->c0 = x->c1 = -Fp::one();
  EXPECT_EQ(m * m, TestFixture::naive_mul6(m, m));
  const auto z = TestFixture::Fp2::zero();
  EXPECT_EQ(m.mul_by_01(m.c0, m.c1), TestFixture::naive_mul6(m, F6{m.c0, m.c1, z}));
}

TYPED_TEST(TowerTest, Fp12MulAgainstSchoolbookOverFp2) {
  using F12 = typename TestFixture::F12;
  for (int i = 0; i < 200; ++i) {
    F12 a = this->rand12(), b = this->rand12();
    auto naive = TestFixture::from_poly(
        TestFixture::poly_mul(TestFixture::to_poly(a), TestFixture::to_poly(b)));
    ASSERT_EQ(a * b, naive);
    ASSERT_EQ(a.square(), a * a);
  }
}

TYPED_TEST(TowerTest, Fp12FieldAxioms) {
  using F12 = typename TestFixture::F12;
  for (int i = 0; i < 50; ++i) {
    F12 a = this->rand12(), b = this->rand12(), c = this->rand12();
    ASSERT_EQ((a * b) * c, a * (b * c));
    ASSERT_EQ(a * b, b * a);
    ASSERT_EQ(a * (b + c), a * b + a * c);
    ASSERT_EQ(a * F12::one(), a);
    ASSERT_EQ(a - a, F12::zero());
    ASSERT_EQ(a * a.inverse(), F12::one());
    ASSERT_EQ(a.inverse_vartime(), a.inverse());
  }
  EXPECT_TRUE(F12::zero().inverse().is_zero());
  EXPECT_TRUE(F12::zero().inverse_vartime().is_zero());
}

TYPED_TEST(TowerTest, SparseLineProducts) {
  using F12 = typename TestFixture::F12;
  using F6 = typename TestFixture::F6;
  const auto z = TestFixture::Fp2::zero();
  for (int i = 0; i < 100; ++i) {
    F12 f = this->rand12();
    auto a = this->rand2(), b = this->rand2(), c = this->rand2();
    // 014: a + b v + c v w
    const F12 l014{F6{a, b, z}, F6{z, c, z}};
    ASSERT_EQ(f.mul_by_014(a, b, c), f * l014);
    // 034: a + b w + c v w
    const F12 l034{F6{a, z, z}, F6{b, c, z}};
    ASSERT_EQ(f.mul_by_034(a, b, c), f * l034);
    // Products of two lines, and f times such a product.
    auto d = this->rand2(), e = this->rand2(), g = this->rand2();
    const F12 m014{F6{d, e, z}, F6{z, g, z}};
    const F12 m034{F6{d, z, z}, F6{e, g, z}};
    const F12 p014 = F12::line_product_014(a, b, c, d, e, g);
    const F12 p034 = F12::line_product_034(a, b, c, d, e, g);
    ASSERT_EQ(p014, l014 * m014);
    ASSERT_EQ(p034, l034 * m034);
    ASSERT_TRUE(p014.c1.c0.is_zero());
    ASSERT_TRUE(p034.c1.c2.is_zero());
    ASSERT_EQ(f.mul_by_01245(p014), f * p014);
    ASSERT_EQ(f.mul_by_01234(p034), f * p034);
  }
}

TYPED_TEST(TowerTest, FrobeniusIsPowerOfP) {
  using F12 = typename TestFixture::F12;
  using F6 = typename TestFixture::F6;
  nat::Nat p = TestFixture::p_nat();
  for (int i = 0; i < 3; ++i) {
    F12 a = this->rand12();
    F6 b = this->rand6();
    F12 ap = a;
    F6 bp = b;
    for (unsigned k = 1; k <= 3; ++k) {
      ap = pow_vartime(ap, std::span<const uint64_t>(p));
      bp = pow_vartime(bp, std::span<const uint64_t>(p));
      ASSERT_EQ(a.frobenius_map(k), ap) << "k=" << k;
      ASSERT_EQ(b.frobenius_map(k), bp) << "k=" << k;
    }
    ASSERT_EQ(a.frobenius_map(0), a);
    // p^6-power Frobenius is conjugation; p^12 and p^6 (on Fp6) are the identity.
    ASSERT_EQ(a.frobenius_map(3).frobenius_map(3), a.conjugate());
    ASSERT_EQ(a.frobenius_map(6), a.conjugate());
    ASSERT_EQ(a.frobenius_map(12), a);
    ASSERT_EQ(b.frobenius_map(6), b);
    ASSERT_EQ(a.frobenius_map(5), a.frobenius_map(2).frobenius_map(3));
  }
}

TYPED_TEST(TowerTest, CyclotomicSquareAndPow) {
  using F12 = typename TestFixture::F12;
  for (int i = 0; i < 20; ++i) {
    F12 f = this->rand12();
    // f^((p^6 - 1)(p^2 + 1)) lies in the cyclotomic subgroup.
    F12 g = f.conjugate() * f.inverse();
    g = g.frobenius_map(2) * g;
    ASSERT_EQ(g * g.conjugate(), F12::one());
    ASSERT_EQ(g.cyclotomic_square(), g.square());
    uint64_t e = this->rng();
    uint64_t el[1] = {e};
    ASSERT_EQ(g.cyclotomic_pow_u64(e), pow_vartime(g, std::span<const uint64_t>(el)));
  }
  // Signed-digit exponentiation with width-4 NAF style digits (|d| up to 7, some negative).
  {
    F12 f0 = this->rand12();
    F12 g = f0.conjugate() * f0.inverse();
    g = g.frobenius_map(2) * g;
    const int8_t digits[] = {7, 0, 0, 0, -5, 0, 0, 0, 0, 3, 0, -1, 0, 0, 0, 1};
    // value = sum d_i 2^(15 - i)
    int64_t e = 0;
    for (int8_t d : digits) e = 2 * e + d;
    ASSERT_GT(e, 0);
    uint64_t el[1] = {uint64_t(e)};
    EXPECT_EQ(g.cyclotomic_pow_signed(digits), pow_vartime(g, std::span<const uint64_t>(el)));
  }
  // The lazily reduced compressed squaring is an algebraic identity on any four Fp2 values:
  // against the reference with reduced squarings, coefficients drawn from edge values.
  {
    using Fp = typename TestFixture::Fp;
    using Fp2 = typename TestFixture::Fp2;
    const Fp ext[] = {Fp::zero(), Fp::one(), Fp::from_u64(2), -Fp::one(), -Fp::from_u64(2)};
    auto pick = [&] {
      const uint64_t k = this->rng() % 7;
      return k < 5 ? ext[k] : Fp::random(this->rng);
    };
    for (int i = 0; i < 2000; ++i) {
      typename F12::Compressed c;
      for (Fp2* x : {&c.g1, &c.g2, &c.g3, &c.g5}) *x = Fp2{pick(), pick()};
      const auto a = F12::compressed_square(c), b = F12::compressed_square_reference(c);
      ASSERT_TRUE(a.g1 == b.g1 && a.g2 == b.g2 && a.g3 == b.g3 && a.g5 == b.g5) << i;
      // Granger–Scott with lazily reduced Fp4 squarings, likewise on any element.
      F12 f;
      for (Fp2* x : {&f.c0.c0, &f.c0.c1, &f.c0.c2, &f.c1.c0, &f.c1.c1, &f.c1.c2})
        *x = Fp2{pick(), pick()};
      ASSERT_EQ(f.cyclotomic_square(), f.cyclotomic_square_reference()) << i;
    }
  }
  // Karabina: compressed squaring agrees with Granger–Scott on the four kept coefficients,
  // decompression restores the whole element, and the snapshot exponentiation agrees with
  // plain square-and-multiply (the BLS12-381 |x|, sparse and dense random exponents, 1).
  {
    std::vector<typename F12::Compressed> comp;
    std::vector<F12> expect;
    for (int i = 0; i < 8; ++i) {
      F12 f0 = this->rand12();
      F12 g = f0.conjugate() * f0.inverse();
      g = g.frobenius_map(2) * g;
      auto c = F12::compressed_square(g.compress());
      F12 s = g.cyclotomic_square();
      auto sc = s.compress();
      ASSERT_TRUE(c.g1 == sc.g1 && c.g2 == sc.g2 && c.g3 == sc.g3 && c.g5 == sc.g5);
      comp.push_back(c);
      expect.push_back(s);
      for (uint64_t e : {uint64_t(0xd201000000010000ull), uint64_t(this->rng()),
                         uint64_t(this->rng() & 0x8000000100000001ull), uint64_t(1), uint64_t(2)}) {
        uint64_t el[1] = {e};
        ASSERT_EQ(g.cyclotomic_pow_u64_compressed(e), pow_vartime(g, std::span<const uint64_t>(el)))
            << std::hex << e;
      }
    }
    std::vector<F12> out(comp.size());
    ASSERT_TRUE(F12::batch_decompress(comp, out));
    for (size_t i = 0; i < out.size(); ++i) ASSERT_EQ(out[i], expect[i]) << i;
    // g3 = 0 cannot be decompressed (refused); the exponentiation then falls back.
    comp.push_back(F12::one().compress());
    EXPECT_FALSE(F12::batch_decompress(comp, out));
    EXPECT_EQ(F12::one().cyclotomic_pow_u64_compressed(0xd201000000010000ull), F12::one());
    EXPECT_EQ(this->rand12().cyclotomic_pow_u64_compressed(0), F12::one());
  }
  // A random (non-cyclotomic) element: the Granger–Scott formula does not apply.
  F12 f = this->rand12();
  EXPECT_NE(f.cyclotomic_square(), f.square());
}

}  // namespace
}  // namespace supervm::algebra
