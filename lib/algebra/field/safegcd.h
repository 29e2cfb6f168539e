// Variable-time modular inversion by Bernstein-Yang divsteps ("Fast constant-time gcd
// computation and modular inversion", TCHES 2019), batched 62 steps at a time: the next 62
// decisions depend only on delta and the low 64 bits of f and g, so they are made on single
// words while recording a 2x2 transition matrix, which is then applied once to the full
// numbers (f, g) and to the Bezout coefficients (d, e) mod p. Runs of zero bits of g are
// skipped with one count-trailing-zeros (the step is then only g /= 2).
//
// Invariants: f = d * a, g = e * a (mod p); start f = p, g = a, d = 0, e = 1; stop when
// g = 0, then f = +-1 and a^-1 = +-d. Variable time: public data only.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "algebra/field/bigint.h"

namespace supervm::algebra::safegcd {

// Two's complement integer on N+1 limbs (the top limb carries the sign).
template <size_t N>
using Signed = std::array<uint64_t, N + 1>;

struct Matrix {
  int64_t u, v, q, r;  // (f', g') = (u f + v g, q f + r g) / 2^62
};

// 62 divsteps on the low words of f and g; updates delta.
inline Matrix divsteps_62(int64_t& delta, uint64_t f, uint64_t g) {
  int64_t u = 1, v = 0, q = 0, r = 1;  // scaled by 2^i after i steps
  int i = 0;
  for (;;) {
    // Even g: (f, g) <- (f, g / 2); a run of z zeros at once.
    int z = g == 0 ? 62 - i : __builtin_ctzll(g);
    if (z > 62 - i) z = 62 - i;
    g >>= z;
    u = int64_t(uint64_t(u) << z);  // shifts on unsigned: no sign-shift diagnostics
    v = int64_t(uint64_t(v) << z);
    delta += z;
    i += z;
    if (i == 62) break;
    // g odd.
    if (delta > 0) {  // (f, g) <- (g, (g - f) / 2)
      delta = 1 - delta;
      uint64_t t = f;
      f = g;
      g = (g - t) >> 1;
      int64_t tu = u, tv = v;
      u = int64_t(uint64_t(q) << 1);
      v = int64_t(uint64_t(r) << 1);
      q = q - tu;
      r = r - tv;
    } else {  // (f, g) <- (f, (g + f) / 2)
      delta = 1 + delta;
      g = (g + f) >> 1;
      q = q + u;
      r = r + v;
      u = int64_t(uint64_t(u) << 1);
      v = int64_t(uint64_t(v) << 1);
    }
    ++i;
  }
  return {u, v, q, r};
}

// (a x + b y) / 2^62 for signed x, y (exact division).
template <size_t N>
Signed<N> combine(const Signed<N>& x, const Signed<N>& y, int64_t a, int64_t b) {
  using i128 = __int128;
  uint64_t t[N + 2];
  i128 carry = 0;
  for (size_t k = 0; k <= N; ++k) {
    i128 acc = carry;
    if (k < N) {
      acc += i128(a) * i128(x[k]) + i128(b) * i128(y[k]);  // limbs unsigned
    } else {
      acc += i128(a) * i128(int64_t(x[k])) + i128(b) * i128(int64_t(y[k]));  // signed top
    }
    t[k] = uint64_t(acc);
    carry = acc >> 64;
  }
  t[N + 1] = uint64_t(carry);
  Signed<N> out{};
  for (size_t k = 0; k <= N; ++k) out[k] = (t[k] >> 62) | (t[k + 1] << 2);
  return out;
}

// (a d + b e) / 2^62 mod p for d, e in [0, p), result in [0, p). inv = -p^-1 mod 2^64.
template <size_t N>
bigint::Limbs<N> combine_mod(const bigint::Limbs<N>& d, const bigint::Limbs<N>& e, int64_t a,
                             int64_t b, const bigint::Limbs<N>& p, uint64_t inv) {
  using i128 = __int128;
  // s = a d + b e on N+1 limbs (two's complement), |s| < 2^62 * 2p.
  uint64_t s[N + 2];
  i128 carry = 0;
  for (size_t k = 0; k < N; ++k) {
    i128 acc = carry + i128(a) * i128(d[k]) + i128(b) * i128(e[k]);
    s[k] = uint64_t(acc);
    carry = acc >> 64;
  }
  s[N] = uint64_t(carry);
  // + m p with m = -s / p mod 2^62, so the low 62 bits vanish.
  const uint64_t m = (s[0] * inv) & ((uint64_t(1) << 62) - 1);
  bigint::u128 c = 0;
  for (size_t k = 0; k < N; ++k) {
    c += bigint::u128(m) * p[k] + s[k];
    s[k] = uint64_t(c);
    c >>= 64;
  }
  // Top limb: signed s[N] + carry (the sum fits: |s + m p| < 2^63 p).
  s[N] = uint64_t(int64_t(s[N]) + int64_t(uint64_t(c)));
  s[N + 1] = uint64_t(int64_t(s[N]) >> 63);
  Signed<N> t{};
  for (size_t k = 0; k <= N; ++k) t[k] = (s[k] >> 62) | (s[k + 1] << 2);
  // |t| < 2p + p: normalize into [0, p).
  bigint::Limbs<N> r{};
  Signed<N> pp{};
  for (size_t k = 0; k < N; ++k) pp[k] = p[k];
  auto add_p = [&](Signed<N>& x, bool sub) {
    uint64_t cc = 0;
    for (size_t k = 0; k <= N; ++k) {
      uint64_t y = pp[k];
      if (sub) {
        uint64_t d1 = x[k] - y, b1 = x[k] < y, d2 = d1 - cc, b2 = d1 < cc;
        x[k] = d2;
        cc = b1 | b2;
      } else {
        uint64_t s1 = x[k] + y, c1 = s1 < y, s2 = s1 + cc, c2 = s2 < cc;
        x[k] = s2;
        cc = c1 | c2;
      }
    }
  };
  while (int64_t(t[N]) < 0) add_p(t, false);
  for (;;) {
    bool ge = t[N] != 0;
    if (!ge) {
      for (size_t k = 0; k < N; ++k) r[k] = t[k];
      ge = bigint::cmp(r, p) >= 0;
    }
    if (!ge) break;
    add_p(t, true);
  }
  return r;
}

// a^-1 mod p for 0 < a < p, p odd prime < 2^(64N-2); returns 0 for a = 0.
template <size_t N>
bigint::Limbs<N> inverse_vartime(const bigint::Limbs<N>& a, const bigint::Limbs<N>& p,
                                 uint64_t inv) {
  Signed<N> f{}, g{};
  for (size_t k = 0; k < N; ++k) {
    f[k] = p[k];
    g[k] = a[k];
  }
  bigint::Limbs<N> d{}, e = bigint::from_u64<N>(1);
  int64_t delta = 1;
  auto is_zero = [](const Signed<N>& x) {
    uint64_t o = 0;
    for (uint64_t w : x) o |= w;
    return o == 0;
  };
  if (is_zero(g)) return d;
  while (!is_zero(g)) {
    const Matrix m = divsteps_62(delta, f[0], g[0]);
    Signed<N> nf = combine<N>(f, g, m.u, m.v), ng = combine<N>(f, g, m.q, m.r);
    bigint::Limbs<N> nd = combine_mod<N>(d, e, m.u, m.v, p, inv);
    bigint::Limbs<N> ne = combine_mod<N>(d, e, m.q, m.r, p, inv);
    f = nf;
    g = ng;
    d = nd;
    e = ne;
  }
  // f = +-1 (gcd), and f = d a mod p.
  if (int64_t(f[N]) < 0) {
    bigint::Limbs<N> r{};
    if (!bigint::is_zero(d)) bigint::sub(r, p, d);
    return r;
  }
  return d;
}

}  // namespace supervm::algebra::safegcd
