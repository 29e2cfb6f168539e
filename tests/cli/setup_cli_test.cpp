// supervm setup end to end: keys for built-in circuits and circom .r1cs files,
// used by supervm prove and checked by supervm verify-batch.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_fixtures.h"
#include "cli/run_binary.h"

namespace supervm::cli_test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using SetupCli = ScratchDirTest;

TEST_F(SetupCli, BuiltinCircuitKeysProveAndVerifyOnBothCurves) {
  for (const char* curve : {"bls12-381", "bn254"}) {
    std::string keys = tmp(std::string("keys-") + curve);
    auto s = run_supervm({"setup", "--circuit", "chain", "--param", "k=8", "--param", "p=2",
                          "--curve", curve, "--out-dir", keys});
    ASSERT_EQ(s.exit_code, 0) << s.err;
    json summary = json::parse(s.out);
    EXPECT_EQ(summary["constraints"], 8);
    EXPECT_EQ(summary["public"], 2);
    EXPECT_EQ(summary["curve"], curve);
    std::ofstream(tmp("in.json")) << R"({"x": "5"})";
    auto p = run_supervm({"prove", "--pk", keys + "/proving.key", "--circuit", "chain", "--param",
                          "k=8", "--param", "p=2", "--witness", tmp("in.json"), "--out",
                          tmp("proof.json"), "--public", tmp("public.json")});
    ASSERT_EQ(p.exit_code, 0) << p.err;
    for (const char* vk : {"/verification_key.json", "/verifying.key", "/proving.key"}) {
      auto v = run_supervm({"verify-batch", "--vk", keys + vk, "--proof", tmp("proof.json"),
                            "--public", tmp("public.json")});
      EXPECT_EQ(v.exit_code, 0) << curve << vk << ": " << v.out << v.err;
    }
    // The same inputs under different parameters do not fit the key.
    auto wrong = run_supervm({"prove", "--pk", keys + "/proving.key", "--circuit", "chain",
                              "--param", "k=9", "--witness", tmp("in.json")});
    EXPECT_EQ(wrong.exit_code, 2);
  }
}

TEST_F(SetupCli, SeedGivesReproducibleKeysAndWarns) {
  auto a = run_supervm({"setup", "--circuit", "multiply", "--seed", "7", "--out-dir", tmp("a")});
  auto b = run_supervm(
      {"setup", "--circuit", "multiply", "--seed", "7", "--out-dir", tmp("b"), "--quiet"});
  auto c = run_supervm({"setup", "--circuit", "multiply", "--seed", "8", "--out-dir", tmp("c")});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_NE(a.err.find("NOT SECURE"), std::string::npos) << a.err;
  EXPECT_NE(b.err.find("NOT SECURE"), std::string::npos) << "the warning must survive --quiet";
  EXPECT_EQ(slurp(tmp("a/verification_key.json")), slurp(tmp("b/verification_key.json")));
  EXPECT_NE(slurp(tmp("a/verification_key.json")), slurp(tmp("c/verification_key.json")));
  auto unseeded = run_supervm({"setup", "--circuit", "multiply", "--out-dir", tmp("d")});
  EXPECT_EQ(unseeded.err.find("NOT SECURE"), std::string::npos);
}

TEST_F(SetupCli, CircomR1csKeysProveCircomWitnesses) {
  for (const char* curve : {"bn128", "bls12381"}) {
    fs::path c = kVectors / curve / "multiplier";
    std::string keys = tmp(std::string("k-") + curve);
    auto s = run_supervm({"setup", "--r1cs", (c / "multiplier.r1cs").string(), "--out-dir", keys});
    ASSERT_EQ(s.exit_code, 0) << s.err;
    auto p = run_supervm({"prove", "--pk", keys + "/proving.key", "--witness",
                          (c / "proofs/valid_03/witness.wtns").string(), "--out", tmp("proof.json"),
                          "--public", tmp("public.json")});
    ASSERT_EQ(p.exit_code, 0) << p.err;
    EXPECT_EQ(json::parse(slurp(tmp("public.json"))),
              json::parse(slurp(c / "proofs/valid_03/public.json")));
    auto v = run_supervm({"verify-batch", "--vk", keys + "/verification_key.json", "--proof",
                          tmp("proof.json"), "--public", tmp("public.json")});
    EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
    // Not valid under the snarkjs ceremony's key: a different setup.
    auto other = run_supervm({"verify-batch", "--vk", (c / "verification_key.json").string(),
                              "--proof", tmp("proof.json"), "--public", tmp("public.json")});
    EXPECT_EQ(other.exit_code, 1);
  }
}

TEST_F(SetupCli, UsageErrors) {
  fs::path r1cs = kVectors / "bn128" / "multiplier" / "multiplier.r1cs";
  EXPECT_EQ(run_supervm({"setup", "--circuit", "multiply"}).exit_code, 2);  // no --out-dir
  EXPECT_EQ(run_supervm({"setup", "--out-dir", tmp("x")}).exit_code, 2);    // no circuit
  auto mismatch = run_supervm(
      {"setup", "--r1cs", r1cs.string(), "--curve", "bls12-381", "--out-dir", tmp("x")});
  EXPECT_EQ(mismatch.exit_code, 2);
  EXPECT_NE(mismatch.err.find("bn254"), std::string::npos) << mismatch.err;
  EXPECT_EQ(run_supervm({"setup", "--circuit", "nope", "--out-dir", tmp("x")}).exit_code, 2);
  EXPECT_EQ(
      run_supervm({"setup", "--circuit", "chain", "--param", "k", "--out-dir", tmp("x")}).exit_code,
      2);
  EXPECT_EQ(
      run_supervm({"setup", "--circuit", "multiply", "--curve", "secp256k1", "--out-dir", tmp("x")})
          .exit_code,
      2);
  auto not_r1cs = run_supervm({"setup", "--r1cs",
                               (kVectors / "bn128/multiplier/verification_key.json").string(),
                               "--out-dir", tmp("x")});
  EXPECT_EQ(not_r1cs.exit_code, 2);
  EXPECT_FALSE(fs::exists(tmp("x/proving.key")));
}

}  // namespace
}  // namespace supervm::cli_test
