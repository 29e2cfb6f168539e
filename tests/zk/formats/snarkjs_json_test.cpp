// snarkjs JSON: every vk / proof / public file of the shared vectors (both curves), round
// trips, and the strict policy for every lenient encoding (edge_cases.json and hand-made ones).
#include "zk/formats/snarkjs_json.h"

#include <gtest/gtest.h>

#include <random>

#include "util/error.h"
#include "vectors.h"

namespace supervm::zk::formats {
namespace {

using nlohmann::json;
using testing::read_text;
using testing::vector_path;

// Runs f and returns the supervm::Error message (fails the test if nothing or something else
// is thrown).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kUsage) << e.what();
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "unexpected exception type: " << e.what();
    return "";
  }
  ADD_FAILURE() << "no error thrown";
  return "";
}

// Parses vk + proof + public of a case on the curve named by the vk.
struct Parsed {
  bool ok = false;
  std::string error;
};

template <class E>
void parse_case(const json& vk_j, const json& proof_j, const json& pub_j) {
  auto vk = vk_from_json<E>(vk_j, "verification_key.json");
  proof_from_json<E>(proof_j, "proof.json");
  public_from_json<E>(pub_j, vk.num_public(), "public.json");
}

Parsed parse_files(const std::string& vk, const std::string& proof, const std::string& pub) {
  Parsed r;
  try {
    json vk_j = parse_json_text(read_text(vector_path(vk)), "verification_key.json");
    json proof_j = parse_json_text(read_text(vector_path(proof)), "proof.json");
    json pub_j = parse_json_text(read_text(vector_path(pub)), "public.json");
    if (snarkjs_curve(vk_j, "verification_key.json") == algebra::CurveId::kBn254)
      parse_case<Bn254Engine>(vk_j, proof_j, pub_j);
    else
      parse_case<Bls12_381Engine>(vk_j, proof_j, pub_j);
    r.ok = true;
  } catch (const Error& e) {
    r.error = e.what();
  }
  return r;
}

TEST(SnarkjsJson, EveryManifestCaseParsesOrFailsForItsReason) {
  json m = testing::manifest();
  ASSERT_EQ(m["cases"].size(), 94u);
  for (const auto& c : m["cases"]) {
    std::string id = c["id"];
    std::string cat = c["category"];
    std::string kind = c["kind"];
    Parsed p = parse_files(c["vk"], c["proof"], c["public"]);
    if (cat == "valid" || cat == "wrong-proof") {
      EXPECT_TRUE(p.ok) << id << ": " << p.error;
    } else {
      ASSERT_FALSE(p.ok) << id << " parsed but is " << cat;
      std::string want;
      if (kind == "pi_a_x_plus_1") want = "proof.json: pi_a: point is not on the curve";
      if (kind == "pi_b_fp2_swapped") want = "proof.json: pi_b: point is not on the curve";
      if (kind == "pi_b_not_on_curve") want = "proof.json: pi_b: point is not on the curve";
      if (kind == "malformed_missing_pi_c") want = "proof.json: pi_c: required field is missing";
      if (kind == "malformed_non_numeric")
        want = "proof.json: pi_a[1]: not a decimal string (only the digits 0-9 are allowed)";
      ASSERT_FALSE(want.empty()) << "no expectation for kind " << kind;
      EXPECT_EQ(p.error, want) << id;
    }
  }
}

// The policy table of man 5 supervm-formats, section SNARKJS JSON.
TEST(SnarkjsJson, EveryEdgeCaseRejectedWithItsMessage) {
  json cases = testing::edge_cases();
  ASSERT_EQ(cases.size(), 36u);
  for (const auto& c : cases) {
    std::string id = c["id"];
    std::string kind = c["kind"];
    Parsed p = parse_files(c["vk"], c["proof"], c["public"]);
    ASSERT_FALSE(p.ok) << id << " was accepted";
    std::string want;
    if (kind == "pi_a_jacobian_z2")
      want = "proof.json: pi_a[2]: z must be \"1\": only affine coordinates are accepted";
    else if (kind == "pi_a_x_plus_p" || kind == "pi_a_x_plus_2pow256" ||
             kind == "pi_a_x_plus_2pow384")
      want = "proof.json: pi_a[0]: not a canonical decimal below p (value >= p)";
    else if (kind == "hex_coordinates")
      want = "proof.json: pi_a[0]: hexadecimal \"0x...\" is not accepted";
    else if (kind == "pi_a_pi_c_two_coords")
      want = "proof.json: pi_a: expected a G1 point [x, y, z] with 3 elements, got 2";
    else if (kind == "public_as_json_numbers")
      want = "public.json: [0]: expected a decimal string, got a JSON number";
    else if (kind == "public_trailing_zero_dropped")
      want = "public signals, the verifying key expects nPublic = ";
    ASSERT_FALSE(want.empty()) << "no policy for edge kind " << kind;
    EXPECT_NE(p.error.find(want), std::string::npos) << id << ": got " << p.error;
  }
}

