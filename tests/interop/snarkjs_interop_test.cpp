// Interoperability with snarkjs 0.7.6 (installed by tests/interop/install.sh from the pinned
// lockfile into tests/interop/node_modules):
//  * every case of ../shared/testvectors/snarkjs/manifest.json (both curves) gets the verdict the
//    manifest expects from supervm's parsers + verifier, from the files as they are;
//  * proofs made by supervm from each circuit's .zkey and a .wtns are accepted by
//    `snarkjs groth16 verify`, and a tampered one is rejected;
//  * keys made by supervm's setup from the circuit's .r1cs export a verification_key.json under
//    which snarkjs accepts supervm's proofs.
// The snarkjs-calling tests are SKIPPED (with the reason) when node or the install is missing.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "util/error.h"
#include "util/file.h"
#include "util/random.h"
#include "zk/formats/binary.h"
#include "zk/formats/circom_r1cs.h"
#include "zk/formats/circom_wtns.h"
#include "zk/formats/snarkjs_json.h"
#include "zk/formats/snarkjs_zkey.h"
#include "zk/groth16/prover.h"
#include "zk/groth16/setup.h"
#include "zk/groth16/verifier.h"

namespace supervm::zk {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace formats;

std::string vectors() {
  return std::string(SUPERVM_SHARED_DIR) + "/testvectors/snarkjs/";
}
std::string snarkjs_cli() {
  return std::string(SUPERVM_SOURCE_DIR) + "/tests/interop/node_modules/snarkjs/build/cli.cjs";
}
std::string text(const std::string& path) {
  return util::read_text_file(path);
}

struct Run {
  int exit_code = -1;
  std::string output;
};

// Runs `node snarkjs ...args` and captures stdout + stderr.
Run run_snarkjs(const std::vector<std::string>& args) {
  std::string cmd = "node '" + snarkjs_cli() + "'";
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += " 2>&1";
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

bool snarkjs_available(std::string* why) {
  if (!fs::exists(snarkjs_cli())) {
    *why = "snarkjs is not installed: run tests/interop/install.sh (needs node and npm)";
    return false;
  }
  if (std::system("node --version > /dev/null 2>&1") != 0) {
    *why = "node is not on PATH";
    return false;
  }
  return true;
}

#define REQUIRE_SNARKJS()                              \
  do {                                                 \
    std::string why;                                   \
    if (!snarkjs_available(&why)) GTEST_SKIP() << why; \
  } while (0)

// A scratch folder removed at the end of the test.
struct TempDir {
  std::string path;
  TempDir() {
    path = ::testing::TempDir() + "/supervm_interop_" + std::to_string(getpid()) + "_" +
           std::to_string(counter()++);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static int& counter() {
    static int c = 0;
    return c;
  }
};

// supervm's verdict on vk + proof + public as files: "valid", or "invalid: <why>".
template <class E>
std::string verdict(const json& vk_j, const std::string& proof_path, const std::string& pub_path) {
  try {
    auto vk = vk_from_json<E>(vk_j, "verification_key.json");
    auto proof = read_proof_json<E>(text(proof_path), "proof.json");
    auto pub = read_public_json<E>(text(pub_path), vk.num_public(), "public.json");
    auto pvk = prepare_verifying_key<E>(vk);
    auto r = verify<E>(pvk, proof, pub, PointCheck::kSkip);
    return r.valid ? "valid" : "invalid: " + r.error;
  } catch (const Error& e) {
    return std::string("invalid: input error: ") + e.what();
  }
}

std::string verdict_for(const std::string& vk, const std::string& proof, const std::string& pub) {
  json vk_j = parse_json_text(text(vk), "verification_key.json");
  if (snarkjs_curve(vk_j, "verification_key.json") == algebra::CurveId::kBn254)
    return verdict<Bn254Engine>(vk_j, proof, pub);
  return verdict<Bls12_381Engine>(vk_j, proof, pub);
}

TEST(SnarkjsInterop, EveryManifestCaseGetsTheExpectedVerdict) {
  json m = json::parse(text(vectors() + "manifest.json"));
  size_t valid = 0, invalid = 0;
  for (const auto& c : m["cases"]) {
    std::string v = verdict_for(vectors() + c["vk"].get<std::string>(),
                                vectors() + c["proof"].get<std::string>(),
                                vectors() + c["public"].get<std::string>());
    std::string expect = c["expect"];
    if (expect == "valid") {
      EXPECT_EQ(v, "valid") << c["id"];
      ++valid;
    } else {
      EXPECT_EQ(v.rfind("invalid", 0), 0u) << c["id"] << " was accepted";
      // Only the pairing check can catch a wrong proof; bad points and malformed files must be
      // caught by the parsers already.
      if (c["category"] != "wrong-proof") {
        EXPECT_NE(v.find("input error"), std::string::npos) << c["id"] << ": " << v;
      }
      ++invalid;
    }
  }
  EXPECT_EQ(valid, 40u);
  EXPECT_EQ(invalid, 54u);
}

// snarkjs accepts these (edge_cases.json); supervm's strict policy rejects every one as an input
// error (man 5 supervm-formats, SNARKJS JSON).
TEST(SnarkjsInterop, LenientEncodingsAreRejected) {
  json cases = json::parse(text(vectors() + "edge_cases.json"))["cases"];
  for (const auto& c : cases) {
    std::string v = verdict_for(vectors() + c["vk"].get<std::string>(),
                                vectors() + c["proof"].get<std::string>(),
                                vectors() + c["public"].get<std::string>());
    EXPECT_EQ(v.rfind("invalid: input error: ", 0), 0u) << c["id"] << ": " << v;
  }
}

template <class E>
void write_json_files(const std::string& dir, const VerifyingKey<E>* vk, const Proof<E>& proof,
                      const std::vector<typename E::Fr>& pub) {
  if (vk) util::write_file_atomic(dir + "/verification_key.json", json_text(vk_to_json<E>(*vk)));
  util::write_file_atomic(dir + "/proof.json", json_text(proof_to_json<E>(proof)));
  util::write_file_atomic(dir + "/public.json", json_text(public_to_json<E>(pub)));
}

// Proves from the circuit's .zkey and valid_01's .wtns, asks snarkjs, then tampers.
template <class E>
void zkey_proof_accepted(const std::string& curve_dir, const std::string& circuit) {
  SCOPED_TRACE(curve_dir + "/" + circuit);
  using Fr = typename E::Fr;
  std::string dir = vectors() + curve_dir + "/" + circuit;
  auto pk = read_zkey<E>(util::read_file(dir + "/" + circuit + "_final.zkey"), "k.zkey");
  auto w = read_wtns<Fr>(util::read_file(dir + "/proofs/valid_01/witness.wtns"), "w.wtns");
  auto rng = util::RandomSource::system();
  auto proof = prove<E>(pk, w, rng);
  std::vector<Fr> pub(w.begin() + 1, w.begin() + 1 + pk.num_public);
  // Our public.json must be the one snarkjs wrote for the same witness.
  EXPECT_EQ(json::parse(json_text(public_to_json<E>(pub))),
            json::parse(text(dir + "/proofs/valid_01/public.json")));

  TempDir t;
  write_json_files<E>(t.path, nullptr, proof, pub);
  std::string vk = dir + "/verification_key.json";
  Run r = run_snarkjs({"groth16", "verify", vk, t.path + "/public.json", t.path + "/proof.json"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("OK!"), std::string::npos) << r.output;

  if (circuit != "multiplier") return;  // one rejection per curve shows snarkjs is listening
  auto bad = proof;
  bad.c = -bad.c;
  write_json_files<E>(t.path, nullptr, bad, pub);
  r = run_snarkjs({"groth16", "verify", vk, t.path + "/public.json", t.path + "/proof.json"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("Invalid proof"), std::string::npos) << r.output;
}

TEST(SnarkjsInterop, SupervmProofsFromZkeyAcceptedBySnarkjsBn254) {
  REQUIRE_SNARKJS();
  for (const char* c : {"multiplier", "range64", "merkle20"})
    zkey_proof_accepted<Bn254Engine>("bn128", c);
}

TEST(SnarkjsInterop, SupervmProofsFromZkeyAcceptedBySnarkjsBls12_381) {
  REQUIRE_SNARKJS();
  for (const char* c : {"multiplier", "range64", "merkle20"})
    zkey_proof_accepted<Bls12_381Engine>("bls12381", c);
}

// supervm setup from the .r1cs -> proving key through the binary format -> proof; snarkjs
// accepts it under the verification_key.json we export.
template <class E>
void setup_keys_accepted(const std::string& curve_dir, const std::string& circuit) {
  SCOPED_TRACE(curve_dir + "/" + circuit);
  using Fr = typename E::Fr;
  std::string dir = vectors() + curve_dir + "/" + circuit;
  auto r1cs = read_r1cs<Fr>(util::read_file(dir + "/" + circuit + ".r1cs"), "c.r1cs");
  auto rng = util::RandomSource::system();
  auto pk0 = generate_keys<E>(r1cs, rng);
  auto pk = read_pk_bin<E>(write_pk_bin<E>(pk0), "pk.bin");
  auto w = read_wtns<Fr>(util::read_file(dir + "/proofs/valid_01/witness.wtns"), "w.wtns");
  auto proof = prove<E>(pk, w, rng);
  std::vector<Fr> pub(w.begin() + 1, w.begin() + 1 + pk.num_public);

  TempDir t;
  write_json_files<E>(t.path, &pk.vk, proof, pub);
  Run r = run_snarkjs({"groth16", "verify", t.path + "/verification_key.json",
                       t.path + "/public.json", t.path + "/proof.json"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("OK!"), std::string::npos) << r.output;
}

TEST(SnarkjsInterop, SupervmSetupKeysAcceptedBySnarkjs) {
  REQUIRE_SNARKJS();
  for (const char* c : {"multiplier", "range64"}) {
    setup_keys_accepted<Bn254Engine>("bn128", c);
    setup_keys_accepted<Bls12_381Engine>("bls12381", c);
  }
}

}  // namespace
}  // namespace supervm::zk
