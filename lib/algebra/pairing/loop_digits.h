// Compile-time signed-digit expansions of Miller loop scalars (most significant digit first).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace supervm::algebra::pairing {

struct LoopDigits {
  std::array<int8_t, 130> d{};
  size_t len = 0;
};

// Plain binary digits of n > 0.
constexpr LoopDigits binary_digits(unsigned __int128 n) {
  LoopDigits r;
  int8_t tmp[130] = {};
  size_t k = 0;
  while (n != 0) {
    tmp[k++] = (int8_t)(n & 1);
    n >>= 1;
  }
  for (size_t i = 0; i < k; ++i) r.d[i] = tmp[k - 1 - i];
  r.len = k;
  return r;
}

// Non-adjacent form of n > 0 (digits in {-1, 0, 1}, no two adjacent non-zero).
constexpr LoopDigits naf_digits(unsigned __int128 n) {
  LoopDigits r;
  int8_t tmp[130] = {};
  size_t k = 0;
  while (n != 0) {
    int8_t z = 0;
    if (n & 1) {
      z = (n & 3) == 3 ? -1 : 1;
      if (z == 1)
        n -= 1;
      else
        n += 1;
    }
    tmp[k++] = z;
    n >>= 1;
  }
  for (size_t i = 0; i < k; ++i) r.d[i] = tmp[k - 1 - i];
  r.len = k;
  return r;
}

// Width-w NAF of n > 0: odd digits in (-2^(w-1), 2^(w-1)), at most one non-zero digit in any
// w consecutive ones. Used for exponentiation by a dense public exponent (BN254's x).
constexpr LoopDigits wnaf_digits(unsigned __int128 n, unsigned w) {
  LoopDigits r;
  int8_t tmp[130] = {};
  size_t k = 0;
  const int64_t full = int64_t(1) << w, half = int64_t(1) << (w - 1);
  while (n != 0) {
    int8_t z = 0;
    if (n & 1) {
      int64_t m = int64_t(n & (unsigned __int128)(full - 1));
      if (m >= half) m -= full;
      z = (int8_t)m;
      if (m > 0)
        n -= (unsigned __int128)m;
      else
        n += (unsigned __int128)(-m);
    }
    tmp[k++] = z;
    n >>= 1;
  }
  for (size_t i = 0; i < k; ++i) r.d[i] = tmp[k - 1 - i];
  r.len = k;
  return r;
}

}  // namespace supervm::algebra::pairing
