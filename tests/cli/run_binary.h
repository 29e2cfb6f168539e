// Runs the supervm binary built with the tests (SUPERVM_BINARY) and captures
// its exit code, stdout and stderr. Test helper, shared by tests/cli/*.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace supervm::cli_test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `stdin_data` is fed to the child's standard input; `env` adds variables.
RunResult run_supervm(const std::vector<std::string>& args, const std::string& stdin_data = "",
                      const std::map<std::string, std::string>& env = {});

}  // namespace supervm::cli_test