// Writing what we read gives back snarkjs' own JSON (value for value, vk_alphabeta_12 included:
// that checks our pairing and Fp12 layout against ffjavascript's).
template <class E>
void round_trip_dir(const std::string& dir) {
  SCOPED_TRACE(dir);
  json vk_orig = json::parse(read_text(vector_path(dir + "/verification_key.json")));
  auto vk = vk_from_json<E>(vk_orig, "verification_key.json");
  json vk_back = json::parse(json_text(vk_to_json<E>(vk)));
  EXPECT_EQ(vk_back, vk_orig);
  auto vk2 = vk_from_json<E>(vk_back, "written vk");
  EXPECT_EQ(vk2.ic, vk.ic);
  EXPECT_TRUE(vk2.alpha_g1 == vk.alpha_g1 && vk2.beta_g2 == vk.beta_g2 &&
              vk2.gamma_g2 == vk.gamma_g2 && vk2.delta_g2 == vk.delta_g2);
  for (int i = 1; i <= 4; ++i) {
    std::string pd = dir + "/proofs/valid_0" + std::to_string(i);
    std::string proof_text = read_text(vector_path(pd + "/proof.json"));
    auto proof = read_proof_json<E>(proof_text, "proof.json");
    std::string written = json_text(proof_to_json<E>(proof));
    EXPECT_EQ(json::parse(written), json::parse(proof_text));
    EXPECT_EQ(read_proof_json<E>(written, "written proof"), proof);
    std::string pub_text = read_text(vector_path(pd + "/public.json"));
    auto pub = read_public_json<E>(pub_text, vk.num_public(), "public.json");
    EXPECT_EQ(json::parse(json_text(public_to_json<E>(pub))), json::parse(pub_text));
  }
}

TEST(SnarkjsJson, RoundTripBn254) {
  for (const auto& c : testing::circuits()) round_trip_dir<Bn254Engine>("bn128/" + c);
}
TEST(SnarkjsJson, RoundTripBls12_381) {
  for (const auto& c : testing::circuits()) round_trip_dir<Bls12_381Engine>("bls12381/" + c);
}

// Hand-made variants of a valid proof, each with the exact message the policy promises.
class SnarkjsJsonMutations : public ::testing::Test {
 protected:
  void SetUp() override {
    proof_ = json::parse(read_text(vector_path("bn128/multiplier/proofs/valid_01/proof.json")));
    vk_ = json::parse(read_text(vector_path("bn128/multiplier/verification_key.json")));
  }
  std::string proof_error(const json& p) {
    return error_of([&] { proof_from_json<Bn254Engine>(p, "proof.json"); });
  }
  json proof_, vk_;
};

