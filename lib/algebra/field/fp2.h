// Generic quadratic extension F[u]/(u^2 + 1), valid when -1 is a non-residue
// in F (p = 3 mod 4: BLS12-381 and BN254 base fields).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "algebra/field/bigint.h"
#include "algebra/field/mont_portable.h"

namespace supervm::algebra {

template <class F>
struct Fp2 {
  using Base = F;
  // The lazy-reduction bounds below need 4p < R (2 spare bits in the top limb).
  static_assert(F::kModulusBits + 2 <= 64 * F::kLimbs);
  static constexpr typename F::Wide kModulusSquared = [] {
    typename F::Wide w{};
    mont::mul_wide<F::kLimbs>(w, F::kModulus, F::kModulus);
    return w;
  }();
  F c0, c1;  // c0 + c1*u

  static constexpr Fp2 zero() { return {F::zero(), F::zero()}; }
  static constexpr Fp2 one() { return {F::one(), F::zero()}; }
  template <class Rng>
  static Fp2 random(Rng& rng) {
    F a = F::random(rng);
    return {a, F::random(rng)};
  }

  Fp2 operator+(const Fp2& o) const { return {c0 + o.c0, c1 + o.c1}; }
  Fp2 operator-(const Fp2& o) const { return {c0 - o.c0, c1 - o.c1}; }
  Fp2 operator-() const { return {-c0, -c1}; }
  // Karatsuba with lazy reduction (Aranha, Karabina, Longa, Gebotys, Lopez,
  // "Faster explicit formulas for computing pairings over ordinary curves",
  // EUROCRYPT 2011, Alg. 2): three double-width products, one Montgomery
  // reduction per coefficient. Bounds (a_i, b_i < p, 4p < R = 2^(64N)):
  // a0 + a1 < 2p fits N limbs; c1 = (a0+a1)(b0+b1) - a0b0 - a1b1 = a0b1 + a1b0
  // < 2p^2 < pR; c0 = a0b0 - a1b1 + p^2 in (0, 2p^2) (adding p^2 instead of
  // a borrow-dependent correction). Both are valid inputs to redc (t < pR).
  // Inlined with redc_pair: an out-of-line product returned its 8-byte limb stores
  // through a 16-byte (SSE) copy, which cannot be store-forwarded.
  SUPERVM_INLINE Fp2 operator*(const Fp2& o) const {
    typename F::Wide t0, t1;
    mul_wide(*this, o, t0, t1);
    return redc_pair(t0, t1);
  }
  // The product before reduction (for lazy reduction in the tower): for reduced a, b,
  // t0 = a0b0 - a1b1 + p^2 in (0, 2p^2) and t1 = a0b1 + a1b0 in [0, 2p^2).
  static void mul_wide(const Fp2& a, const Fp2& b, typename F::Wide& t0, typename F::Wide& t1) {
    using W = typename F::Wide;
    using L = typename F::Limbs;
    W v0, v1, s;
    F::mul_wide_limbs(v0, a.c0.mont, b.c0.mont);
    F::mul_wide_limbs(v1, a.c1.mont, b.c1.mont);
    L sa, sb;
    bigint::add(sa, a.c0.mont, a.c1.mont);
    bigint::add(sb, b.c0.mont, b.c1.mont);
    F::mul_wide_limbs(s, sa, sb);
    bigint::add(t0, v0, kModulusSquared);  // v0 + p^2 - v1 in (0, 2p^2): never negative
    bigint::sub(t0, t0, v1);
    bigint::add(t1, v0, v1);
    bigint::sub(t1, s, t1);
  }
  // The square before reduction: t0 = (a0 + a1)(a0 - a1), t1 = (2 a0) a1 with the factors
  // reduced mod p, so both lie in [0, p^2) (for lazy reduction in the tower).
  SUPERVM_INLINE static void square_wide(const Fp2& a, typename F::Wide& t0, typename F::Wide& t1) {
    const F s = a.c0 + a.c1, d = a.c0 - a.c1, d0 = a.c0.dbl();
    F::mul_wide_limbs(t0, s.mont, d.mont);
    F::mul_wide_limbs(t1, d0.mont, a.c1.mont);
  }
  // Montgomery reduction of both coefficients; each must be < p R.
  SUPERVM_INLINE static Fp2 redc_pair(const typename F::Wide& t0, const typename F::Wide& t1) {
    Fp2 r;
    F::redc_limbs(r.c0.mont, t0);
    F::redc_limbs(r.c1.mont, t1);
    return r;
  }
  Fp2& operator+=(const Fp2& o) { return *this = *this + o; }
  Fp2& operator-=(const Fp2& o) { return *this = *this - o; }
  Fp2& operator*=(const Fp2& o) { return *this = *this * o; }
  bool operator==(const Fp2& o) const { return c0 == o.c0 && c1 == o.c1; }
  bool operator!=(const Fp2& o) const { return !(*this == o); }

