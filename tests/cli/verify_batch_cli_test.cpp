// supervm verify-batch end to end: the snarkjs vectors of ../shared through the
// real binary, stream semantics through a pipe, and the exit-code contract.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/cli_fixtures.h"
#include "cli/run_binary.h"

namespace supervm::cli_test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// One JSON Lines input per verifying key: every manifest case checked under it.
struct Group {
  std::string jsonl;
  std::vector<std::pair<std::string, bool>> expected;  // id, valid
};

std::map<std::string, Group> manifest_groups() {
  json manifest = json::parse(slurp(kVectors / "manifest.json"));
  std::map<std::string, Group> groups;
  for (const auto& c : manifest["cases"]) {
    Group& g = groups[c["vk"].get<std::string>()];
    json line;
    line["id"] = c["id"];
    // Malformed files are embedded as they are: as parsed JSON when they parse.
    std::string proof_text = slurp(kVectors / c["proof"].get<std::string>());
    std::string public_text = slurp(kVectors / c["public"].get<std::string>());
    line["proof"] = json::parse(proof_text, nullptr, false);
    line["public"] = json::parse(public_text, nullptr, false);
    g.jsonl += line.dump() + "\n";
    g.expected.push_back({c["id"].get<std::string>(), c["expect"].get<std::string>() == "valid"});
  }
  return groups;
}

std::vector<json> parse_lines(const std::string& out) {
  std::vector<json> v;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) v.push_back(json::parse(line));
  return v;
}

TEST(VerifyBatchCli, EveryManifestCaseGetsItsExpectedVerdict) {
  auto groups = manifest_groups();
  ASSERT_GE(groups.size(), 8u);
  size_t checked = 0;
  for (const auto& [vk, g] : groups) {
    for (std::vector<std::string> mode : {std::vector<std::string>{}, {"--no-batch"}}) {
      std::vector<std::string> args = {"verify-batch", "--vk", (kVectors / vk).string(), "-"};
      args.insert(args.end(), mode.begin(), mode.end());
      auto r = run_supervm(args, g.jsonl);
      bool any_invalid = false;
      auto verdicts = parse_lines(r.out);
      ASSERT_EQ(verdicts.size(), g.expected.size()) << vk << "\n" << r.err;
      for (size_t i = 0; i < verdicts.size(); ++i) {
        EXPECT_EQ(verdicts[i]["id"], g.expected[i].first);
        EXPECT_EQ(verdicts[i]["valid"].get<bool>(), g.expected[i].second)
            << g.expected[i].first << ": " << verdicts[i].dump();
        any_invalid |= !g.expected[i].second;
        ++checked;
      }
      EXPECT_EQ(r.exit_code, any_invalid ? 1 : 0) << vk;
    }
  }
  EXPECT_GE(checked, 100u);
}