TEST_F(SnarkjsJsonMutations, NumberSpellings) {
  const std::string x = proof_["pi_a"][0];
  struct {
    std::string value, message;
  } cases[] = {
      {"0" + x, "proof.json: pi_a[0]: leading zeros are not canonical"},
      {"+" + x, "proof.json: pi_a[0]: signs are not accepted: numbers are canonical decimals"},
      {"-" + x, "proof.json: pi_a[0]: signs are not accepted: numbers are canonical decimals"},
      {" " + x, "proof.json: pi_a[0]: whitespace inside a number is not accepted"},
      {x + "\n", "proof.json: pi_a[0]: whitespace inside a number is not accepted"},
      {"", "proof.json: pi_a[0]: empty string is not a number"},
      {"1e5", "proof.json: pi_a[0]: not a decimal string (only the digits 0-9 are allowed)"},
      {"0x1",
       "proof.json: pi_a[0]: hexadecimal \"0x...\" is not accepted: numbers are decimal strings"},
      {std::string(200, '9'), "proof.json: pi_a[0]: number is too long"},
  };
  for (const auto& c : cases) {
    json p = proof_;
    p["pi_a"][0] = c.value;
    EXPECT_EQ(proof_error(p), c.message) << c.value;
  }
  json p = proof_;
  p["pi_a"][0] = 5;
  EXPECT_EQ(proof_error(p),
            "proof.json: pi_a[0]: expected a decimal string, got a JSON number (numbers must be "
            "quoted: JSON numbers lose precision)");
  p = proof_;
  p["pi_b"][1][0] = "21888242871839275222246405745257275088696311157297823662689037894645226208583";
  EXPECT_EQ(proof_error(p), "proof.json: pi_b[1][0]: not a canonical decimal below p (value >= p)");
}

TEST_F(SnarkjsJsonMutations, ShapeProtocolCurve) {
  json p = proof_;
  p["protocol"] = "plonk";
  EXPECT_EQ(proof_error(p), "proof.json: protocol: is \"plonk\", expected \"groth16\"");
  p = proof_;
  p.erase("protocol");
  EXPECT_EQ(proof_error(p), "proof.json: protocol: required field is missing");
  p = proof_;
  p["curve"] = "bls12381";
  EXPECT_NE(proof_error(p).find("proof.json: curve: is \"bls12381\", expected \"bn128\""),
            std::string::npos);
  p = proof_;
  p["pi_b"][2] = json::array({"1", "1"});
  EXPECT_NE(proof_error(p).find("proof.json: pi_b[2]: z must be [\"1\", \"0\"]"),
            std::string::npos);
  p = proof_;
  p["pi_b"][0] = json::array({"1", "2", "3"});
  EXPECT_EQ(proof_error(p),
            "proof.json: pi_b[0]: expected an Fp2 element [c0, c1] with 2 elements, got 3");
  EXPECT_EQ(proof_error(json::array()), "proof.json: expected a JSON object, got an array");
  EXPECT_EQ(error_of([] {
              parse_json_text("{\"pi_a\": [", "proof.json");
            }).rfind("proof.json: not valid JSON: ", 0),
            0u);
}

TEST_F(SnarkjsJsonMutations, Infinity) {
  json p = proof_;
  p["pi_c"] = json::array({"0", "1", "0"});
  auto proof = proof_from_json<Bn254Engine>(p, "proof.json");
  EXPECT_TRUE(proof.c.is_infinity());
  EXPECT_EQ(proof_to_json<Bn254Engine>(proof)["pi_c"], json::array({"0", "1", "0"}));
  p["pi_c"] = json::array({"5", "1", "0"});
  EXPECT_EQ(proof_error(p),
            "proof.json: pi_c[2]: z = 0 (the point at infinity) must be written exactly as "
            "[\"0\", \"1\", \"0\"]");
  p = proof_;
  p["pi_b"] =
      json::array({json::array({"0", "0"}), json::array({"1", "0"}), json::array({"0", "0"})});
  EXPECT_TRUE(proof_from_json<Bn254Engine>(p, "proof.json").b.is_infinity());
}

TEST_F(SnarkjsJsonMutations, PublicSignals) {
  auto vk = vk_from_json<Bn254Engine>(vk_, "verification_key.json");
  ASSERT_EQ(vk.num_public(), 1u);
  EXPECT_EQ(error_of([&] {
              public_from_json<Bn254Engine>(json::array({"1", "2"}), 1, "public.json");
            }),
            "public.json: has 2 public signals, the verifying key expects nPublic = 1");
  EXPECT_EQ(
      error_of([&] {
        public_from_json<Bn254Engine>(
            json::array(
                {"21888242871839275222246405745257275088548364400416034343698204186575808495617"}),
            1, "public.json");
      }),
      "public.json: [0]: not a canonical decimal below r (value >= r)");
  EXPECT_EQ(error_of([&] { public_from_json<Bn254Engine>(json::object(), 1, "public.json"); }),
            "public.json: expected an array of decimal strings, got an object");
  auto ok = public_from_json<Bn254Engine>(json::array({"0"}), 1, "public.json");
  EXPECT_TRUE(ok[0].is_zero());
}

