// The curves supervm supports, as named on the command line and stored in file
// headers (DESIGN.md §5). The numeric ids are part of the binary formats.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace supervm::algebra {

enum class CurveId : uint8_t {
  kBls12_381 = 1,
  kBn254 = 2,
};

// Command-line names: "bls12-381" and "bn254" (aliases "bls12381", "bn128", "alt_bn128").
std::optional<CurveId> parse_curve_name(std::string_view name);
std::string_view curve_name(CurveId id);
// Every curve compiled into this build, in id order.
std::array<CurveId, 2> enabled_curves();

}  // namespace supervm::algebra