TEST(VerifyBatchCli, SingleProofFilesAndExitCodes) {
  fs::path dir = kVectors / "bls12381" / "multiplier";
  auto ok = run_supervm({"verify-batch", "--vk", (dir / "verification_key.json").string(),
                         "--proof", (dir / "proofs/valid_01/proof.json").string(), "--public",
                         (dir / "proofs/valid_01/public.json").string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(json::parse(ok.out)["valid"].get<bool>());

  auto bad = run_supervm({"verify-batch", "--vk", (dir / "verification_key.json").string(),
                          "--proof", (dir / "negative/pi_c_negated/proof.json").string(),
                          "--public", (dir / "negative/pi_c_negated/public.json").string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_FALSE(json::parse(bad.out)["valid"].get<bool>());

  // The other curve's proof under this key: rejected, never accepted.
  fs::path other = kVectors / "bn128" / "multiplier" / "proofs/valid_01";
  auto cross =
      run_supervm({"verify-batch", "--vk", (dir / "verification_key.json").string(), "--proof",
                   (other / "proof.json").string(), "--public", (other / "public.json").string()});
  EXPECT_EQ(cross.exit_code, 1);

  EXPECT_EQ(run_supervm({"verify-batch"}).exit_code, 2);  // --vk missing
  auto missing = run_supervm({"verify-batch", "--vk", "/nonexistent/vk.json"}, "");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/vk.json"), std::string::npos) << missing.err;
  auto not_a_key =
      run_supervm({"verify-batch", "--vk", (dir / "proofs/valid_01/public.json").string()});
  EXPECT_EQ(not_a_key.exit_code, 2);
}

// Proofs fed through a pipe with pauses: each verdict arrives within the flush
// interval (plus a verification and generous scheduling slack), in input order.
TEST(VerifyBatchCli, StreamVerdictsArriveWithinTheIntervalInOrder) {
  fs::path dir = kVectors / "bn128" / "multiplier";
  std::vector<std::string> lines;
  std::vector<bool> expect;
  for (const char* c :
       {"proofs/valid_01", "negative/pi_c_negated", "proofs/valid_02", "proofs/valid_03"}) {
    json line;
    line["id"] = c;
    line["proof"] = json::parse(slurp(dir / c / "proof.json"));
    line["public"] = json::parse(slurp(dir / c / "public.json"));
    lines.push_back(line.dump() + "\n");
    expect.push_back(std::string(c).rfind("proofs/", 0) == 0);
  }
  Child child({"verify-batch", "--vk", (dir / "verification_key.json").string(), "--batch-size",
               "32", "--flush-interval-ms", "100"});
  // The first proof alone: the batch is far from full, so only the interval releases it.
  auto t0 = std::chrono::steady_clock::now();
  child.write_stdin(lines[0]);
  auto v0 = child.read_line(2000);
  auto waited = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(v0.has_value()) << "no verdict within 2 s for a 100 ms interval";
  EXPECT_GE(waited, std::chrono::milliseconds(90));
  EXPECT_LT(waited, std::chrono::milliseconds(1500));
  EXPECT_EQ(json::parse(*v0)["id"], "proofs/valid_01");
  // Three more in quick succession, then a pause: they come out together, in order.
  child.write_stdin(lines[1] + lines[2] + lines[3]);
  for (size_t i = 1; i < 4; ++i) {
    auto v = child.read_line(2000);
    ASSERT_TRUE(v.has_value()) << i;
    json j = json::parse(*v);
    EXPECT_EQ(j["id"], json::parse(lines[i])["id"]);
    EXPECT_EQ(j["valid"].get<bool>(), expect[i]);
  }
  EXPECT_EQ(child.wait(), 1) << child.err();  // one invalid proof in the stream
}

TEST(VerifyBatchCli, EnvironmentControlsBatching) {
  fs::path dir = kVectors / "bn128" / "multiplier";
  std::string input;
  for (int i = 1; i <= 8; ++i) {
    fs::path c = dir / ("proofs/valid_0" + std::to_string(i));
    json line{{"id", i},
              {"proof", json::parse(slurp(c / "proof.json"))},
              {"public", json::parse(slurp(c / "public.json"))}};
    input += line.dump() + "\n";
  }
  std::vector<std::string> args = {"verify-batch", "--vk",
                                   (dir / "verification_key.json").string()};
  auto batched = run_supervm(args, input, {{"ZK_BATCH_SIZE", "3"}});
  auto single = run_supervm(args, input, {{"ZK_BATCH_ENABLE", "0"}});
  EXPECT_EQ(batched.exit_code, 0) << batched.err;
  EXPECT_EQ(single.exit_code, 0) << single.err;
  EXPECT_EQ(batched.out, single.out);
  EXPECT_EQ(parse_lines(batched.out).size(), 8u);
  EXPECT_EQ(run_supervm(args, input, {{"ZK_BATCH_SIZE", "zero"}}).exit_code, 2);
}

TEST(VerifyBatchCli, MalformedLinesGetTheirOwnVerdicts) {
  fs::path dir = kVectors / "bn128" / "multiplier";
  json good{{"id", "good"},
            {"proof", json::parse(slurp(dir / "proofs/valid_01/proof.json"))},
            {"public", json::parse(slurp(dir / "proofs/valid_01/public.json"))}};
  std::string input =
      good.dump() + "\nnot json at all\n[1,2]\n{\"id\":\"x\"}\n" + good.dump() + "\n";
  auto r = run_supervm({"verify-batch", "--vk", (dir / "verification_key.json").string()}, input);
  auto v = parse_lines(r.out);
  ASSERT_EQ(v.size(), 5u) << r.err;
  EXPECT_TRUE(v[0]["valid"].get<bool>());
  EXPECT_FALSE(v[1]["valid"].get<bool>());
  EXPECT_EQ(v[1]["id"], 2);  // named by its line number
  EXPECT_FALSE(v[2]["valid"].get<bool>());
  EXPECT_FALSE(v[3]["valid"].get<bool>());
  EXPECT_NE(v[3]["error"].get<std::string>().find("proof"), std::string::npos);
  EXPECT_TRUE(v[4]["valid"].get<bool>());
  EXPECT_EQ(r.exit_code, 1);
}

TEST(VerifyBatchCli, MetricsOutWritesPrometheusText) {
  fs::path dir = kVectors / "bn128" / "multiplier";
  fs::path metrics =
      fs::temp_directory_path() / ("supervm-metrics-" + std::to_string(::getpid()) + ".prom");
  auto r = run_supervm({"verify-batch", "--vk", (dir / "verification_key.json").string(), "--proof",
                        (dir / "proofs/valid_01/proof.json").string(), "--public",
                        (dir / "proofs/valid_01/public.json").string(), "--metrics-out",
                        metrics.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string text = slurp(metrics);
  EXPECT_NE(text.find("supervm_verify_proofs_total{verdict=\"valid\"} 1"), std::string::npos)
      << text;
  EXPECT_NE(text.find("supervm_run_exit_code{command=\"verify-batch\"} 0"), std::string::npos)
      << text;
  fs::remove(metrics);
}

}  // namespace
}  // namespace supervm::cli_test
