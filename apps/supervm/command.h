// How subcommands plug into `supervm`. Each cmd_<name>.cpp defines one
// registration function and adds itself with SUPERVM_COMMAND; main.cpp knows
// none of them by name. A subcommand's run function returns an exit code
// (exit_codes.h) or throws supervm::Error, which main turns into a message on
// stderr and the error's exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace supervm::cli {

// Options every subcommand shares; parsed before the subcommand runs.
struct GlobalOptions {
  std::string log_level = "info";  // error, warn, info, debug
  bool quiet = false;              // no progress, no summaries; errors only
  unsigned threads = 0;            // 0: all hardware threads
  std::string metrics_out;         // write Prometheus text metrics here at exit
};

// Set by a subcommand's callback: the exit code main returns.
struct RunResult {
  int exit_code = 0;
};

using Registrar = void (*)(CLI::App& root, const GlobalOptions& global, RunResult& result);

struct CommandEntry {
  const char* name;
  Registrar registrar;
};

std::vector<CommandEntry>& command_registry();

struct CommandAdder {
  CommandAdder(const char* name, Registrar r) { command_registry().push_back({name, r}); }
};

}  // namespace supervm::cli

// Use once at namespace scope in cmd_<name>.cpp:
//   SUPERVM_COMMAND(keygen, register_keygen)
// where register_keygen adds a CLI11 subcommand to `root` whose callback sets
// result.exit_code (or throws supervm::Error).
#define SUPERVM_COMMAND(name, fn) \
  static ::supervm::cli::CommandAdder supervm_command_adder_##name(#name, fn);
