// Setup + prove + verify round trips on both curves, and every way a proof can be wrong.
#include <gtest/gtest.h>
#include <tbb/parallel_for.h>

#include <random>

#include "util/error.h"
#include "util/random.h"
#include "zk/circuit/builtin.h"
#include "zk/groth16/prover.h"
#include "zk/groth16/setup.h"
#include "zk/groth16/verifier.h"

namespace supervm::zk {
namespace {

template <class E>
class Groth16Test : public ::testing::Test {};
using Engines = ::testing::Types<Bls12_381Engine, Bn254Engine>;
TYPED_TEST_SUITE(Groth16Test, Engines);

template <class E>
struct Fixture {
  CircuitInstance<typename E::Fr> inst;
  ProvingKey<E> pk;
  PreparedVerifyingKey<E> pvk;
  Proof<E> proof;
};

template <class E>
Fixture<E> make(std::string_view circuit, const CircuitParams& params, uint64_t seed) {
  Fixture<E> f;
  f.inst = build_builtin_circuit<typename E::Fr>(circuit, params);
  auto rng = util::RandomSource::deterministic(seed);
  f.pk = generate_keys<E>(f.inst.r1cs, rng);
  f.pvk = prepare_verifying_key(f.pk.vk);
  f.proof = prove(f.pk, std::span<const typename E::Fr>(f.inst.witness), rng);
  return f;
}

template <class E>
bool ok(const Fixture<E>& f, const Proof<E>& p, const std::vector<typename E::Fr>& x) {
  return verify(f.pvk, p, std::span<const typename E::Fr>(x)).valid;
}

TYPED_TEST(Groth16Test, KeyShapeFollowsSnarkjsLayout) {
  using E = TypeParam;
  auto f = make<E>("chain", {{"k", "5"}, {"p", "2"}}, 1);
  // 5 constraints + 2 public + 1 -> domain 8; 1 + 2 public + 4 private variables.
  EXPECT_EQ(f.pk.domain_size, 8u);
  EXPECT_EQ(f.pk.num_variables, 7u);
  EXPECT_EQ(f.pk.num_public, 2u);
  EXPECT_EQ(f.pk.vk.ic.size(), 3u);
  EXPECT_EQ(f.pk.a_query.size(), 7u);
  EXPECT_EQ(f.pk.b_g2_query.size(), 7u);
  EXPECT_EQ(f.pk.l_query.size(), 4u);
  EXPECT_EQ(f.pk.h_query.size(), 8u);
  EXPECT_EQ(check_proving_key(f.pk), "");
  // Input-consistency rows: A[m + j][j] = 1 for j = 0..num_public, after the 5 constraint rows.
  size_t extra = 0;
  for (const auto& e : f.pk.a_rows)
    if (e.row >= 5) {
      EXPECT_EQ(e.var, e.row - 5);
      EXPECT_EQ(e.value, E::Fr::one());
      ++extra;
    }
  EXPECT_EQ(extra, 3u);
  EXPECT_EQ(qap_domain_size(5, 2), 8u);
  EXPECT_EQ(qap_domain_size(4, 3), 8u);   // snarkjs: 2^(floor(log2(7)) + 1)
  EXPECT_EQ(qap_domain_size(4, 4), 16u);  // snarkjs: 2^(floor(log2(8)) + 1)
}

TYPED_TEST(Groth16Test, RoundTripsAndDeterministicSetup) {
  using E = TypeParam;
  for (auto [name, params] : std::vector<std::pair<std::string, CircuitParams>>{
           {"multiply", {}}, {"chain", {{"k", "6"}, {"p", "3"}}}, {"range", {{"bits", "8"}}}}) {
    auto f = make<E>(name, params, 7);
    const auto x = f.inst.public_inputs();
    EXPECT_TRUE(ok(f, f.proof, x)) << name;
    // Same seed, same keys; a second proof differs (fresh r, s) and verifies too.
    auto g = make<E>(name, params, 7);
    EXPECT_EQ(g.pk.vk.alpha_g1, f.pk.vk.alpha_g1);
    EXPECT_EQ(g.pk.h_query, f.pk.h_query);
    auto rng = util::RandomSource::system();
    auto p2 = prove(f.pk, std::span<const typename E::Fr>(f.inst.witness), rng);
    EXPECT_FALSE(p2 == f.proof);
    EXPECT_TRUE(ok(f, p2, x)) << name;
    // A different seed gives an unrelated key: the proof does not verify under it.
    auto h = make<E>(name, params, 8);
    EXPECT_FALSE(verify(h.pvk, f.proof, std::span<const typename E::Fr>(x)).valid) << name;
  }
}

TYPED_TEST(Groth16Test, TamperedProofsAndInputsAreRejected) {
  using E = TypeParam;
  using Fr = typename E::Fr;
  auto f = make<E>("chain", {{"k", "4"}, {"p", "3"}}, 3);
  const auto x = f.inst.public_inputs();
  ASSERT_TRUE(ok(f, f.proof, x));
  const auto g1 = E::G1::generator();
  const auto g2 = E::G2::generator();

  auto p = f.proof;
  p.a = (typename E::G1(p.a) + g1).to_affine();
  EXPECT_FALSE(ok(f, p, x));
  p = f.proof;
  p.b = (typename E::G2(p.b) + g2).to_affine();
  EXPECT_FALSE(ok(f, p, x));
  p = f.proof;
  p.c = (typename E::G1(p.c) + g1).to_affine();
  EXPECT_FALSE(ok(f, p, x));
  p = f.proof;
  p.c = -p.c;
  EXPECT_FALSE(ok(f, p, x));
  p = f.proof;
  std::swap(p.a, p.c);
  EXPECT_FALSE(ok(f, p, x));
  p = f.proof;
  p.a = typename E::G1Affine();  // infinity
  EXPECT_FALSE(ok(f, p, x));

  // Both ways of combining the inputs (fixed-base tables / MSM) agree.
  const auto plain = prepare_verifying_key(f.pk.vk, InputTables::kSkip);
  ASSERT_TRUE(plain.ic_tables.empty());
  ASSERT_EQ(f.pvk.ic_tables.size(), 4u);
  EXPECT_TRUE(verify(plain, f.proof, std::span<const Fr>(x)).valid);
  for (size_t j = 0; j < x.size(); ++j) {
    auto y = x;
    y[j] += Fr::one();
    EXPECT_FALSE(ok(f, f.proof, y)) << j;
    EXPECT_FALSE(verify(plain, f.proof, std::span<const Fr>(y)).valid) << j;
  }
  auto res = verify(f.pvk, f.proof, std::span<const Fr>(x.data(), 2));
  EXPECT_FALSE(res.valid);
  EXPECT_NE(res.error.find("expected 3 public inputs, got 2"), std::string::npos) << res.error;
  auto longer = x;
  longer.push_back(Fr::zero());
  EXPECT_FALSE(ok(f, f.proof, longer));
}

TYPED_TEST(Groth16Test, PointsOffCurveOrSubgroupAreRejected) {
  using E = TypeParam;
  using Fr = typename E::Fr;
  auto f = make<E>("multiply", {}, 4);
  const auto x = f.inst.public_inputs();
  auto p = f.proof;
  p.a.x += E::Fq::one();  // off the curve (y^2 = x^3 + b no longer holds, except by accident)
  ASSERT_FALSE(p.a.is_on_curve());
  auto res = verify(f.pvk, p, std::span<const Fr>(x));
  EXPECT_FALSE(res.valid);
  EXPECT_NE(res.error.find("not on the curve"), std::string::npos) << res.error;

  // A point of the twist curve E'(Fq2) outside the order-r subgroup (both curves' G2 have a
  // cofactor).
  std::mt19937_64 rng(5);
  typename E::G2Affine q;
  do q = E::G2Affine::random_on_curve(rng);
  while (q.is_in_subgroup());
  p = f.proof;
  p.b = q;
  res = verify(f.pvk, p, std::span<const Fr>(x));
  EXPECT_FALSE(res.valid);
  EXPECT_NE(res.error.find("subgroup"), std::string::npos) << res.error;
}

TYPED_TEST(Groth16Test, BadWitnessIsAUsageErrorNamingTheConstraint) {
  using E = TypeParam;
  using Fr = typename E::Fr;
  auto f = make<E>("range", {{"bits", "8"}}, 5);
  auto rng = util::RandomSource::deterministic(55);
  auto w = f.inst.witness;
  w[2 + 4] = Fr::from_u64(3);  // bit 4 is not boolean: constraint 4 fails first
  try {
    prove(f.pk, std::span<const Fr>(w), rng);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kUsage);
    EXPECT_NE(std::string(e.what()).find("constraint 4"), std::string::npos) << e.what();
  }
  // With the R1CS at hand the message also carries the constraint's name.
  ProveOptions<E> opt;
  opt.r1cs = &f.inst.r1cs;
  try {
    prove(f.pk, std::span<const Fr>(w), rng, opt);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kUsage);
    EXPECT_NE(std::string(e.what()).find("constraint 4 (bit4 is boolean)"), std::string::npos)
        << e.what();
  }
  VerifyingKey<E> empty_vk = f.pk.vk;
  empty_vk.ic.clear();
  EXPECT_THROW(prepare_verifying_key(empty_vk), Error);
  auto other = build_builtin_circuit<Fr>("multiply", {});
  opt.r1cs = &other.r1cs;
  EXPECT_THROW(prove(f.pk, std::span<const Fr>(f.inst.witness), rng, opt), Error);
  w = f.inst.witness;
  w.pop_back();
  EXPECT_THROW(prove(f.pk, std::span<const Fr>(w), rng), Error);
  w = f.inst.witness;
  w[0] = Fr::zero();
  EXPECT_THROW(prove(f.pk, std::span<const Fr>(w), rng), Error);
}

