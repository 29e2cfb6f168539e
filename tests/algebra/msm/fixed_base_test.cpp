// Fixed-base tables against plain (GLV) scalar multiplication, for several window widths,
// edge scalars (0, 1, r - 1, 2^k) and the batch interface.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "algebra/bls12_381/g1.h"
#include "algebra/bls12_381/g2.h"
#include "algebra/bn254/g1.h"
#include "algebra/bn254/g2.h"
#include "algebra/curve/fixed_base.h"

namespace supervm::algebra {
namespace {

template <class J>
class FixedBaseTest : public ::testing::Test {};
using Groups = ::testing::Types<bls12_381::G1, bls12_381::G2, bn254::G1, bn254::G2>;
TYPED_TEST_SUITE(FixedBaseTest, Groups);

TYPED_TEST(FixedBaseTest, MatchesScalarMul) {
  using J = TypeParam;
  using Fr = typename J::Scalar;
  std::mt19937_64 rng(21);
  J base = J::random(rng);
  std::vector<Fr> ks = {Fr::zero(), Fr::one(), -Fr::one(), Fr::from_u64(2), -Fr::from_u64(2),
                        Fr::from_u64(uint64_t{1} << 63), Fr::from_u64(255), Fr::from_u64(128)};
  for (int i = 0; i < 24; ++i) ks.push_back(Fr::random(rng));
  for (unsigned w : {2u, 5u, 8u}) {
    curve::FixedBaseTable table(base, Fr::kModulusBits, w);
    for (const auto& k : ks) EXPECT_EQ(table.mul(k), base * k) << "w=" << w;
    auto batch = table.batch_mul(ks);
    ASSERT_EQ(batch.size(), ks.size());
    for (size_t i = 0; i < ks.size(); ++i) EXPECT_EQ(J(batch[i]), base * ks[i]) << i;
  }
  curve::FixedBaseTable inf_table((J()));
  EXPECT_TRUE(inf_table.mul(Fr::random(rng)).is_infinity());
}

}  // namespace
}  // namespace supervm::algebra
