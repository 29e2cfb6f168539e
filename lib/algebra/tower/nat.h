// Tiny unsigned multi-precision helpers used only to derive tower constants (Frobenius
// coefficients) once at start-up from p, so that no long tables have to be copied by hand.
// Not constant time, not fast: setup and tests only.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

namespace supervm::algebra::nat {

using Nat = std::vector<uint64_t>;  // little-endian 64-bit limbs

inline void trim(Nat& a) {
  while (!a.empty() && a.back() == 0) a.pop_back();
}

inline Nat from_limbs(std::span<const uint64_t> l) {
  Nat a(l.begin(), l.end());
  trim(a);
  return a;
}

inline Nat mul(const Nat& a, const Nat& b) {
  Nat r(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned __int128 carry = 0;
    for (size_t j = 0; j < b.size(); ++j) {
      unsigned __int128 t = (unsigned __int128)a[i] * b[j] + r[i + j] + carry;
      r[i + j] = (uint64_t)t;
      carry = t >> 64;
    }
    r[i + b.size()] = (uint64_t)carry;
  }
  trim(r);
  return r;
}

inline Nat add_small(Nat a, uint64_t s) {
  for (size_t i = 0; s != 0; ++i) {
    if (i == a.size()) a.push_back(0);
    a[i] += s;
    s = a[i] < s ? 1 : 0;
  }
  return a;
}

// a - s; requires a >= s.
inline Nat sub_small(Nat a, uint64_t s) {
  for (size_t i = 0; s != 0; ++i) {
    if (i == a.size()) throw std::logic_error("nat::sub_small underflow");
    uint64_t old = a[i];
    a[i] -= s;
    s = old < s ? 1 : 0;
  }
  trim(a);
  return a;
}

// Exact division by a small divisor; throws if the remainder is not zero (the callers
// only divide when number theory says the division is exact, so this is a self-check).
inline Nat div_exact_small(Nat a, uint64_t d) {
  unsigned __int128 rem = 0;
  for (size_t i = a.size(); i-- > 0;) {
    unsigned __int128 cur = (rem << 64) | a[i];
    a[i] = (uint64_t)(cur / d);
    rem = cur % d;
  }
  if (rem != 0) throw std::logic_error("nat::div_exact_small: not divisible");
  trim(a);
  return a;
}

inline Nat pow(const Nat& base, unsigned e) {
  Nat r{1};
  for (unsigned i = 0; i < e; ++i) r = mul(r, base);
  return r;
}

}  // namespace supervm::algebra::nat
