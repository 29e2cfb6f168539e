// Decimal string <-> little-endian limbs, via GMP (DESIGN.md: GMP does parsing).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace supervm::algebra::field {

// Parses a canonical decimal: one or more ASCII digits, no sign, no spaces, and
// no leading zeros except the single string "0" ("007" and "00" are rejected,
// so every value has exactly one accepted spelling). Fails if the value does
// not fit in n limbs. Writes n limbs to out on success.
bool parse_decimal(std::string_view s, uint64_t* out, size_t n);

// Decimal spelling of the n-limb little-endian integer in.
std::string to_decimal(const uint64_t* in, size_t n);

}  // namespace supervm::algebra::field