  // (c0 + c1 u)^2 = (c0 + c1)(c0 - c1) + 2 c0 c1 u: 2 multiplications. The
  // factors are left unreduced (c0 + c1, c0 + p - c1 and 2 c0 are all < 2p):
  // Montgomery multiplication of inputs < 2p is still fully reduced when
  // 4p < R, since (2p)^2 / R + p < 2p.
  Fp2 square() const {
    using L = typename F::Limbs;
    L s, d, m, c0x2;
    bigint::add(s, c0.mont, c1.mont);
    bigint::sub(m, F::kModulus, c1.mont);
    bigint::add(d, c0.mont, m);
    bigint::add(c0x2, c0.mont, c0.mont);
    Fp2 r;
    F::mul_limbs(r.c0.mont, s, d);
    F::mul_limbs(r.c1.mont, c0x2, c1.mont);
    return r;
  }
  Fp2 dbl() const { return {c0.dbl(), c1.dbl()}; }
  bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
  bool is_one() const { return c0.is_one() && c1.is_zero(); }
  Fp2 conjugate() const { return {c0, -c1}; }
  Fp2 mul_by_base(const F& k) const { return {c0 * k, c1 * k}; }
  // The p^power Frobenius: conjugation for odd powers, identity for even.
  Fp2 frobenius_map(unsigned power) const { return (power & 1) ? conjugate() : *this; }
  F norm() const { return c0.square() + c1.square(); }

  // 1/(c0 + c1 u) = (c0 - c1 u) / (c0^2 + c1^2); inverse(0) == 0. Constant time.
  Fp2 inverse() const {
    F t = norm().inverse();
    return {c0 * t, -(c1 * t)};
  }
  Fp2 inverse_vartime() const {
    F t = norm().inverse_vartime();
    return {c0 * t, -(c1 * t)};
  }

  // a is a square in Fp2 iff its norm is a square in F.
  int legendre() const { return norm().legendre(); }

  // "Complex method" (e.g. Scott, "Implementing cryptographic pairings", 2007):
  // alpha = sqrt(norm), x0 = sqrt((c0 +- alpha)/2), x1 = c1 / (2 x0).
  // Variable time.
  std::optional<Fp2> sqrt() const {
    if (c1.is_zero()) {
      if (auto r = c0.sqrt()) return Fp2{*r, F::zero()};
      // c0 is a non-residue, so -c0 is a residue (-1 is a non-residue).
      if (auto r = (-c0).sqrt()) return Fp2{F::zero(), *r};
      return std::nullopt;
    }
    auto alpha = norm().sqrt();
    if (!alpha) return std::nullopt;
    static const F half = F::from_u64(2).inverse();
    F delta = (c0 + *alpha) * half;
    auto x0 = delta.sqrt();
    if (!x0) {
      delta = (c0 - *alpha) * half;
      x0 = delta.sqrt();
      if (!x0) return std::nullopt;
    }
    F x1 = c1 * (x0->dbl()).inverse();
    Fp2 r{*x0, x1};
    if (r.square() != *this) return std::nullopt;
    return r;
  }

  // zkcrypto rule: c1 is largest, or c1 == 0 and c0 is largest.
  bool is_lexicographically_largest() const {
    return c1.is_lexicographically_largest() || (c1.is_zero() && c0.is_lexicographically_largest());
  }
};

}  // namespace supervm::algebra