TEST_F(SnarkjsJsonMutations, VerifyingKeyFields) {
  auto vk_error = [&](const json& v) {
    return error_of([&] { vk_from_json<Bn254Engine>(v, "verification_key.json"); });
  };
  json v = vk_;
  v["nPublic"] = 2;
  EXPECT_EQ(vk_error(v), "verification_key.json: IC: has 2 points, nPublic = 2 needs 3");
  v = vk_;
  v["nPublic"] = "1";
  EXPECT_EQ(vk_error(v),
            "verification_key.json: nPublic: expected a non-negative JSON integer, got a string");
  v = vk_;
  v.erase("vk_delta_2");
  EXPECT_EQ(vk_error(v), "verification_key.json: vk_delta_2: required field is missing");
  v = vk_;
  v["curve"] = "bn254";
  EXPECT_NE(vk_error(v).find("verification_key.json: curve: is \"bn254\""), std::string::npos);
  EXPECT_NE(error_of([&] { snarkjs_curve(v, "verification_key.json"); }).find("unknown curve"),
            std::string::npos);
  v = vk_;
  v["vk_alphabeta_12"][1][2][0] = "x";
  EXPECT_EQ(vk_error(v),
            "verification_key.json: vk_alphabeta_12[1][2][0]: not a decimal string (only the "
            "digits 0-9 are allowed)");
  v = vk_;
  v.erase("vk_alphabeta_12");  // optional: we compute e(alpha, beta) ourselves
  EXPECT_NO_THROW(vk_from_json<Bn254Engine>(v, "verification_key.json"));
  // A bls12381 key read as bn128 names the curve mismatch, not some coordinate.
  json bls = json::parse(read_text(vector_path("bls12381/multiplier/verification_key.json")));
  EXPECT_EQ(vk_error(bls),
            "verification_key.json: curve: is \"bls12381\", expected \"bn128\" (the curve of the "
            "verifying key / the requested curve)");
}

// Points on the curve but outside the prime-order subgroup: BLS12-381 G1 and G2 and BN254 G2
// have cofactors; a random curve point is outside the subgroup with overwhelming probability.
TEST(SnarkjsJson, RejectsPointsOutsideTheSubgroup) {
  std::mt19937_64 rng(42);
  {
    using E = Bls12_381Engine;
    json p = json::parse(read_text(vector_path("bls12381/multiplier/proofs/valid_01/proof.json")));
    auto bad = E::G1Affine::random_on_curve(rng);
    ASSERT_FALSE(bad.is_in_subgroup());
    p["pi_a"] = json::array({bad.x.to_decimal(), bad.y.to_decimal(), "1"});
    EXPECT_EQ(error_of([&] { proof_from_json<E>(p, "proof.json"); }),
              "proof.json: pi_a: point is not in the prime-order subgroup");
    auto bad2 = E::G2Affine::random_on_curve(rng);
    p = json::parse(read_text(vector_path("bls12381/multiplier/proofs/valid_01/proof.json")));
    p["pi_b"] = json::array({json::array({bad2.x.c0.to_decimal(), bad2.x.c1.to_decimal()}),
                             json::array({bad2.y.c0.to_decimal(), bad2.y.c1.to_decimal()}),
                             json::array({"1", "0"})});
    EXPECT_EQ(error_of([&] { proof_from_json<E>(p, "proof.json"); }),
              "proof.json: pi_b: point is not in the prime-order subgroup");
  }
  {
    using E = Bn254Engine;
    json p = json::parse(read_text(vector_path("bn128/multiplier/proofs/valid_01/proof.json")));
    auto bad = E::G2Affine::random_on_curve(rng);
    p["pi_b"] = json::array({json::array({bad.x.c0.to_decimal(), bad.x.c1.to_decimal()}),
                             json::array({bad.y.c0.to_decimal(), bad.y.c1.to_decimal()}),
                             json::array({"1", "0"})});
    EXPECT_EQ(error_of([&] { proof_from_json<E>(p, "proof.json"); }),
              "proof.json: pi_b: point is not in the prime-order subgroup");
  }
}

}  // namespace
}  // namespace supervm::zk::formats
