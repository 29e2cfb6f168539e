// supervm prove end to end: proofs from snarkjs .zkey files and circom
// witnesses, single and many at once, checked by supervm verify-batch.
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

using ProveCli = ScratchDirTest;

TEST_F(ProveCli, ProofFromZkeyAndWtnsVerifiesOnBothCurves) {
  for (const char* curve : {"bn128", "bls12381"}) {
    fs::path c = kVectors / curve / "multiplier";
    auto r = run_supervm({"prove", "--zkey", (c / "multiplier_final.zkey").string(), "--witness",
                          (c / "proofs/valid_05/witness.wtns").string(), "--out", tmp("proof.json"),
                          "--public", tmp("public.json")});
    ASSERT_EQ(r.exit_code, 0) << curve << ": " << r.err;
    EXPECT_EQ(json::parse(slurp(tmp("public.json"))),
              json::parse(slurp(c / "proofs/valid_05/public.json")));
    auto v = run_supervm({"verify-batch", "--vk", (c / "verification_key.json").string(), "--proof",
                          tmp("proof.json"), "--public", tmp("public.json")});
    EXPECT_EQ(v.exit_code, 0) << curve << ": " << v.out << v.err;
  }
}

TEST_F(ProveCli, JsonWitnessArrayWorksAndABadOneIsAnInputError) {
  fs::path c = kVectors / "bn128" / "multiplier";
  auto ok = run_supervm({"prove", "--zkey", (c / "multiplier_final.zkey").string(), "--witness",
                         (c / "proofs/valid_02/witness.json").string()});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(json::parse(ok.out).contains("pi_a"));

  json w = json::parse(slurp(c / "proofs/valid_02/witness.json"));
  w[w.size() - 1] = "12345";  // no longer satisfies the circuit
  std::ofstream(tmp("bad.json")) << w.dump();
  auto bad = run_supervm({"prove", "--zkey", (c / "multiplier_final.zkey").string(), "--witness",
                          tmp("bad.json"), "--out", tmp("proof.json")});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_FALSE(fs::exists(tmp("proof.json")));

  w.erase(w.size() - 1);  // wrong length
  std::ofstream(tmp("short.json")) << w.dump();
  auto shorter = run_supervm(
      {"prove", "--zkey", (c / "multiplier_final.zkey").string(), "--witness", tmp("short.json")});
  EXPECT_EQ(shorter.exit_code, 2);
  EXPECT_NE(shorter.err.find("variables"), std::string::npos) << shorter.err;

  EXPECT_EQ(run_supervm({"prove", "--witness", tmp("short.json")}).exit_code, 2);  // no key
  EXPECT_EQ(run_supervm({"prove", "--zkey", (c / "verification_key.json").string(), "--witness",
                         tmp("short.json")})
                .exit_code,
            2);  // a verifying key is not a proving key
}

TEST_F(ProveCli, ManyJobsKeepInputOrderAndNameBadOnes) {
  fs::path c = kVectors / "bn128" / "range64";
  std::string jobs;
  std::vector<bool> good;
  for (int i = 1; i <= 8; ++i) {
    fs::path p = c / ("proofs/valid_0" + std::to_string(i));
    json line{{"id", "job-" + std::to_string(i)}};
    if (i % 2)
      line["witness"] = (p / "witness.wtns").string();
    else
      line["witness"] = json::parse(slurp(p / "witness.json"));
    if (i == 5) line["witness"] = json::array({"1", "2"});
    jobs += line.dump() + "\n";
    good.push_back(i != 5);
  }
  std::ofstream(tmp("jobs.jsonl")) << jobs;
  auto r = run_supervm({"prove", "--zkey", (c / "range64_final.zkey").string(), "--inputs",
                        tmp("jobs.jsonl"), "--out", tmp("proofs.jsonl"), "--jobs", "2",
                        "--max-memory", "1G"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // one bad job
  std::istringstream out(slurp(tmp("proofs.jsonl")));
  std::vector<json> lines;
  for (std::string l; std::getline(out, l);) lines.push_back(json::parse(l));
  ASSERT_EQ(lines.size(), 8u);
  for (size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(lines[i]["id"], "job-" + std::to_string(i + 1));
    EXPECT_EQ(lines[i].contains("proof"), good[i]) << lines[i].dump();
    EXPECT_EQ(lines[i].contains("error"), !good[i]);
  }
  // The results are verify-batch's input: the good ones verify, the bad one is malformed.
  auto v = run_supervm(
      {"verify-batch", "--vk", (c / "verification_key.json").string(), tmp("proofs.jsonl")});
  std::istringstream verdicts(v.out);
  size_t i = 0;
  for (std::string l; std::getline(verdicts, l); ++i)
    EXPECT_EQ(json::parse(l)["valid"].get<bool>(), good[i]) << l;
  EXPECT_EQ(i, 8u);
}

// Enough jobs for the prover to precompute MSM tables (kTableMinProofs in cmd_prove.cpp): every
// proof made with them verifies, a bad witness is still named, order is kept.
TEST_F(ProveCli, ManyJobsWithPrecomputedTablesVerify) {
  fs::path c = kVectors / "bn128" / "range64";
  std::string jobs;
  const int n = 72, bad = 40;
  for (int i = 1; i <= n; ++i) {
    json line{{"id", i}};
    line["witness"] =
        (c / ("proofs/valid_0" + std::to_string(1 + i % 8)) / "witness.wtns").string();
    if (i == bad) line["witness"] = json::array({"1", "2"});
    jobs += line.dump() + "\n";
  }
  std::ofstream(tmp("many.jsonl")) << jobs;
  auto r = run_supervm({"--log-level", "debug", "prove", "--zkey",
                        (c / "range64_final.zkey").string(), "--inputs", tmp("many.jsonl"), "--out",
                        tmp("many_proofs.jsonl"), "--jobs", "2"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("MSM tables"), std::string::npos) << r.err;
  auto v = run_supervm(
      {"verify-batch", "--vk", (c / "verification_key.json").string(), tmp("many_proofs.jsonl")});
  std::istringstream verdicts(v.out);
  int i = 0;
  for (std::string l; std::getline(verdicts, l);) {
    ++i;
    auto j = json::parse(l);
    EXPECT_EQ(j["id"], i);
    EXPECT_EQ(j["valid"].get<bool>(), i != bad) << l;
  }
  EXPECT_EQ(i, n);
}

}  // namespace
}  // namespace supervm::cli_test
