// circom .r1cs / .wtns and snarkjs .zkey against independent oracles: snarkjs' own JSON
// exports (r1cs.json, witness.json, verification_key.json), the circuit's constraints, and
// G's prover + verifier (a proof made from the .zkey and .wtns verifies under the JSON key).
#include <gtest/gtest.h>

#include "util/error.h"
#include "util/random.h"
#include "vectors.h"
#include "zk/formats/circom_r1cs.h"
#include "zk/formats/circom_wtns.h"
#include "zk/formats/snarkjs_json.h"
#include "zk/formats/snarkjs_zkey.h"
#include "zk/groth16/prover.h"
#include "zk/groth16/verifier.h"

namespace supervm::zk::formats {
namespace {

using nlohmann::json;
using testing::read_bytes;
using testing::read_text;
using testing::vector_path;

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no supervm::Error thrown";
  return "";
}

template <class E>
void check_r1cs_against_json(const std::string& dir, const std::string& circuit) {
  SCOPED_TRACE(dir);
  using Fr = typename E::Fr;
  auto r1cs = read_r1cs<Fr>(read_bytes(vector_path(dir + "/" + circuit + ".r1cs")), "c.r1cs");
  json j = json::parse(read_text(vector_path(dir + "/" + circuit + ".r1cs.json")));
  ASSERT_EQ(r1cs.num_variables, j["nVars"].get<size_t>());
  ASSERT_EQ(r1cs.num_public, j["nOutputs"].get<size_t>() + j["nPubInputs"].get<size_t>());
  ASSERT_EQ(r1cs.num_constraints(), j["nConstraints"].get<size_t>());
  for (size_t i = 0; i < r1cs.num_constraints(); ++i) {
    const auto& c = r1cs.constraints[i];
    const SparseRow<Fr>* rows[3] = {&c.a, &c.b, &c.c};
    for (int k = 0; k < 3; ++k) {
      const json& lc = j["constraints"][i][k];
      ASSERT_EQ(rows[k]->size(), lc.size()) << "constraint " << i;
      for (const auto& t : *rows[k])
        ASSERT_EQ(t.coeff.to_decimal(), lc[std::to_string(t.var)].template get<std::string>());
    }
  }
}

TEST(CircomR1cs, MatchesSnarkjsJsonExport) {
  for (const auto& c : testing::circuits()) {
    if (c == "merkle20") continue;  // 3 MB of JSON: the two small circuits cover the format
    check_r1cs_against_json<Bn254Engine>("bn128/" + c, c);
    check_r1cs_against_json<Bls12_381Engine>("bls12381/" + c, c);
  }
  auto big = read_bytes(vector_path("bn128/merkle20/merkle20.r1cs"));
  EXPECT_EQ(r1cs_curve(big, "m.r1cs"), algebra::CurveId::kBn254);
  auto r = read_r1cs<Bn254Engine::Fr>(big, "m.r1cs");
  EXPECT_EQ(r.num_constraints(), 11353u);
  EXPECT_EQ(r.num_public, 3u);
}

template <class E>
void check_witnesses(const std::string& dir, const std::string& circuit, int count) {
  using Fr = typename E::Fr;
  auto r1cs = read_r1cs<Fr>(read_bytes(vector_path(dir + "/" + circuit + ".r1cs")), "c.r1cs");
  for (int i = 1; i <= count; ++i) {
    std::string pd = dir + "/proofs/valid_0" + std::to_string(i);
    SCOPED_TRACE(pd);
    auto wb = read_bytes(vector_path(pd + "/witness.wtns"));
    auto w = read_wtns<Fr>(wb, "witness.wtns");
    json wj = json::parse(read_text(vector_path(pd + "/witness.json")));
    ASSERT_EQ(w.size(), wj.size());
    for (size_t k = 0; k < w.size(); ++k)
      ASSERT_EQ(w[k].to_decimal(), wj[k].template get<std::string>());
    auto sat = r1cs.is_satisfied(w);
    EXPECT_TRUE(sat.ok) << sat.message;
    EXPECT_EQ(write_wtns<Fr>(w), wb);  // byte-identical to what snarkjs wrote
    // A wrong private value breaks some constraint.
    w.back() += Fr::one();
    EXPECT_FALSE(r1cs.is_satisfied(w).ok);
  }
}

TEST(CircomWtns, ValuesMatchJsonAndSatisfyTheR1cs) {
  check_witnesses<Bn254Engine>("bn128/multiplier", "multiplier", 8);
  check_witnesses<Bls12_381Engine>("bls12381/multiplier", "multiplier", 8);
  check_witnesses<Bn254Engine>("bn128/range64", "range64", 8);
  check_witnesses<Bls12_381Engine>("bls12381/range64", "range64", 8);
  check_witnesses<Bn254Engine>("bn128/merkle20", "merkle20", 1);
  check_witnesses<Bls12_381Engine>("bls12381/merkle20", "merkle20", 1);
}

template <class E>
void check_zkey(const std::string& dir, const std::string& circuit) {
  SCOPED_TRACE(dir);
  using Fr = typename E::Fr;
  auto bytes = read_bytes(vector_path(dir + "/" + circuit + "_final.zkey"));
  EXPECT_EQ(zkey_curve(bytes, "k.zkey"), E::kCurve);
  auto pk = read_zkey<E>(bytes, "k.zkey");
  EXPECT_EQ(check_proving_key(pk), "");
  auto vk = read_vk_json<E>(read_text(vector_path(dir + "/verification_key.json")), "vk.json");
  EXPECT_TRUE(pk.vk.alpha_g1 == vk.alpha_g1);
  EXPECT_TRUE(pk.vk.beta_g2 == vk.beta_g2);
  EXPECT_TRUE(pk.vk.gamma_g2 == vk.gamma_g2);
  EXPECT_TRUE(pk.vk.delta_g2 == vk.delta_g2);
  EXPECT_EQ(pk.vk.ic, vk.ic);
  auto r1cs = read_r1cs<Fr>(read_bytes(vector_path(dir + "/" + circuit + ".r1cs")), "c.r1cs");
  EXPECT_EQ(pk.num_variables, r1cs.num_variables);
  EXPECT_EQ(pk.num_public, r1cs.num_public);
  EXPECT_GE(pk.domain_size, r1cs.num_constraints() + r1cs.num_public + 1);
  // Section 4 decoding (value * R^2): the input-consistency rows A[m + j][j] are exactly 1, and
  // the A coefficients of the R1CS rows equal the .r1cs coefficients.
  size_t m = r1cs.num_constraints(), ones = 0;
  for (const auto& e : pk.a_rows) {
    if (e.row >= m) {
      EXPECT_EQ(e.var, e.row - m);
      EXPECT_TRUE(e.value == Fr::one());
      ++ones;
    }
  }
  EXPECT_EQ(ones, r1cs.num_public + 1);
  Fr sum_zkey = Fr::zero(), sum_r1cs = Fr::zero();
  for (const auto& e : pk.b_rows)
    sum_zkey += e.value * Fr::from_u64(e.row + 1) * Fr::from_u64(e.var + 7);
  for (size_t i = 0; i < m; ++i)
    for (const auto& t : r1cs.constraints[i].b)
      sum_r1cs += t.coeff * Fr::from_u64(i + 1) * Fr::from_u64(t.var + 7);
  EXPECT_TRUE(sum_zkey == sum_r1cs);

  // A proof made by supervm from the .zkey and a snarkjs witness verifies under snarkjs' vk
  // (merkle20 is proved in tests/interop, which also asks snarkjs).
  if (circuit == "merkle20") return;
  auto w = read_wtns<Fr>(read_bytes(vector_path(dir + "/proofs/valid_01/witness.wtns")), "w.wtns");
  auto rng = util::RandomSource::deterministic(7);
  auto proof = prove<E>(pk, w, rng);
  auto pvk = prepare_verifying_key<E>(vk);
  std::vector<Fr> pub(w.begin() + 1, w.begin() + 1 + pk.num_public);
  auto res = verify<E>(pvk, proof, pub);
  EXPECT_TRUE(res.valid) << res.error;
  // And the snarkjs proof of the same statement verifies too.
  auto sp = read_proof_json<E>(read_text(vector_path(dir + "/proofs/valid_01/proof.json")), "p");
  EXPECT_TRUE(verify<E>(pvk, sp, pub).valid);
}

TEST(SnarkjsZkey, Bn254KeysMatchVerificationKeysAndProve) {
  for (const auto& c : testing::circuits()) check_zkey<Bn254Engine>("bn128/" + c, c);
}
TEST(SnarkjsZkey, Bls12_381KeysMatchVerificationKeysAndProve) {
  for (const auto& c : testing::circuits()) check_zkey<Bls12_381Engine>("bls12381/" + c, c);
}

TEST(CircomFiles, WrongCurveAndDamagedFilesNameTheProblem) {
  auto zkey = read_bytes(vector_path("bls12381/multiplier/multiplier_final.zkey"));
  EXPECT_EQ(error_of([&] { read_zkey<Bn254Engine>(zkey, "k.zkey"); }),
            "k.zkey: header.n8q: field size 48 bytes, expected 32 for the base field q of bn254");
  auto r1cs = read_bytes(vector_path("bn128/multiplier/multiplier.r1cs"));
  EXPECT_EQ(error_of([&] { read_r1cs<Bls12_381Engine::Fr>(r1cs, "c.r1cs"); }),
            "c.r1cs: header.prime: prime is not the scalar field r of BLS12-381 (file made for "
            "another curve?)");
  auto wtns = read_bytes(vector_path("bn128/multiplier/proofs/valid_01/witness.wtns"));
  EXPECT_EQ(error_of([&] { read_wtns<Bls12_381Engine::Fr>(wtns, "w.wtns"); }),
            "w.wtns: header.prime: prime is not the scalar field r of BLS12-381 (file made for "
            "another curve?)");
  EXPECT_EQ(error_of([&] { read_wtns<Bn254Engine::Fr>(r1cs, "w.wtns"); }),
            "w.wtns: magic: not a wtns file (magic bytes differ)");
  auto cut = zkey;
  cut.resize(cut.size() - 1);
  EXPECT_NE(error_of([&] {
              read_zkey<Bls12_381Engine>(cut, "k.zkey");
            }).find("extends past the end of the file"),
            std::string::npos);
  // A witness value >= r.
  auto bad = wtns;
  for (size_t i = 0; i < 32; ++i) bad[bad.size() - 32 + i] = 0xff;
  EXPECT_EQ(error_of([&] { read_wtns<Bn254Engine::Fr>(bad, "w.wtns"); }),
            "w.wtns: witness[7]: value is not canonical (>= r)");
  // A zkey point moved off the curve (first byte of IC[0].y).
  auto off = read_bytes(vector_path("bn128/multiplier/multiplier_final.zkey"));
  off[712 + 12 + 32] ^= 1;  // section 3 starts at 712 (header) + 12
  EXPECT_EQ(error_of([&] { read_zkey<Bn254Engine>(off, "k.zkey"); }),
            "k.zkey: IC[0]: point is not on the curve");
}

}  // namespace
}  // namespace supervm::zk::formats
