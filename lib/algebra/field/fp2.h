// Generic quadratic extension F[u]/(u^2 + 1), valid when -1 is a non-residue
// in F (p = 3 mod 4: BLS12-381 and BN254 base fields).
#pragma once

#include <optional>

namespace supervm::algebra {

template <class F>
struct Fp2 {
  using Base = F;
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
  // Karatsuba: 3 base multiplications.
  Fp2 operator*(const Fp2& o) const {
    F v0 = c0 * o.c0, v1 = c1 * o.c1;
    F s = (c0 + c1) * (o.c0 + o.c1);
    return {v0 - v1, s - v0 - v1};
  }
  Fp2& operator+=(const Fp2& o) { return *this = *this + o; }
  Fp2& operator-=(const Fp2& o) { return *this = *this - o; }
  Fp2& operator*=(const Fp2& o) { return *this = *this * o; }
  bool operator==(const Fp2& o) const { return c0 == o.c0 && c1 == o.c1; }
  bool operator!=(const Fp2& o) const { return !(*this == o); }

  // (c0 + c1 u)^2 = (c0 + c1)(c0 - c1) + 2 c0 c1 u: 2 multiplications.
  Fp2 square() const {
    F t = c0 * c1;
    return {(c0 + c1) * (c0 - c1), t + t};
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
