// Fp6 = Fp2[v] / (v^3 - xi): the cubic layer of the pairing tower, generic over the curve.
//
// Cfg supplies `using Fp2`, `static Fp2 nonresidue()` (xi) and
// `static Fp2 mul_by_nonresidue(const Fp2&)` (a fast a * xi). Formulas: Karatsuba
// multiplication and Chung–Hasan SQR2 squaring as collected in Devegili, O hEigeartaigh,
// Scott, Dahab, "Multiplication and Squaring on Pairing-Friendly Fields" (ePrint 2006/471).
#pragma once

#include "algebra/field/bigint.h"
#include "algebra/field/mont_portable.h"
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

  // Karatsuba: 6 Fp2 multiplications; with lazy reduction when xi = 1 + u (mul_lazy).
  Fp6 operator*(const Fp6& b) const {
    if constexpr (requires { Cfg::kNonresidueIsOnePlusU; }) {
      return mul_lazy(b);
    } else {
      return mul_karatsuba(b);
    }
  }
  Fp6 mul_karatsuba(const Fp6& b) const {
    Fp2 v0 = c0 * b.c0, v1 = c1 * b.c1, v2 = c2 * b.c2;
    Fp2 t0 = Cfg::mul_by_nonresidue((c1 + c2) * (b.c1 + b.c2) - v1 - v2) + v0;
    Fp2 t1 = (c0 + c1) * (b.c0 + b.c1) - v0 - v1 + Cfg::mul_by_nonresidue(v2);
    Fp2 t2 = (c0 + c2) * (b.c0 + b.c2) - v0 - v2 + v1;
    return {t0, t1, t2};
  }

  // The same Karatsuba formula with lazy reduction (Aranha, Karabina, Longa, Gebotys, Lopez,
  // EUROCRYPT 2011, Sec. 3-4), for towers with xi = 1 + u, where xi * (t0 + t1 u) =
  // (t0 - t1) + (t0 + t1) u costs two double-width additions: the six Fp2 products stay
  // double-width (Fp2::mul_wide, real part in (0, 2p^2), imaginary part in [0, 2p^2)), each
  // output coefficient is one signed combination of them, shifted by a multiple of p^2 to be
  // non-negative, brought below 8p^2 and Montgomery-reduced once: 6 reductions instead of
  // 12. The sums a_i + a_j are reduced mod p, so only the ranges of the terms count:
  //   c2 = x02 - v0 - v2 + v1:    both parts in (-4p^2, 4p^2)             -> +4p^2
  //   c1 = x01 - v0 - v1 + xi v2: real (-6p^2, 4p^2), imaginary (-4p^2, 6p^2) -> +6p^2, +4p^2
  //   c0 = v0 + xi z, z = x12 - v1 - v2 (parts in (-4p^2, 2p^2)):
  //        real (-6p^2, 8p^2), imaginary (-8p^2, 6p^2)                        -> +6p^2, +8p^2
  // then one conditional subtraction of 8p^2 takes [0, 16p^2) below 8p^2. Montgomery
  // reduction needs t < pR, so 8p < R (p < 2^381 for BLS12-381).
  Fp6 mul_lazy(const Fp6& b) const {
    using W = typename Fp::Wide;
    static_assert(Fp::kModulusBits + 3 <= 64 * Fp::kLimbs, "lazy Fp6 bounds need 8p < R");
    W v0a, v0b, v1a, v1b, v2a, v2b, xa, xb, ra, rb;
    Fp2::mul_wide(c0, b.c0, v0a, v0b);
    Fp2::mul_wide(c1, b.c1, v1a, v1b);
    Fp2::mul_wide(c2, b.c2, v2a, v2b);
    // c2 = (a0 + a2)(b0 + b2) - v0 - v2 + v1
    Fp2::mul_wide(c0 + c2, b.c0 + b.c2, xa, xb);
    bigint::add(ra, xa, kP2Times<4>);
    bigint::sub(ra, ra, v0a);
    bigint::sub(ra, ra, v2a);
    bigint::add(ra, ra, v1a);
    bigint::add(rb, xb, kP2Times<4>);
    bigint::sub(rb, rb, v0b);
    bigint::sub(rb, rb, v2b);
    bigint::add(rb, rb, v1b);
    const Fp2 r2 = Fp2::redc_pair(ra, rb);
    // c1 = (a0 + a1)(b0 + b1) - v0 - v1 + xi v2
    Fp2::mul_wide(c0 + c1, b.c0 + b.c1, xa, xb);
    bigint::add(ra, xa, kP2Times<6>);
    bigint::sub(ra, ra, v0a);
    bigint::sub(ra, ra, v1a);
    bigint::add(ra, ra, v2a);
    bigint::sub(ra, ra, v2b);
    bigint::add(rb, xb, kP2Times<4>);
    bigint::sub(rb, rb, v0b);
    bigint::sub(rb, rb, v1b);
    bigint::add(rb, rb, v2a);
    bigint::add(rb, rb, v2b);
    below_8p2(ra);
    below_8p2(rb);
    const Fp2 r1 = Fp2::redc_pair(ra, rb);
    // c0 = v0 + xi ((a1 + a2)(b1 + b2) - v1 - v2) = v0 + xi z
    Fp2::mul_wide(c1 + c2, b.c1 + b.c2, xa, xb);
    W za, zb;  // z = x - v1 - v2 as two's complement differences (only the sums below count)
    bigint::sub(za, xa, v1a);
    bigint::sub(za, za, v2a);
    bigint::sub(zb, xb, v1b);
    bigint::sub(zb, zb, v2b);
    bigint::add(ra, v0a, kP2Times<6>);
    bigint::add(ra, ra, za);
    bigint::sub(ra, ra, zb);
    bigint::add(rb, v0b, kP2Times<8>);
    bigint::add(rb, rb, za);
    bigint::add(rb, rb, zb);
    below_8p2(ra);
    below_8p2(rb);
    const Fp2 r0 = Fp2::redc_pair(ra, rb);
    return {r0, r1, r2};  // no `Fp6 r;`: it would be zero-filled first
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

  // Sparse: *this * (b0 + b1 v). 5 Fp2 multiplications (lazy reduction when xi = 1 + u).
  Fp6 mul_by_01(const Fp2& b0, const Fp2& b1) const {
    if constexpr (requires { Cfg::kNonresidueIsOnePlusU; }) {
      return mul_by_01_lazy(b0, b1);
    } else {
      return mul_by_01_partly_lazy(b0, b1);
    }
  }
  Fp6 mul_by_01_karatsuba(const Fp2& b0, const Fp2& b1) const {
    Fp2 v0 = c0 * b0, v1 = c1 * b1;
    Fp2 t0 = Cfg::mul_by_nonresidue((c1 + c2) * b1 - v1) + v0;
    Fp2 t1 = (c0 + c1) * (b0 + b1) - v0 - v1;
    Fp2 t2 = (c0 + c2) * b0 - v0 + v1;
    return {t0, t1, t2};
  }

  // The double-width products v0 = a0 b0, v1 = a1 b1 of mul_by_01 and its shifted terms
  // t2 = (a0 + a2) b0 - v0 + v1 + 2p^2 and t1 = (a0 + a1)(b0 + b1) - v0 - v1 + 4p^2 (both
  // parts of each in [0, 6p^2)), not reduced: what the two lazy variants below share.
  void mul_by_01_wide_terms(const Fp2& b0, const Fp2& b1, typename Fp::Wide& v0a,
                            typename Fp::Wide& v0b, typename Fp::Wide& v1a, typename Fp::Wide& v1b,
                            typename Fp::Wide& t2a, typename Fp::Wide& t2b, typename Fp::Wide& t1a,
                            typename Fp::Wide& t1b) const {
    typename Fp::Wide xa, xb;
    Fp2::mul_wide(c0, b0, v0a, v0b);
    Fp2::mul_wide(c1, b1, v1a, v1b);
    Fp2::mul_wide(c0 + c2, b0, xa, xb);
    shifted_sum(t2a, xa, kP2Times<2>, v1a, v0a);
    shifted_sum(t2b, xb, kP2Times<2>, v1b, v0b);
    Fp2::mul_wide(c0 + c1, b0 + b1, xa, xb);
    shifted_difference(t1a, xa, kP2Times<4>, v0a, v1a);
    shifted_difference(t1b, xb, kP2Times<4>, v0b, v1b);
  }
  // r = x + shift + plus - minus and r = x + shift - m1 - m2, mod 2^(128N) (the caller's
  // ranges keep the true values in [0, 2^(128N))).
  static void shifted_sum(typename Fp::Wide& r, const typename Fp::Wide& x,
                          const typename Fp::Wide& shift, const typename Fp::Wide& plus,
                          const typename Fp::Wide& minus) {
    bigint::add(r, x, shift);
    bigint::add(r, r, plus);
    bigint::sub(r, r, minus);
  }
  static void shifted_difference(typename Fp::Wide& r, const typename Fp::Wide& x,
                                 const typename Fp::Wide& shift, const typename Fp::Wide& m1,
                                 const typename Fp::Wide& m2) {
    bigint::add(r, x, shift);
    bigint::sub(r, r, m1);
    bigint::sub(r, r, m2);
  }

  // mul_by_01 with lazy reduction, as mul_lazy (same term ranges): 6 reductions instead of
  // 10. t2 = x02 - v0 + v1 and t1 = x01 - v0 - v1 lie in (-2p^2, 4p^2) and (-4p^2, 2p^2);
  // t0 = v0 + xi z with z = (a1 + a2) b1 - v1 in (-2p^2, 2p^2) has both parts in
  // (-4p^2, 6p^2); shifted and, for t0, conditionally reduced below 8p^2.
  Fp6 mul_by_01_lazy(const Fp2& b0, const Fp2& b1) const {
    using W = typename Fp::Wide;
    W v0a, v0b, v1a, v1b, t2a, t2b, t1a, t1b, xa, xb, ra, rb;
    mul_by_01_wide_terms(b0, b1, v0a, v0b, v1a, v1b, t2a, t2b, t1a, t1b);
    const Fp2 r2 = Fp2::redc_pair(t2a, t2b);
    const Fp2 r1 = Fp2::redc_pair(t1a, t1b);
    // t0 = v0 + xi ((a1 + a2) b1 - v1)
    Fp2::mul_wide(c1 + c2, b1, xa, xb);
    W za, zb;
    bigint::sub(za, xa, v1a);
    bigint::sub(zb, xb, v1b);
    bigint::add(ra, v0a, kP2Times<4>);
    bigint::add(ra, ra, za);
    bigint::sub(ra, ra, zb);
    bigint::add(rb, v0b, kP2Times<4>);
    bigint::add(rb, rb, za);
    bigint::add(rb, rb, zb);
    below_8p2(ra);
    below_8p2(rb);
    const Fp2 r0 = Fp2::redc_pair(ra, rb);
    return {r0, r1, r2};  // no `Fp6 r;`: it would be zero-filled first
  }

  // mul_by_01 for other xi (BN254's 9 + u, where xi times a double-width value would leave
  // the range Montgomery reduction accepts): t2 and t1 are reduced once each from their
  // double-width forms, t0 = v0 + xi z from reduced v0 and z; 8 reductions instead of 10.
  // t2 = x02 - v0 + v1 in (-2p^2, 4p^2) and t1 = x01 - v0 - v1 in (-4p^2, 2p^2) are shifted
  // into [0, 6p^2) and brought below 4p^2 by one conditional subtraction of 2p^2; z = x12 - v1
  // in (-2p^2, 2p^2) is shifted into [0, 4p^2). Needs 4p < R (4p^2 < pR).
  Fp6 mul_by_01_partly_lazy(const Fp2& b0, const Fp2& b1) const {
    using W = typename Fp::Wide;
    static_assert(Fp::kModulusBits + 2 <= 64 * Fp::kLimbs, "needs 4p < R");
    W v0a, v0b, v1a, v1b, t2a, t2b, t1a, t1b, xa, xb, ra, rb;
    mul_by_01_wide_terms(b0, b1, v0a, v0b, v1a, v1b, t2a, t2b, t1a, t1b);
    below_kp2<2>(t2a);
    below_kp2<2>(t2b);
    const Fp2 r2 = Fp2::redc_pair(t2a, t2b);
    below_kp2<2>(t1a);
    below_kp2<2>(t1b);
    const Fp2 r1 = Fp2::redc_pair(t1a, t1b);
    // t0 = v0 + xi ((a1 + a2) b1 - v1)
    Fp2::mul_wide(c1 + c2, b1, xa, xb);
    bigint::add(ra, xa, kP2Times<2>);
    bigint::sub(ra, ra, v1a);
    bigint::add(rb, xb, kP2Times<2>);
    bigint::sub(rb, rb, v1b);
    const Fp2 r0 = Cfg::mul_by_nonresidue(Fp2::redc_pair(ra, rb)) + Fp2::redc_pair(v0a, v0b);
    return {r0, r1, r2};
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

 private:
  // k p^2 as a double-width constant.
  template <unsigned k>
  static constexpr typename Fp::Wide kP2Times = [] {
    typename Fp::Wide r{};
    for (unsigned i = 0; i < k; ++i) bigint::add(r, r, Fp2::kModulusSquared);
    return r;
  }();
  // x in [0, 3k p^2) -> x or x - k p^2, below 2k p^2 (branch-free).
  template <unsigned k>
  static void below_kp2(typename Fp::Wide& x) {
    typename Fp::Wide t;
    uint64_t borrow = bigint::sub(t, x, kP2Times<k>);
    mont::select(x, borrow != 0, x, t);
  }
  // x in [0, 16p^2) -> x or x - 8p^2, below 8p^2 (branch-free).
  static void below_8p2(typename Fp::Wide& x) {
    typename Fp::Wide t;
    uint64_t borrow = bigint::sub(t, x, kP2Times<8>);
    mont::select(x, borrow != 0, x, t);
  }
};

}  // namespace supervm::algebra
