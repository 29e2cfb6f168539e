// The exit-code contract of DESIGN.md §4, in one place for the CLI. The values
// live in util/error.h so that every layer can throw an error of the right class.
//   0  success
//   1  a negative answer (some proofs invalid, a benchmark regressed)
//   2  usage or input error
//   3  storage or I/O error
//   70 internal bug
#pragma once

#include "util/error.h"

namespace supervm::cli {

constexpr int kExitOk = static_cast<int>(ExitCode::kOk);
constexpr int kExitNegative = static_cast<int>(ExitCode::kNegative);
constexpr int kExitUsage = static_cast<int>(ExitCode::kUsage);
constexpr int kExitIo = static_cast<int>(ExitCode::kIo);
constexpr int kExitInternal = static_cast<int>(ExitCode::kInternal);

}  // namespace supervm::cli
