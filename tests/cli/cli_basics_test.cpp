// Runs the real `supervm` binary and checks the contract every command shares:
// --version, --help, exit codes for usage errors.
#include <gtest/gtest.h>

#include "cli/run_binary.h"

namespace supervm::cli_test {
namespace {

TEST(CliBasics, VersionNamesCommitBuildAndCurves) {
  auto r = run_supervm({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("supervm "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("commit "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("build"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("bls12-381"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("bn254"), std::string::npos) << r.out;
}

TEST(CliBasics, HelpListsGlobalOptions) {
  auto r = run_supervm({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* opt : {"--log-level", "--quiet", "--threads", "--metrics-out", "--version"})
    EXPECT_NE(r.out.find(opt), std::string::npos) << opt;
}

TEST(CliBasics, NoCommandIsUsageError) {
  auto r = run_supervm({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Usage"), std::string::npos) << r.err;
}

TEST(CliBasics, UnknownOptionOrCommandIsUsageError) {
  EXPECT_EQ(run_supervm({"--no-such-option"}).exit_code, 2);
  EXPECT_EQ(run_supervm({"no-such-command"}).exit_code, 2);
  EXPECT_EQ(run_supervm({"--log-level", "loud", "--version"}).exit_code, 2);
  EXPECT_EQ(run_supervm({"--threads", "-3", "--version"}).exit_code, 2);
}

}  // namespace
}  // namespace supervm::cli_test
