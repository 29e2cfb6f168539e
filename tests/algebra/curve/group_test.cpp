// Group law, scalar multiplication, endomorphisms, subgroup checks and cofactor clearing for
// the four groups, against independent oracles: textbook affine chord-and-tangent formulas
// (computed here with field inversions), plain double-and-add with GMP integers, and the
// group orders/cofactors derived from the curve parameters in groups.h.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "algebra/curve/glv.h"
#include "algebra/curve/wnaf.h"
#include "groups.h"

namespace supervm::algebra::testing {
namespace {

template <class A>
A affine_add(const A& p, const A& q) {
  if (p.infinity) return q;
  if (q.infinity) return p;
  using F = typename A::Field;
  F lambda;
  if (p.x == q.x) {
    if ((p.y + q.y).is_zero()) return A();
    F x2 = p.x.square();
    lambda = (x2.dbl() + x2) * p.y.dbl().inverse();
  } else {
    lambda = (q.y - p.y) * (q.x - p.x).inverse();
  }
  F x3 = lambda.square() - p.x - q.x;
  return A(x3, lambda * (p.x - x3) - p.y);
}

// Plain left-to-right double-and-add over the bits of a non-negative GMP integer (affine).
template <class A>
A affine_mul(const A& p, const mpz_class& k) {
  A acc;
  for (size_t i = mpz_sizeinbase(k.get_mpz_t(), 2); i-- > 0;) {
    acc = affine_add(acc, acc);
    if (mpz_tstbit(k.get_mpz_t(), i)) acc = affine_add(acc, p);
  }
  return acc;
}

template <class J>
class GroupTest : public ::testing::Test {};
using Groups = ::testing::Types<bls12_381::G1, bls12_381::G2, bn254::G1, bn254::G2>;
TYPED_TEST_SUITE(GroupTest, Groups);

TYPED_TEST(GroupTest, GeneratorOnCurveOfOrderR) {
  using G = Group<TypeParam>;
  using A = typename G::A;
  A g = A::generator();
  EXPECT_FALSE(g.is_infinity());
  EXPECT_TRUE(g.is_on_curve());
  EXPECT_TRUE(g.is_in_subgroup());
  EXPECT_TRUE(affine_mul(g, G::order()).is_infinity());
  EXPECT_FALSE(affine_mul(g, G::order() - 1).is_infinity());
  auto rl = limbs_of(G::order());
  EXPECT_TRUE(TypeParam::generator().mul_integer(rl).is_infinity());
}

TYPED_TEST(GroupTest, AdditionMatchesAffineFormulas) {
  using G = Group<TypeParam>;
  using A = typename G::A;
  using J = TypeParam;
  std::mt19937_64 rng(1);
  for (int i = 0; i < 40; ++i) {
    A p = J::random(rng).to_affine();
    A q = (i % 5 == 0) ? p : J::random(rng).to_affine();
    // Non-trivial Z: scale through a doubling and a subtraction.
    J pj = J(p).dbl() - J(p);
    J qj = J(q);
    EXPECT_TRUE(pj.is_on_curve());
    EXPECT_EQ(pj.to_affine(), p);
    A sum = affine_add(p, q);
    EXPECT_EQ((pj + qj).to_affine(), sum);
    EXPECT_EQ(pj.add_mixed(q).to_affine(), sum);
    EXPECT_EQ(qj + pj, pj + qj);
    EXPECT_EQ(pj.dbl().to_affine(), affine_add(p, p));
    EXPECT_TRUE((pj + (-pj)).is_infinity());
    EXPECT_TRUE(pj.add_mixed(-p).is_infinity());
    EXPECT_EQ(pj + J(), pj);
    EXPECT_EQ(J() + pj, pj);
    EXPECT_EQ(J().add_mixed(p), pj);
    EXPECT_EQ(pj.add_mixed(A()), pj);
    EXPECT_EQ(pj.add_mixed(p), pj.dbl());  // P + P through the mixed path
    EXPECT_TRUE(J().dbl().is_infinity());
    J r = J::random(rng);
    EXPECT_EQ((pj + qj) + r, pj + (qj + r));
  }
}

TYPED_TEST(GroupTest, BatchToAffine) {
  using G = Group<TypeParam>;
  using A = typename G::A;
  using J = TypeParam;
  std::mt19937_64 rng(2);
  std::vector<J> pts;
  for (int i = 0; i < 17; ++i) pts.push_back(i % 6 == 3 ? J() : J::random(rng).dbl());
  std::vector<A> out(pts.size());
  batch_to_affine(pts, out);
  for (size_t i = 0; i < pts.size(); ++i) EXPECT_EQ(out[i], pts[i].to_affine()) << i;
}

TYPED_TEST(GroupTest, ScalarMulMatchesDoubleAndAdd) {
  using G = Group<TypeParam>;
  using A = typename G::A;
  using J = TypeParam;
  using Fr = typename G::Fr;
  std::mt19937_64 rng(3);
  A g = A::generator();
  std::vector<mpz_class> ks = {0, 1, 2, 3, 7, G::order() - 1, G::order() - 2,
                               mpz_class(1) << 128, (mpz_class(1) << 128) - 1};
  for (int i = 0; i < 12; ++i) ks.push_back(mpz_of(Fr::random(rng)));
  for (const auto& k : ks) {
    A expect = affine_mul(g, k);
    Fr kf = fr_of<Fr>(k);
    EXPECT_EQ((J::generator() * kf).to_affine(), expect) << k.get_str(16);
    EXPECT_EQ(J::generator().mul_integer(limbs_of(k)).to_affine(), expect) << k.get_str(16);
  }
  // Random base, linearity: (a + b)P = aP + bP, (ab)P = a(bP).
  for (int i = 0; i < 10; ++i) {
    J p = J::random(rng);
    Fr a = Fr::random(rng), b = Fr::random(rng);
    EXPECT_EQ(p * (a + b), p * a + p * b);
    EXPECT_EQ(p * (a * b), (p * b) * a);
    EXPECT_EQ(p * (-a), -(p * a));
  }
  EXPECT_TRUE((J() * Fr::random(rng)).is_infinity());
}

TYPED_TEST(GroupTest, WnafRecodingReconstructsScalar) {
  using G = Group<TypeParam>;
  using Fr = typename G::Fr;
  std::mt19937_64 rng(4);
  for (int w = 2; w <= 7; ++w) {
    for (int i = 0; i < 20; ++i) {
      mpz_class k = mpz_of(Fr::random(rng));
      if (i == 0) k = G::order() - 1;
      auto d = curve::wnaf_recode(limbs_of(k), w);
      mpz_class back = 0;
      int last_nonzero = 1 << 20;
      for (size_t j = d.size(); j-- > 0;) {
        back = back * 2 + d[j];
        if (d[j] != 0) {
          EXPECT_NE(d[j] % 2, 0);
          EXPECT_LT(std::abs(d[j]), 1 << (w - 1));
          EXPECT_GE(last_nonzero - static_cast<int>(j), w);
          last_nonzero = static_cast<int>(j);
        }
      }
      EXPECT_EQ(back, k);
    }
  }
}

TYPED_TEST(GroupTest, EndomorphismEigenvalue) {
  using G = Group<TypeParam>;
  using J = TypeParam;
  std::mt19937_64 rng(5);
  for (int i = 0; i < 5; ++i) {
    J p = i == 0 ? J::generator() : J::random(rng);
    J e = G::endo(p);
    EXPECT_TRUE(e.is_on_curve());
    EXPECT_EQ(e, p.mul_integer(limbs_of(G::endo_eigen())));
  }
}

TYPED_TEST(GroupTest, SubgroupCheckAgainstOrder) {
  using G = Group<TypeParam>;
  using A = typename G::A;
  using J = TypeParam;
  std::mt19937_64 rng(6);
  auto rl = limbs_of(G::order());
  auto hl = limbs_of(G::clear_multiplier());
  int outside = 0;
  for (int i = 0; i < 12; ++i) {
    A p = A::random_on_curve(rng);
    ASSERT_TRUE(p.is_on_curve());
    J pj = J(p).dbl() - J(p);  // same point, Z != 1
    bool by_order = J(p).mul_integer(rl).is_infinity();
    EXPECT_EQ(p.is_in_subgroup(), by_order);
    EXPECT_EQ(pj.is_in_subgroup(), by_order);
    if (!by_order) ++outside;
    J c = G::clear(J(p));
    EXPECT_TRUE(c.is_in_subgroup());
    EXPECT_TRUE(c.mul_integer(rl).is_infinity());
    EXPECT_EQ(c, J(p).mul_integer(hl));
  }
  if (G::kHasCofactor) {
    EXPECT_EQ(outside, 12);  // a random curve point is in G with probability 1/h
  } else {
    EXPECT_EQ(outside, 0);
  }
}

TYPED_TEST(GroupTest, NotOnCurveDetected) {
  using G = Group<TypeParam>;
  using A = typename G::A;
  std::mt19937_64 rng(7);
  A p = A::random_on_curve(rng);
  A bad = p;
  bad.y = bad.y + A::Field::one();
  EXPECT_FALSE(bad.is_on_curve());
  EXPECT_FALSE(bad.is_in_subgroup());
  EXPECT_FALSE(typename G::J(bad).is_on_curve());
}

TYPED_TEST(GroupTest, CofactorValue) {
  // #E(F) = h * r must be p + 1 - t for G1 (checked through the order of a random point).
  using G = Group<TypeParam>;
  using A = typename G::A;
  using J = TypeParam;
  std::mt19937_64 rng(8);
  A p = A::random_on_curve(rng);
  auto n = limbs_of(G::cofactor() * G::order());
  EXPECT_TRUE(J(p).mul_integer(n).is_infinity());
}

TEST(Glv, SplitIsShortAndCorrect) {
  // BLS12-381 lattice for lambda = -x^2 (same strings as the library, checked independently).
  curve::GlvLattice lat("0x1", "-0xac45a4010001a40200000000ffffffff",
                        "0xac45a4010001a4020000000100000000", "0x1");
  mpz_class lambda = kBlsR - kBlsX * kBlsX;
  std::mt19937_64 rng(9);
  for (int i = 0; i < 200; ++i) {
    mpz_class k = mpz_of(bls12_381::Fr::random(rng));
    if (i == 0) k = kBlsR - 1;
    if (i == 1) k = 0;
    auto h = lat.split(limbs_of(k));
    mpz_class k1 = curve::mpz_from_limbs(h[0].limbs), k2 = curve::mpz_from_limbs(h[1].limbs);
    if (h[0].negative) k1 = -k1;
    if (h[1].negative) k2 = -k2;
    mpz_class diff = k1 + k2 * lambda - k;
    EXPECT_EQ(mpz_divisible_p(diff.get_mpz_t(), kBlsR.get_mpz_t()), 1);
    EXPECT_LE(mpz_sizeinbase(k1.get_mpz_t(), 2), 129u);
    EXPECT_LE(mpz_sizeinbase(k2.get_mpz_t(), 2), 129u);
  }
}

}  // namespace
}  // namespace supervm::algebra::testing
