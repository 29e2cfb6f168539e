// Fp6 = Fp2[v] / (v^3 - xi): the cubic layer of the pairing tower, generic over the curve.
//
// Cfg supplies `using Fp2`, `static Fp2 nonresidue()` (xi) and
// `static Fp2 mul_by_nonresidue(const Fp2&)` (a fast a * xi). Formulas: Karatsuba
// multiplication and Chung–Hasan SQR2 squaring as collected in Devegili, O hEigeartaigh,
// Scott, Dahab, "Multiplication and Squaring on Pairing-Friendly Fields" (ePrint 2006/471).
#pragma once

#include "algebra/tower/frobenius.h"

namespace supervm::algebra {

template <class Cfg>
struct Fp6 {
  using Fp2 = typename Cfg::Fp2;
  using Fp = decltype(Fp2{}.c0);

  Fp2 c0, c1, c2;  // c0 + c1 v + c2 v^2

  static Fp6 zero() { return {Fp2::zero(), Fp2::zero(), Fp2::zero()}; }
  static Fp6 one() { return {Fp2::one(), Fp2::zero(), Fp2::zero()}; }
  template <class Rng>
  static Fp6 random(Rng& rng) {
    Fp2 a = Fp2::random(rng), b = Fp2::random(rng), c = Fp2::random(rng);
    return {a, b, c};
  }

  bool is_zero() const { return c0.is_zero() && c1.is_zero() && c2.is_zero(); }
  bool is_one() const { return *this == one(); }
  bool operator==(const Fp6& o) const { return c0 == o.c0 && c1 == o.c1 && c2 == o.c2; }
  bool operator!=(const Fp6& o) const { return !(*this == o); }

  Fp6 operator+(const Fp6& o) const { return {c0 + o.c0, c1 + o.c1, c2 + o.c2}; }
  Fp6 operator-(const Fp6& o) const { return {c0 - o.c0, c1 - o.c1, c2 - o.c2}; }
  Fp6 operator-() const { return {-c0, -c1, -c2}; }
  Fp6& operator+=(const Fp6& o) { return *this = *this + o; }
  Fp6& operator-=(const Fp6& o) { return *this = *this - o; }
  Fp6& operator*=(const Fp6& o) { return *this = *this * o; }
  Fp6 dbl() const { return {c0.dbl(), c1.dbl(), c2.dbl()}; }

  // Karatsuba: 6 Fp2 multiplications.
  Fp6 operator*(const Fp6& b) const {
    Fp2 v0 = c0 * b.c0, v1 = c1 * b.c1, v2 = c2 * b.c2;
    Fp2 t0 = Cfg::mul_by_nonresidue((c1 + c2) * (b.c1 + b.c2) - v1 - v2) + v0;
    Fp2 t1 = (c0 + c1) * (b.c0 + b.c1) - v0 - v1 + Cfg::mul_by_nonresidue(v2);
    Fp2 t2 = (c0 + c2) * (b.c0 + b.c2) - v0 - v2 + v1;
    return {t0, t1, t2};
  }

  // Chung–Hasan SQR2: 2 multiplications + 3 squarings in Fp2.
  Fp6 square() const {
    Fp2 s0 = c0.square();
    Fp2 s1 = (c0 * c1).dbl();
    Fp2 s2 = (c0 - c1 + c2).square();
    Fp2 s3 = (c1 * c2).dbl();
    Fp2 s4 = c2.square();
    return {s0 + Cfg::mul_by_nonresidue(s3), s1 + Cfg::mul_by_nonresidue(s4),
            s1 + s2 + s3 - s0 - s4};
  }

  // Multiplication by v: (c0, c1, c2) * v = (xi c2, c0, c1).
  Fp6 mul_by_v() const { return {Cfg::mul_by_nonresidue(c2), c0, c1}; }

  Fp6 mul_by_fp2(const Fp2& s) const { return {c0 * s, c1 * s, c2 * s}; }
  Fp6 mul_by_base(const Fp& s) const {
    return {c0.mul_by_base(s), c1.mul_by_base(s), c2.mul_by_base(s)};
  }

  // Sparse: *this * (b0 + b1 v). 5 Fp2 multiplications.
  Fp6 mul_by_01(const Fp2& b0, const Fp2& b1) const {
    Fp2 v0 = c0 * b0, v1 = c1 * b1;
    Fp2 t0 = Cfg::mul_by_nonresidue((c1 + c2) * b1 - v1) + v0;
    Fp2 t1 = (c0 + c1) * (b0 + b1) - v0 - v1;
    Fp2 t2 = (c0 + c2) * b0 - v0 + v1;
    return {t0, t1, t2};
  }

  // Sparse: *this * (b1 v). 3 Fp2 multiplications.
  Fp6 mul_by_1(const Fp2& b1) const { return {Cfg::mul_by_nonresidue(c2 * b1), c0 * b1, c1 * b1}; }

  // Inverse via the norm to Fp2 (inverse of 0 is 0). The Fp2 inversion is the constant-time
  // one, or Fp2::inverse_vartime for inverse_vartime() (public data only).
  Fp6 inverse() const { return inverse_impl<false>(); }
  Fp6 inverse_vartime() const { return inverse_impl<true>(); }

  template <bool kVartime>
  Fp6 inverse_impl() const {
    Fp2 t0 = c0.square() - Cfg::mul_by_nonresidue(c1 * c2);
    Fp2 t1 = Cfg::mul_by_nonresidue(c2.square()) - c0 * c1;
    Fp2 t2 = c1.square() - c0 * c2;
    Fp2 d = c0 * t0 + Cfg::mul_by_nonresidue(c2 * t1 + c1 * t2);
    Fp2 di;
    if constexpr (kVartime) {
      di = d.inverse_vartime();
    } else {
      di = d.inverse();
    }
    return {t0 * di, t1 * di, t2 * di};
  }

  // x -> x^(p^k) (tables for k <= 3; larger k by composition).
  Fp6 frobenius_map(unsigned k) const {
    if (k > 3) return frobenius_map(3).frobenius_map(k - 3);
    const auto& fr = TowerFrobenius<Cfg>::get();
    return {frob2(c0, k), frob2(c1, k) * fr.v1[k], frob2(c2, k) * fr.v2[k]};
  }

  static Fp2 frob2(const Fp2& a, unsigned k) { return (k & 1) ? a.conjugate() : a; }
};

}  // namespace supervm::algebra