// A key without the C matrix (as read from a .zkey) proves good witnesses and catches bad ones
// by verifying its own proof.
TYPED_TEST(Groth16Test, KeyWithoutCMatrix) {
  using E = TypeParam;
  using Fr = typename E::Fr;
  auto f = make<E>("range", {{"bits", "8"}}, 6);
  f.pk.c_rows.reset();
  f.pk.num_constraints = 0;
  auto rng = util::RandomSource::deterministic(66);
  ProveOptions<E> opt;
  opt.pvk = &f.pvk;
  auto proof = prove(f.pk, std::span<const Fr>(f.inst.witness), rng, opt);
  EXPECT_TRUE(ok(f, proof, f.inst.public_inputs()));
  // The self-check's cached prepared key follows the key in use: alternate two keys.
  auto g = make<E>("range", {{"bits", "8"}}, 16);
  g.pk.c_rows.reset();
  for (int round = 0; round < 2; ++round) {
    for (auto* fx : {&f, &g}) {
      auto p = prove(fx->pk, std::span<const Fr>(fx->inst.witness), rng);
      EXPECT_TRUE(ok(*fx, p, fx->inst.public_inputs()));
    }
  }
  auto w = f.inst.witness;
  w[1] = Fr::from_u64(17);  // v no longer matches its bits
  try {
    prove(f.pk, std::span<const Fr>(w), rng);  // without options.pvk: prepares its own
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kUsage);
    EXPECT_NE(std::string(e.what()).find("does not satisfy"), std::string::npos) << e.what();
  }
}

