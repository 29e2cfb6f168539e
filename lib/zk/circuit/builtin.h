// Built-in circuits, named on the command line as `--circuit NAME --param k=v ...`:
//   multiply           c = a * b; public c, private a, b (inputs a, b; defaults 3, 11). 1
//   constraint. chain  k=K p=P     y_i = y_{i-1}^2 for i = 1..K with y_0 = x private (input x,
//   default 3);
//                      the last P of y_1..y_K are public (1 <= P <= K, default P = 1).
//                      Exactly K constraints, P public inputs: the size knob for tests/benchmarks.
//   range  bits=N      public v < 2^N (input v, default 2^N - 1) decomposed into N private bits:
//                      N booleanity constraints and one recomposition constraint.
// Parameters are fixed at setup (they shape the constraints); inputs only change the witness, and
// setup uses the defaults.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "zk/circuit/builder.h"

namespace supervm::zk {

using CircuitParams = std::map<std::string, std::string>;

struct BuiltinCircuitInfo {
  std::string_view name;
  std::string_view summary;
};
std::vector<BuiltinCircuitInfo> builtin_circuits();

// Builds the named circuit with its witness. `inputs` may omit inputs (defaults are used).
// Unknown names, parameters or inputs, and out-of-range values throw supervm::Error (kUsage).
template <class Fr>
CircuitInstance<Fr> build_builtin_circuit(std::string_view name, const CircuitParams& params,
                                          const std::map<std::string, Fr>& inputs = {});

}  // namespace supervm::zk
