// Constants written as in the curve specifications (hex or decimal) turned into field elements.
// Used once per constant (function-local statics), so speed does not matter; a malformed or
// out-of-range constant is a programming error and aborts.
#pragma once

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace supervm::algebra::curve {

// Big-endian hex string (optional 0x prefix) to N little-endian 64-bit limbs.
template <size_t N>
constexpr std::array<uint64_t, N> hex_limbs(std::string_view s) {
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s.remove_prefix(2);
  std::array<uint64_t, N> out{};
  size_t bit = 0;
  for (size_t i = s.size(); i-- > 0;) {
    char c = s[i];
    uint64_t v = (c >= '0' && c <= '9')   ? uint64_t(c - '0')
                 : (c >= 'a' && c <= 'f') ? uint64_t(c - 'a' + 10)
                 : (c >= 'A' && c <= 'F') ? uint64_t(c - 'A' + 10)
                                          : 99;
    if (v == 99) std::abort();
    if (v != 0) {
      if (bit / 64 >= N) std::abort();
      out[bit / 64] |= v << (bit % 64);
    }
    bit += 4;
  }
  return out;
}

template <class F>
F field_from_hex(std::string_view s) {
  auto v = F::from_canonical(hex_limbs<F::kLimbs>(s));
  if (!v) std::abort();
  return *v;
}

template <class F>
F field_from_dec(std::string_view s) {
  auto v = F::from_decimal(s);
  if (!v) std::abort();
  return *v;
}

}  // namespace supervm::algebra::curve
