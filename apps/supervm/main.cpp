// supervm: one command, many subcommands (git style). This file knows no
// subcommand by name: each cmd_<name>.cpp registers itself (command.h).
#include <tbb/global_control.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <new>
#include <thread>

#include "algebra/curve_id.h"
#include "command.h"
#include "exit_codes.h"
#include "metrics/run_metrics.h"
#include "supervm_build_info.h"
#include "util/log.h"

namespace supervm::cli {

std::vector<CommandEntry>& command_registry() {
  static std::vector<CommandEntry> registry;
  return registry;
}

namespace {

std::string version_text() {
  std::string curves;
  for (auto id : algebra::enabled_curves()) {
    if (!curves.empty()) curves += ", ";
    curves += algebra::curve_name(id);
  }
  return fmt::format("supervm {} (commit {}, {} build)\ncurves: {}\n", SUPERVM_VERSION,
                     SUPERVM_GIT_COMMIT, SUPERVM_BUILD_TYPE, curves);
}

int run(int argc, char** argv) {
  CLI::App app{"supervm: Groth16 proofs and a transactional state engine, as one command.",
               "supervm"};
  app.footer(
      "Run 'supervm <command> --help' for a command's options; 'man supervm' for the manual.");
  app.require_subcommand(0, 1);
  app.fallthrough();  // global options may follow the subcommand name

  GlobalOptions global;
  RunResult result;
  bool show_version = false;
  app.add_flag("-V,--version", show_version,
               "Print version, commit, build type and curves, then exit");
  app.add_option("--log-level", global.log_level, "Messages on stderr: error, warn, info, debug")
      ->envname("SUPERVM_LOG_LEVEL")
      ->check(CLI::IsMember({"error", "warn", "info", "debug"}))
      ->capture_default_str();
  app.add_flag("-q,--quiet", global.quiet, "Errors only: no progress bar, no summaries");
  app.add_option("-j,--threads", global.threads, "Worker threads (0: one per core)")
      ->envname("SUPERVM_THREADS")
      ->check(CLI::Range(0u, 4096u))
      ->capture_default_str();
  app.add_option("--metrics-out", global.metrics_out,
                 "Write Prometheus text-format metrics of this run to FILE at exit")
      ->envname("SUPERVM_METRICS_OUT");

  for (const auto& entry : command_registry()) entry.registrar(app, global, result);

  // Global options take effect before any subcommand callback runs.
  std::unique_ptr<tbb::global_control> thread_limit;
  app.parse_complete_callback([&] {
    util::set_log_level(util::parse_log_level(global.log_level));
    util::set_quiet(global.quiet);
    if (global.threads > 0) {
      thread_limit = std::make_unique<tbb::global_control>(
          tbb::global_control::max_allowed_parallelism, global.threads);
    }
  });

  auto started = std::chrono::steady_clock::now();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const Error& e) {
    // A subcommand failed: report it, but still write the run's metrics.
    util::log_error("{}", e.what());
    result.exit_code = static_cast<int>(e.code());
  }
  if (show_version) {
    std::fputs(version_text().c_str(), stdout);
    return kExitOk;
  }
  if (app.get_subcommands().empty()) {
    std::fputs(app.help().c_str(), stderr);
    return kExitUsage;
  }
  if (!global.metrics_out.empty()) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics::write_run_metrics(global.metrics_out, app.get_subcommands().front()->get_name(),
                               result.exit_code, secs);
  }
  return result.exit_code;
}

}  // namespace
}  // namespace supervm::cli

int main(int argc, char** argv) {
  using namespace supervm;
  try {
    return cli::run(argc, argv);
  } catch (const Error& e) {
    util::log_error("{}", e.what());
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    util::log_error("out of memory");
    return cli::kExitIo;
  } catch (const std::exception& e) {
    util::log_error("internal error (please report): {}", e.what());
    return cli::kExitInternal;
  }
}
