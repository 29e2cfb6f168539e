// Loading Groth16 keys for the zk subcommands: the file format is recognised by
// its content (snarkjs JSON, snarkjs .zkey, supervm binary), the curve is taken
// from the file, and the caller's code runs once for that curve's engine.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "algebra/curve_id.h"
#include "util/error.h"
#include "zk/groth16/engine.h"

namespace supervm::cli {

enum class KeyFileFormat { kSnarkjsJson, kZkey, kSupervmBinary };

// Recognises a key file by its first bytes; throws an input error naming `where` otherwise.
KeyFileFormat detect_key_format(std::span<const uint8_t> bytes, const std::string& where);

// The curve a verifying-key or proving-key file is for.
algebra::CurveId key_curve(std::span<const uint8_t> bytes, const std::string& where);

// Calls f(zk::Bls12_381Engine{}) or f(zk::Bn254Engine{}) and returns its result.
template <class F>
decltype(auto) with_engine(algebra::CurveId curve, F&& f) {
  if (curve == algebra::CurveId::kBls12_381) return f(zk::Bls12_381Engine{});
  return f(zk::Bn254Engine{});
}

}  // namespace supervm::cli
