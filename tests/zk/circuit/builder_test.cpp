// Circuit builder, built-in circuits and R1CS::is_satisfied.
#include "zk/circuit/builder.h"

#include <gtest/gtest.h>

#include <random>

#include "algebra/bls12_381/fields.h"
#include "algebra/bn254/fields.h"
#include "util/error.h"
#include "zk/circuit/builtin.h"

namespace supervm::zk {
namespace {

template <class Fr>
class CircuitTest : public ::testing::Test {};
using FieldTypes = ::testing::Types<algebra::bls12_381::Fr, algebra::bn254::Fr>;
TYPED_TEST_SUITE(CircuitTest, FieldTypes);

// Oracle for "first failing constraint": evaluates every row directly from the builder-free
// representation, without early exit, and returns the smallest failing index.
template <class Fr>
std::optional<size_t> first_failing(const R1cs<Fr>& r, const std::vector<Fr>& w) {
  std::optional<size_t> first;
  for (size_t i = r.constraints.size(); i-- > 0;) {
    auto eval = [&](const SparseRow<Fr>& row) {
      Fr s = Fr::zero();
      for (const auto& t : row) s = s + w.at(t.var) * t.coeff;
      return s;
    };
    if (eval(r.constraints[i].a) * eval(r.constraints[i].b) != eval(r.constraints[i].c)) first = i;
  }
  return first;
}

TYPED_TEST(CircuitTest, MultiplyLayoutAndWitness) {
  using Fr = TypeParam;
  auto inst =
      build_builtin_circuit<Fr>("multiply", {}, {{"a", Fr::from_u64(6)}, {"b", Fr::from_u64(7)}});
  ASSERT_EQ(inst.r1cs.num_constraints(), 1u);
  EXPECT_EQ(inst.r1cs.num_public, 1u);
  EXPECT_EQ(inst.r1cs.num_variables, 4u);
  EXPECT_FALSE(inst.r1cs.validate().has_value());
  // Layout: [1, c, a, b]: the public variable comes first although it was allocated last.
  ASSERT_EQ(inst.witness.size(), 4u);
  EXPECT_EQ(inst.witness[0], Fr::one());
  EXPECT_EQ(inst.witness[1], Fr::from_u64(42));
  EXPECT_EQ(inst.witness[2], Fr::from_u64(6));
  EXPECT_EQ(inst.witness[3], Fr::from_u64(7));
  EXPECT_EQ(inst.public_inputs(), std::vector<Fr>{Fr::from_u64(42)});
  const auto& c = inst.r1cs.constraints[0];
  ASSERT_EQ(c.a.size(), 1u);
  EXPECT_EQ(c.a[0].var, 2u);
  EXPECT_EQ(c.b[0].var, 3u);
  EXPECT_EQ(c.c[0].var, 1u);
  EXPECT_TRUE(inst.r1cs.is_satisfied(inst.witness).ok);

  inst.witness[1] = Fr::from_u64(43);
  auto res = inst.r1cs.is_satisfied(inst.witness);
  EXPECT_FALSE(res.ok);
  EXPECT_EQ(res.failing_constraint, 0u);
  EXPECT_NE(res.message.find("c = a*b"), std::string::npos) << res.message;
}

TYPED_TEST(CircuitTest, WitnessShapeErrors) {
  using Fr = TypeParam;
  auto inst = build_builtin_circuit<Fr>("multiply", {});
  auto w = inst.witness;
  w.pop_back();
  auto res = inst.r1cs.is_satisfied(w);
  EXPECT_FALSE(res.ok);
  EXPECT_FALSE(res.failing_constraint.has_value());
  w = inst.witness;
  w[0] = Fr::from_u64(2);
  EXPECT_FALSE(inst.r1cs.is_satisfied(w).ok);
  EXPECT_NE(inst.r1cs.is_satisfied(w).message.find("witness[0]"), std::string::npos);

  R1cs<Fr> bad = inst.r1cs;
  bad.constraints[0].b[0].var = 4;
  EXPECT_TRUE(bad.validate().has_value());
  bad = inst.r1cs;
  bad.num_public = 4;
  EXPECT_TRUE(bad.validate().has_value());
}

TYPED_TEST(CircuitTest, ChainComputesRepeatedSquares) {
  using Fr = TypeParam;
  const Fr x = Fr::from_u64(987654321);
  auto inst = build_builtin_circuit<Fr>("chain", {{"k", "10"}, {"p", "3"}}, {{"x", x}});
  EXPECT_EQ(inst.r1cs.num_constraints(), 10u);
  EXPECT_EQ(inst.r1cs.num_public, 3u);
  EXPECT_EQ(inst.r1cs.num_variables, 1u + 11u);
  EXPECT_TRUE(inst.r1cs.is_satisfied(inst.witness).ok);
  // Oracle: the public inputs are x^(2^8), x^(2^9), x^(2^10), via Fr::pow.
  auto pub = inst.public_inputs();
  for (uint64_t j = 0; j < 3; ++j) {
    const uint64_t e = uint64_t{1} << (8 + j);
    EXPECT_EQ(pub[j], x.pow(std::span<const uint64_t>(&e, 1))) << j;
  }
}

TYPED_TEST(CircuitTest, RangeCircuit) {
  using Fr = TypeParam;
  auto ok = build_builtin_circuit<Fr>("range", {{"bits", "8"}}, {{"v", Fr::from_u64(200)}});
  EXPECT_EQ(ok.r1cs.num_constraints(), 9u);
  EXPECT_EQ(ok.r1cs.num_public, 1u);
  EXPECT_TRUE(ok.r1cs.is_satisfied(ok.witness).ok);
  auto def = build_builtin_circuit<Fr>("range", {{"bits", "8"}});
  EXPECT_EQ(def.public_inputs()[0], Fr::from_u64(255));
  EXPECT_TRUE(def.r1cs.is_satisfied(def.witness).ok);

  // 256 does not fit in 8 bits: the recomposition (last) constraint names itself.
  auto bad = build_builtin_circuit<Fr>("range", {{"bits", "8"}}, {{"v", Fr::from_u64(256)}});
  auto res = bad.r1cs.is_satisfied(bad.witness);
  EXPECT_FALSE(res.ok);
  EXPECT_EQ(res.failing_constraint, 8u);
  EXPECT_NE(res.message.find("v = sum of bits"), std::string::npos) << res.message;

  // A non-boolean bit breaks its booleanity constraint first.
  auto w = ok.witness;
  w[2 + 3] = Fr::from_u64(2);  // bit 3 (variables: 1, v, bit0..bit7)
  res = ok.r1cs.is_satisfied(w);
  EXPECT_EQ(res.failing_constraint, 3u);
  EXPECT_NE(res.message.find("bit3"), std::string::npos) << res.message;
}

TYPED_TEST(CircuitTest, BadNamesAndParamsAreUsageErrors) {
  using Fr = TypeParam;
  auto expect_usage = [](auto fn) {
    try {
      fn();
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::kUsage);
    }
  };
  expect_usage([] { build_builtin_circuit<Fr>("nope", {}); });
  expect_usage([] { build_builtin_circuit<Fr>("chain", {{"k", "0"}}); });
  expect_usage([] { build_builtin_circuit<Fr>("chain", {{"k", "3"}, {"p", "4"}}); });
  expect_usage([] { build_builtin_circuit<Fr>("chain", {{"k", "x3"}}); });
  expect_usage([] { build_builtin_circuit<Fr>("chain", {{"kk", "3"}}); });
  expect_usage([] { build_builtin_circuit<Fr>("range", {{"bits", "400"}}); });
  expect_usage([] { build_builtin_circuit<Fr>("multiply", {}, {{"c", Fr::one()}}); });
}

// Random circuits: products of random linear combinations, values computed by the builder.
// Satisfied as built; after corrupting one witness entry, is_satisfied reports exactly the first
// constraint that the direct oracle finds failing.
TYPED_TEST(CircuitTest, RandomCircuitsFirstFailure) {
  using Fr = TypeParam;
  std::mt19937_64 rng(0x5eed0001);
  for (int round = 0; round < 30; ++round) {
    CircuitBuilder<Fr> cb;
    std::vector<Variable> vars{cb.one()};
    for (int i = 0; i < 3; ++i) vars.push_back(cb.alloc_private(Fr::random(rng)));
    const int m = 5 + static_cast<int>(rng() % 20);
    for (int i = 0; i < m; ++i) {
      auto random_lc = [&] {
        typename CircuitBuilder<Fr>::LC lc;
        const int terms = 1 + static_cast<int>(rng() % 3);
        for (int t = 0; t < terms; ++t) lc.add_term(vars[rng() % vars.size()], Fr::random(rng));
        return lc;
      };
      auto a = random_lc();
      auto b = random_lc();
      Fr prod = cb.value(a) * cb.value(b);
      Variable out = (rng() % 3 == 0) ? cb.alloc_public(prod) : cb.alloc_private(prod);
      cb.enforce(a, b, out, "g" + std::to_string(i));
      vars.push_back(out);
    }
    auto inst = std::move(cb).finish();
    ASSERT_FALSE(inst.r1cs.validate().has_value());
    ASSERT_TRUE(inst.r1cs.is_satisfied(inst.witness).ok);
    ASSERT_FALSE(first_failing(inst.r1cs, inst.witness).has_value());
    auto w = inst.witness;
    const size_t victim = 1 + rng() % (w.size() - 1);
    w[victim] += Fr::one();
    auto expected = first_failing(inst.r1cs, w);
    auto res = inst.r1cs.is_satisfied(w);
    EXPECT_EQ(res.ok, !expected.has_value());
    EXPECT_EQ(res.failing_constraint, expected);
  }
}

}  // namespace
}  // namespace supervm::zk
