// Portable Montgomery arithmetic on N 64-bit limbs with unsigned __int128.
// All routines require a modulus p < 2^(64N-1) (true for every field we use);
// then intermediate values never need an extra carry word beyond the ones kept
// here, and add/sub never overflow N limbs. Everything is constexpr so the same
// code derives constants at compile time.
#pragma once

#include "algebra/field/bigint.h"

namespace supervm::algebra::mont {

using bigint::Limbs;
using bigint::u128;

// r[i] = c ? a[i] : b[i] without a branch. On x86 a CMOV per limb: the plain
// mask form gets vectorized by GCC into a store/reload round trip.
template <size_t N>
SUPERVM_INLINE constexpr void select(Limbs<N>& r, bool c, const Limbs<N>& a, const Limbs<N>& b) {
#ifdef SUPERVM_BIGINT_X86
  if (!std::is_constant_evaluated()) {
    uint64_t flag = c;
    for (size_t i = 0; i < N; ++i) {
      uint64_t x = b[i];
      asm("testq %[f], %[f]\n\tcmovnzq %[a], %[x]"
          : [x] "+r"(x)
          : [f] "r"(flag), [a] "r"(a[i])
          : "cc");
      r[i] = x;
    }
    return;
  }
#endif
  uint64_t m = 0 - uint64_t(c);
  for (size_t i = 0; i < N; ++i) r[i] = (a[i] & m) | (b[i] & ~m);
}

// r = a + b mod p (a, b < p). Branch-free.
template <size_t N>
SUPERVM_INLINE constexpr void add(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& b,
                                  const Limbs<N>& p) {
  Limbs<N> s{}, t{};
  bigint::add(s, a, b);
  uint64_t borrow = bigint::sub(t, s, p);
  select(r, borrow != 0, s, t);
}

// r = a - b mod p (a, b < p). Branch-free.
template <size_t N>
SUPERVM_INLINE constexpr void sub(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& b,
                                  const Limbs<N>& p) {
  Limbs<N> d{}, dp{};
  uint64_t borrow = bigint::sub(d, a, b);
  bigint::add(dp, d, p);
  select(r, borrow != 0, dp, d);
}

// r = -a mod p.
template <size_t N>
SUPERVM_INLINE constexpr void neg(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& p) {
  Limbs<N> d{};
  bigint::sub(d, p, a);
  select(r, bigint::is_zero(a), Limbs<N>{}, d);
}

// Conditional final subtraction: t < 2p -> t mod p.
template <size_t N>
SUPERVM_INLINE constexpr void reduce_once(Limbs<N>& r, const Limbs<N>& t, const Limbs<N>& p) {
  Limbs<N> d{};
  uint64_t borrow = bigint::sub(d, t, p);
  select(r, borrow != 0, t, d);
}

// r = a * b * 2^(-64N) mod p, CIOS (Koc, Acar, Kaliski 1996), inv = -p^-1 mod 2^64.
template <size_t N>
constexpr void mul(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& b, const Limbs<N>& p,
                   uint64_t inv) {
  Limbs<N> t{};
  for (size_t i = 0; i < N; ++i) {
    // (hi, t) = t + a * b[i]
    uint64_t c = 0;
    for (size_t j = 0; j < N; ++j) {
      u128 s = u128(a[j]) * b[i] + t[j] + c;
      t[j] = uint64_t(s);
      c = uint64_t(s >> 64);
    }
    uint64_t hi = c;
    // t = (hi:t + m p) / 2^64; fits N limbs because p < 2^(64N-1).
    uint64_t m = t[0] * inv;
    u128 s = u128(m) * p[0] + t[0];
    c = uint64_t(s >> 64);
    for (size_t j = 1; j < N; ++j) {
      s = u128(m) * p[j] + t[j] + c;
      t[j - 1] = uint64_t(s);
      c = uint64_t(s >> 64);
    }
    t[N - 1] = hi + c;
  }
  reduce_once(r, t, p);
}

// w[0..2N) = a^2 (no reduction): the cross products a_i a_j (i < j) once,
// doubled, plus the diagonal.
template <size_t N>
constexpr void sqr_wide(Limbs<2 * N>& w, const Limbs<N>& a) {
  w = Limbs<2 * N>{};
  for (size_t i = 0; i < N; ++i) {
    uint64_t c = 0;
    for (size_t j = i + 1; j < N; ++j) {
      u128 s = u128(a[i]) * a[j] + w[i + j] + c;
      w[i + j] = uint64_t(s);
      c = uint64_t(s >> 64);
    }
    w[i + N] = c;
  }
  uint64_t top = 0;
  for (size_t i = 0; i < 2 * N; ++i) {  // w = 2 * w
    uint64_t nt = w[i] >> 63;
    w[i] = (w[i] << 1) | top;
    top = nt;
  }
  uint64_t c = 0;
  for (size_t i = 0; i < N; ++i) {  // w += a[i]^2 at 2i
    u128 sq = u128(a[i]) * a[i];
    u128 s = u128(w[2 * i]) + uint64_t(sq) + c;
    w[2 * i] = uint64_t(s);
    s = u128(w[2 * i + 1]) + uint64_t(sq >> 64) + uint64_t(s >> 64);
    w[2 * i + 1] = uint64_t(s);
    c = uint64_t(s >> 64);
  }
}

// r = a^2 * 2^(-64N) mod p: full square (sqr_wide), then separated
// Montgomery reduction (SOS).
template <size_t N>
constexpr void sqr(Limbs<N>& r, const Limbs<N>& a, const Limbs<N>& p, uint64_t inv) {
  Limbs<2 * N> w{};
  sqr_wide<N>(w, a);
  uint64_t c = 0;
  uint64_t carry2 = 0;
  for (size_t i = 0; i < N; ++i) {
    uint64_t m = w[i] * inv;
    c = 0;
    for (size_t j = 0; j < N; ++j) {
      u128 s = u128(m) * p[j] + w[i + j] + c;
      w[i + j] = uint64_t(s);
      c = uint64_t(s >> 64);
    }
    u128 s = u128(w[i + N]) + c + carry2;
    w[i + N] = uint64_t(s);
    carry2 = uint64_t(s >> 64);
  }
  Limbs<N> t{};
  for (size_t i = 0; i < N; ++i) t[i] = w[i + N];
  reduce_once(r, t, p);
}

// r[0..2N) = a * b, the full double-width product (no reduction). For lazy
// reduction: sums of such products are reduced once by redc.
template <size_t N>
constexpr void mul_wide(Limbs<2 * N>& r, const Limbs<N>& a, const Limbs<N>& b) {
  r = Limbs<2 * N>{};
  for (size_t i = 0; i < N; ++i) {
    uint64_t c = 0;
    for (size_t j = 0; j < N; ++j) {
      u128 s = u128(a[j]) * b[i] + r[i + j] + c;
      r[i + j] = uint64_t(s);
      c = uint64_t(s >> 64);
    }
    r[i + N] = c;
  }
}

// r = t * 2^(-64N) mod p for t < p * 2^(64N), fully reduced. m = t * inv is
// determined by the low half alone, so u = (t_low + m p) / 2^(64N) <= p is
// computed on N+1 words and the high half is added afterwards:
// u + t_high < (t + m p) / 2^(64N) + 1 <= 2p, so one conditional subtraction.
template <size_t N>
constexpr void redc(Limbs<N>& r, const Limbs<2 * N>& t, const Limbs<N>& p, uint64_t inv) {
  Limbs<N> u{};
  for (size_t i = 0; i < N; ++i) u[i] = t[i];
  for (size_t i = 0; i < N; ++i) {
    // u = (u + m p) / 2^64; the top word starts at zero (nothing above t_low).
    uint64_t m = u[0] * inv;
    u128 s = u128(m) * p[0] + u[0];
    uint64_t c = uint64_t(s >> 64);
    for (size_t j = 1; j < N; ++j) {
      s = u128(m) * p[j] + u[j] + c;
      u[j - 1] = uint64_t(s);
      c = uint64_t(s >> 64);
    }
    u[N - 1] = c;
  }
  Limbs<N> hi{};
  for (size_t i = 0; i < N; ++i) hi[i] = t[N + i];
  bigint::add(u, u, hi);
  reduce_once(r, u, p);
}

}  // namespace supervm::algebra::mont
