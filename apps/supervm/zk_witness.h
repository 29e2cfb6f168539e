// Witnesses for `supervm prove`: a circom .wtns file, a full witness as a JSON
// array of decimal strings (snarkjs `wtns export json`), or a JSON object of
// named inputs to a built-in circuit whose witness supervm computes.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "zk/circuit/builtin.h"

namespace supervm::cli {

// The built-in circuit named with --circuit / --param, if any.
struct BuiltinSelection {
  std::string name;  // empty: none
  zk::CircuitParams params;
};

// Parses "k=v" strings from --param; throws an input error for a malformed one.
zk::CircuitParams parse_params(const std::vector<std::string>& kv);

// From a JSON value: an array is a full witness, an object holds built-in circuit inputs.
template <class Fr>
std::vector<Fr> witness_from_json(const nlohmann::json& j, const BuiltinSelection& builtin,
                                  const std::string& where);

// From a file's bytes: .wtns (by its magic) or JSON.
template <class Fr>
std::vector<Fr> witness_from_bytes(std::span<const uint8_t> bytes, const BuiltinSelection& builtin,
                                   const std::string& where);

}  // namespace supervm::cli
