// Errors that cross layer boundaries. Every error carries the exit-code class
// of DESIGN.md §4 and a message that names the input, the field and the fault,
// e.g. "proof.json: pi_a[0]: coordinate is not below the field modulus".
#pragma once

#include <stdexcept>
#include <string>

namespace supervm {

// Exit codes of the `supervm` command (DESIGN.md §4), shared by every layer so
// that an error thrown deep in a parser ends the process with the right code.
enum class ExitCode : int {
  kOk = 0,
  kNegative = 1,   // a negative answer: some proof invalid, a benchmark regressed
  kUsage = 2,      // usage error or bad input
  kIo = 3,         // storage or I/O error
  kInternal = 70,  // a bug in supervm
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, std::string message) : std::runtime_error(std::move(message)), code_(code) {}
  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

// Bad input: a file or argument that is malformed, out of range or inconsistent.
// `where` names the input (a path, "stdin", "--threads"), `field` the element in it.
[[noreturn]] void throw_input_error(const std::string& where, const std::string& field,
                                    const std::string& what);
// A failed system call or storage operation; appends strerror(errno_value) when non-zero.
[[noreturn]] void throw_io_error(const std::string& where, const std::string& what,
                                 int errno_value = 0);

}  // namespace supervm
