// Access to the shared snarkjs test vectors (../shared/testvectors/snarkjs, DESIGN.md) and the
// small seeds in testdata/zk, for the format tests.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace supervm::zk::formats::testing {

std::string vectors_dir();                        // .../testvectors/snarkjs
std::string vector_path(const std::string& rel);  // relative to vectors_dir()
std::string read_text(const std::string& path);
std::vector<uint8_t> read_bytes(const std::string& path);
nlohmann::json manifest();    // manifest.json
nlohmann::json edge_cases();  // edge_cases.json ("cases" array)

// "bn128" -> its circuits' folder names.
inline const std::vector<std::string>& circuits() {
  static const std::vector<std::string> c = {"multiplier", "range64", "merkle20"};
  return c;
}
inline const std::vector<std::string>& snarkjs_curves() {
  static const std::vector<std::string> c = {"bn128", "bls12381"};
  return c;
}

}  // namespace supervm::zk::formats::testing