// One proving key (const) serves concurrent provers; every proof verifies for its own statement.
TYPED_TEST(Groth16Test, ConcurrentProversShareOneKey) {
  using E = TypeParam;
  using Fr = typename E::Fr;
  auto f = make<E>("chain", {{"k", "8"}, {"p", "2"}}, 10);
  const ProvingKey<E>& pk = f.pk;
  constexpr size_t kProofs = 6;
  std::vector<CircuitInstance<Fr>> insts(kProofs);
  std::vector<Proof<E>> proofs(kProofs);
  tbb::parallel_for(size_t{0}, kProofs, [&](size_t i) {
    insts[i] = build_builtin_circuit<Fr>("chain", {{"k", "8"}, {"p", "2"}},
                                         {{"x", Fr::from_u64(1000 + i)}});
    auto rng = util::RandomSource::system();
    proofs[i] = prove(pk, std::span<const Fr>(insts[i].witness), rng);
  });
  for (size_t i = 0; i < kProofs; ++i) {
    EXPECT_TRUE(ok(f, proofs[i], insts[i].public_inputs())) << i;
    EXPECT_FALSE(ok(f, proofs[i], insts[(i + 1) % kProofs].public_inputs())) << i;
  }
}

TYPED_TEST(Groth16Test, InconsistentKeyIsRejected) {
  using E = TypeParam;
  auto f = make<E>("multiply", {}, 9);
  auto rng = util::RandomSource::deterministic(99);
  auto pk = f.pk;
  pk.h_query.pop_back();
  EXPECT_NE(check_proving_key(pk), "");
  EXPECT_THROW(prove(pk, std::span<const typename E::Fr>(f.inst.witness), rng), Error);
  pk = f.pk;
  pk.a_rows[0].var = 99;
  EXPECT_NE(check_proving_key(pk), "");
  pk = f.pk;
  pk.b_rows[0].row = static_cast<uint32_t>(pk.domain_size);
  EXPECT_NE(check_proving_key(pk), "");
}

}  // namespace
}  // namespace supervm::zk
