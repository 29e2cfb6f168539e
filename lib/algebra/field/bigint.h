// Fixed-width unsigned integers as little-endian arrays of 64-bit limbs.
// Everything is constexpr so field constants (R mod p, R^2, exponents for
// inversion and square roots, roots of unity) are derived from the modulus at
// compile time instead of being copied as long hex tables.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <x86intrin.h>
#define SUPERVM_BIGINT_X86 1
#endif

// Hot limb arithmetic must inline: an out-of-line call returning an array
// through memory costs a store-forwarding stall per operation.
#define SUPERVM_INLINE [[gnu::always_inline]] inline

namespace supervm::algebra::bigint {

using u128 = unsigned __int128;

template <size_t N>
using Limbs = std::array<uint64_t, N>;

// r = a + b, returns the carry out.
template <size_t N>
SUPERVM_INLINE constexpr uint64_t add(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& b) {
#ifdef SUPERVM_BIGINT_X86
  // GCC turns __int128 carry chains into long sequences; the intrinsic gives add/adc.
  if (!std::is_constant_evaluated()) {
    unsigned char c = 0;
    for (size_t i = 0; i < N; ++i) {
      unsigned long long t;
      c = _addcarry_u64(c, a[i], b[i], &t);
      r[i] = t;
    }
    return c;
  }
#endif
  uint64_t carry = 0;
  for (size_t i = 0; i < N; ++i) {
    u128 s = u128(a[i]) + b[i] + carry;
    r[i] = uint64_t(s);
    carry = uint64_t(s >> 64);
  }
  return carry;
}

// r = a - b, returns the borrow out (1 if a < b).
template <size_t N>
SUPERVM_INLINE constexpr uint64_t sub(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& b) {
#ifdef SUPERVM_BIGINT_X86
  if (!std::is_constant_evaluated()) {
    unsigned char c = 0;
    for (size_t i = 0; i < N; ++i) {
      unsigned long long t;
      c = _subborrow_u64(c, a[i], b[i], &t);
      r[i] = t;
    }
    return c;
  }
#endif
  uint64_t borrow = 0;
  for (size_t i = 0; i < N; ++i) {
    u128 d = u128(a[i]) - b[i] - borrow;
    r[i] = uint64_t(d);
    borrow = uint64_t(d >> 64) & 1;
  }
  return borrow;
}

// -1, 0, 1 like memcmp.
template <size_t N>
constexpr int cmp(const Limbs<N>& a, const Limbs<N>& b) {
  for (size_t i = N; i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

template <size_t N>
SUPERVM_INLINE constexpr bool is_zero(const Limbs<N>& a) {
  uint64_t acc = 0;
  for (uint64_t x : a) acc |= x;
  return acc == 0;
}

template <size_t N>
constexpr Limbs<N> shr1(const Limbs<N>& a) {
  Limbs<N> r{};
  for (size_t i = 0; i < N; ++i) {
    r[i] = a[i] >> 1;
    if (i + 1 < N) r[i] |= a[i + 1] << 63;
  }
  return r;
}

template <size_t N>
constexpr Limbs<N> shr(Limbs<N> a, unsigned k) {
  for (unsigned i = 0; i < k; ++i) a = shr1(a);
  return a;
}

template <size_t N>
constexpr Limbs<N> from_u64(uint64_t x) {
  Limbs<N> r{};
  r[0] = x;
  return r;
}

// Number of significant bits.
template <size_t N>
constexpr unsigned bit_length(const Limbs<N>& a) {
  for (size_t i = N; i-- > 0;) {
    if (a[i] != 0) return unsigned(64 * i + 64 - __builtin_clzll(a[i]));
  }
  return 0;
}

template <size_t N>
constexpr bool bit(const Limbs<N>& a, unsigned i) {
  return (a[i / 64] >> (i % 64)) & 1;
}

// Number of trailing zero bits (a != 0).
template <size_t N>
constexpr unsigned trailing_zeros(const Limbs<N>& a) {
  for (size_t i = 0; i < N; ++i) {
    if (a[i] != 0) return unsigned(64 * i + __builtin_ctzll(a[i]));
  }
  return unsigned(64 * N);
}

// (2 * a) mod m for a < m < 2^(64N-1).
template <size_t N>
constexpr Limbs<N> dbl_mod(const Limbs<N>& a, const Limbs<N>& m) {
  Limbs<N> r{};
  add(r, a, a);
  Limbs<N> t{};
  if (sub(t, r, m) == 0) return t;
  return r;
}

// 2^k mod m, by doubling (compile time only: k is at most a few hundred).
template <size_t N>
constexpr Limbs<N> pow2_mod(unsigned k, const Limbs<N>& m) {
  Limbs<N> r = from_u64<N>(1);
  for (unsigned i = 0; i < k; ++i) r = dbl_mod(r, m);
  return r;
}

// -m^-1 mod 2^64 for odd m (Newton iteration: each step doubles the correct bits).
constexpr uint64_t neg_inv64(uint64_t m) {
  uint64_t x = 1;
  for (int i = 0; i < 7; ++i) x *= 2 - m * x;
  return ~x + 1;
}

}  // namespace supervm::algebra::bigint
