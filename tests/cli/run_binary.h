// Runs the supervm binary built with the tests (SUPERVM_BINARY) and captures
// its exit code, stdout and stderr. Test helper, shared by tests/cli/*.
#pragma once

#include <map>
#include <optional>
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

namespace supervm::cli_test {

// A running supervm process with pipes, for tests of streaming behaviour.
class Child {
 public:
  explicit Child(const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& env = {});
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  void write_stdin(const std::string& data);
  void close_stdin();
  // The next line of stdout (without '\n'), or nullopt if none arrives within `timeout_ms`.
  std::optional<std::string> read_line(int timeout_ms);
  // Waits for exit; returns the exit code. Collects the rest of stderr.
  int wait();
  const std::string& err() const { return err_; }

 private:
  int pid_ = -1;
  int in_ = -1, out_ = -1, errfd_ = -1;
  std::string out_buf_, err_;
};

}  // namespace supervm::cli_test
