// `supervm keygen` and `supervm tx sign|verify`, run through the real binary.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "run_binary.h"
#include "vm/key_file.h"
#include "vm/transaction.h"
#include "vm/tx_json.h"

namespace supervm {
namespace {

using cli_test::run_supervm;

class VmCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("supervm_vm_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string slurp(const std::string& p) {
    std::ifstream f(p);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }
  std::filesystem::path dir_;
};

const std::string kObj(64, 'b'), kObj2(64, 'c');

TEST_F(VmCli, KeygenWritesAPrivateKeyFileAndPrintsThePublicKey) {
  auto r = run_supervm({"keygen", "--out", path("k.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  vm::KeyPair k = vm::parse_key_file(slurp(path("k.json")), "k.json");
  EXPECT_NE(r.out.find(vm::hex(k.public_key)), std::string::npos);
  struct stat st;
  ASSERT_EQ(::stat(path("k.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  // No silent overwrite of a secret.
  auto again = run_supervm({"keygen", "--out", path("k.json")});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already exists"), std::string::npos);
  EXPECT_EQ(run_supervm({"keygen", "--out", path("k.json"), "--force"}).exit_code, 0);
  EXPECT_NE(vm::parse_key_file(slurp(path("k.json")), "k.json").public_key, k.public_key);
  EXPECT_EQ(run_supervm({"keygen"}).exit_code, 2);  // --out is required
}

TEST_F(VmCli, SignThenVerifyRoundTrip) {
  ASSERT_EQ(run_supervm({"keygen", "--out", path("k.json")}).exit_code, 0);
  vm::KeyPair k = vm::parse_key_file(slurp(path("k.json")), "k.json");
  std::string unsigned_lines = "{\"nonce\":0,\"ops\":[{\"op\":\"transfer\",\"from\":\"" + kObj +
                               "\",\"to\":\"" + kObj2 +
                               "\",\"amount\":5}]}\n\n"
                               "{\"nonce\":1,\"ops\":[{\"op\":\"create\",\"kind\":\"owned\"}]}\n";
  auto r = run_supervm({"tx", "sign", "--key", path("k.json")}, unsigned_lines);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.out);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    auto p = vm::parse_transaction_json(line);
    ASSERT_TRUE(p.tx) << p.message;
    EXPECT_EQ(p.tx->sender, k.public_key);
    EXPECT_EQ(vm::check_signature(*p.tx), vm::ErrorKind::kOk);
    ++n;
  }
  EXPECT_EQ(n, 2);
  std::ofstream(path("signed.jsonl")) << r.out;
  auto v = run_supervm({"tx", "verify", "--in", path("signed.jsonl")});
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find("\"valid\":true"), std::string::npos);
  // --out writes the same to a file.
  ASSERT_EQ(
      run_supervm({"tx", "sign", "--key", path("k.json"), "--out", path("o.jsonl")}, unsigned_lines)
          .exit_code,
      0);
  EXPECT_EQ(slurp(path("o.jsonl")), r.out);
}

TEST_F(VmCli, VerifyReportsTamperedAndMalformedLines) {
  ASSERT_EQ(run_supervm({"keygen", "--out", path("k.json")}).exit_code, 0);
  auto r = run_supervm({"tx", "sign", "--key", path("k.json")},
                       "{\"nonce\":0,\"ops\":[{\"op\":\"delete\",\"object\":\"" + kObj + "\"}]}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string tampered = r.out;
  tampered.replace(tampered.find("\"nonce\":0"), 9, "\"nonce\":1");
  auto v = run_supervm({"tx", "verify"}, r.out + tampered + "{broken\n");
  EXPECT_EQ(v.exit_code, 1);
  std::istringstream in(v.out);
  std::string l1, l2, l3;
  std::getline(in, l1);
  std::getline(in, l2);
  std::getline(in, l3);
  EXPECT_NE(l1.find("\"valid\":true"), std::string::npos) << l1;
  EXPECT_NE(l2.find("\"error\":\"bad_signature\""), std::string::npos) << l2;
  EXPECT_NE(l3.find("\"error\":\"malformed_json\""), std::string::npos) << l3;
}

TEST_F(VmCli, SignRejectsBadInputAndForeignSender) {
  ASSERT_EQ(run_supervm({"keygen", "--out", path("k.json")}).exit_code, 0);
  auto bad = run_supervm({"tx", "sign", "--key", path("k.json"), "--out", path("o.jsonl")},
                         "{\"nonce\":0,\"ops\":[{\"op\":\"fly\"}]}\n");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("stdin:1"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("unknown_op"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(path("o.jsonl")));  // nothing half-written
  auto foreign = run_supervm({"tx", "sign", "--key", path("k.json")},
                             "{\"sender\":\"" + kObj +
                                 "\",\"nonce\":0,\"ops\":[{\"op\":\"delete\",\"object\":\"" + kObj +
                                 "\"}]}\n");
  EXPECT_EQ(foreign.exit_code, 2);
  EXPECT_NE(foreign.err.find("sender"), std::string::npos);
  std::ofstream(path("junk.json"))
      << "{\"type\":\"ed25519\",\"public_key\":\"00\",\"seed\":\"11\"}";
  auto junk = run_supervm({"tx", "sign", "--key", path("junk.json")}, "");
  EXPECT_EQ(junk.exit_code, 2);
  EXPECT_NE(junk.err.find("junk.json"), std::string::npos);
  auto missing = run_supervm({"tx", "sign", "--key", path("missing.json")}, "");
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("missing.json"), std::string::npos);
}

}  // namespace
}  // namespace supervm
