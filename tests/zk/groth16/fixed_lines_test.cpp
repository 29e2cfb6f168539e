// Normalized fixed lines (zk/groth16/fixed_lines.h): after the final exponentiation the mixed
// Miller loop equals the library's pairing product, for random points, points at infinity on
// either side, and the generic fallback of a key that cannot be normalized.
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <vector>

#include "zk/groth16/pairing_ops.h"

namespace supervm::zk {
namespace {

template <class E>
class FixedLinesTest : public ::testing::Test {};

using Engines = ::testing::Types<Bls12_381Engine, Bn254Engine>;
TYPED_TEST_SUITE(FixedLinesTest, Engines);

TYPED_TEST(FixedLinesTest, MatchesPairingProductAfterFinalExponentiation) {
  using E = TypeParam;
  using Ops = PairingOps<E>;
  using Fr = typename E::Fr;
  using G1A = typename E::G1Affine;
  using G2A = typename E::G2Affine;
  std::mt19937_64 rng(77);
  auto g1 = [&] { return (E::G1::generator() * Fr::random(rng)).to_affine(); };
  auto g2 = [&] { return (E::G2::generator() * Fr::random(rng)).to_affine(); };
  for (int round = 0; round < 4; ++round) {
    // 2 variable pairs, 3 fixed pairs; round 1 puts infinity on each side of one pair, round 2
    // forces the generic fallback for one fixed point, round 3 has no variable pairs.
    std::vector<G1A> vp{g1(), g1()}, fp{g1(), g1(), g1()};
    std::vector<G2A> vq{g2(), g2()}, fq{g2(), g2(), g2()};
    if (round == 1) {
      vp[0] = G1A();
      fq[1] = G2A();
    }
    if (round == 3) {
      vp.clear();
      vq.clear();
      fq[2] = E::G2::generator().to_affine();  // snarkjs keys use gamma = the generator
      fp[2] = E::G1::generator().to_affine();
    }
    std::vector<typename Ops::G2Prepared> vprep, fprep;
    for (const auto& q : vq) vprep.push_back(Ops::prepare(q));
    for (const auto& q : fq) fprep.push_back(Ops::prepare(q));
    std::vector<typename Ops::Fixed> fixed;
    for (const auto& q : fprep) fixed.push_back(Ops::fix(q));
    if (round != 1) {
      for (const auto& f : fixed) ASSERT_EQ(f.normalized.size(), f.generic.lines.size());
    }
    if (round == 2) fixed[0].normalized.clear();

    std::vector<const typename Ops::G2Prepared*> vptr, all_q;
    std::vector<const typename Ops::Fixed*> fptr;
    std::vector<G1A> all_p;
    for (size_t i = 0; i < vp.size(); ++i) {
      vptr.push_back(&vprep[i]);
      all_p.push_back(vp[i]);
      all_q.push_back(&vprep[i]);
    }
    for (size_t i = 0; i < fp.size(); ++i) {
      fptr.push_back(&fixed[i]);
      all_p.push_back(fp[i]);
      all_q.push_back(&fprep[i]);
    }
    const auto expected = Ops::final_exponentiation(Ops::multi_miller_loop(all_p, all_q));
    const auto got = Ops::final_exponentiation(Ops::mixed_miller_loop(vp, vptr, fp, fptr));
    EXPECT_EQ(got, expected) << "round " << round;
    // An independent check of the product: bilinearity against the single pairings.
    typename Ops::GT prod = Ops::GT::one();
    for (size_t i = 0; i < all_p.size(); ++i) {
      const std::array<G1A, 1> p{all_p[i]};
      const std::array<const typename Ops::G2Prepared*, 1> q{all_q[i]};
      prod *= Ops::final_exponentiation(Ops::multi_miller_loop(p, q));
    }
    EXPECT_EQ(got, prod) << "round " << round;
  }
}

TYPED_TEST(FixedLinesTest, PairsCancelLikeTheVerificationEquation) {
  // e(aP, Q) * e(P, -aQ) == 1 with the second pair fixed: the shape verify() relies on.
  using E = TypeParam;
  using Ops = PairingOps<E>;
  using Fr = typename E::Fr;
  std::mt19937_64 rng(78);
  const Fr a = Fr::random(rng);
  const auto p = (E::G1::generator() * Fr::random(rng)).to_affine();
  const auto q = (E::G2::generator() * Fr::random(rng)).to_affine();
  const auto ap = (typename E::G1(p) * a).to_affine();
  const auto neg_aq = -(typename E::G2(q) * a).to_affine();
  const auto qp = Ops::prepare(q);
  const auto fixed = Ops::fix(Ops::prepare(neg_aq));
  const std::array<const typename Ops::G2Prepared*, 1> vq{&qp};
  const std::array<const typename Ops::Fixed*, 1> fq{&fixed};
  const auto f = Ops::mixed_miller_loop(std::span(&ap, 1), vq, std::span(&p, 1), fq);
  EXPECT_TRUE(Ops::final_exponentiation(f).is_one());
  // ... and a wrong scalar is caught.
  const auto wrong = (typename E::G1(p) * (a + Fr::one())).to_affine();
  const auto g = Ops::mixed_miller_loop(std::span(&wrong, 1), vq, std::span(&p, 1), fq);
  EXPECT_FALSE(Ops::final_exponentiation(g).is_one());
}

}  // namespace
}  // namespace supervm::zk
