// Fp12 = Fp6[w] / (w^2 - v): the pairing target field, generic over the curve (same Cfg as
// Fp6). Besides the field operations it has what the pairing needs: sparse multiplication by
// line functions (mul_by_014 for M-twists, mul_by_034 for D-twists), Frobenius maps, and the
// Granger–Scott squaring for elements of the cyclotomic subgroup (those with
// f^(p^6 + 1) = 1, i.e. every value after the easy part of the final exponentiation).
//
// Coefficient layout over Fp2 as powers of w (w^6 = xi):
//   c0.c0 = w^0, c1.c0 = w^1, c0.c1 = w^2, c1.c1 = w^3, c0.c2 = w^4, c1.c2 = w^5.
#pragma once

#include <cstdint>
#include <span>

#include "algebra/tower/fp6.h"

namespace supervm::algebra {

template <class Cfg>
struct Fp12 {
  using Fp2 = typename Cfg::Fp2;
  using Fp6 = algebra::Fp6<Cfg>;
  using Fp = typename Fp6::Fp;

  Fp6 c0, c1;  // c0 + c1 w

  static Fp12 zero() { return {Fp6::zero(), Fp6::zero()}; }
  static Fp12 one() { return {Fp6::one(), Fp6::zero()}; }
  template <class Rng>
  static Fp12 random(Rng& rng) {
    Fp6 a = Fp6::random(rng), b = Fp6::random(rng);
    return {a, b};
  }

  bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
  bool is_one() const { return c0.is_one() && c1.is_zero(); }
  bool operator==(const Fp12& o) const { return c0 == o.c0 && c1 == o.c1; }
  bool operator!=(const Fp12& o) const { return !(*this == o); }

  Fp12 operator+(const Fp12& o) const { return {c0 + o.c0, c1 + o.c1}; }
  Fp12 operator-(const Fp12& o) const { return {c0 - o.c0, c1 - o.c1}; }
  Fp12 operator-() const { return {-c0, -c1}; }
  Fp12& operator+=(const Fp12& o) { return *this = *this + o; }
  Fp12& operator-=(const Fp12& o) { return *this = *this - o; }
  Fp12& operator*=(const Fp12& o) { return *this = *this * o; }

  // Karatsuba over Fp6: 3 Fp6 multiplications (18 Fp2 multiplications).
  Fp12 operator*(const Fp12& b) const {
    Fp6 aa = c0 * b.c0, bb = c1 * b.c1;
    Fp6 t1 = (c0 + c1) * (b.c0 + b.c1) - aa - bb;
    return {aa + bb.mul_by_v(), t1};
  }

  // Complex squaring: 2 Fp6 multiplications.
  Fp12 square() const {
    Fp6 ab = c0 * c1;
    Fp6 t0 = (c0 + c1) * (c0 + c1.mul_by_v()) - ab - ab.mul_by_v();
    return {t0, ab.dbl()};
  }

  // Conjugation over Fp6 = the p^6-power Frobenius; the inverse on the cyclotomic subgroup.
  Fp12 conjugate() const { return {c0, -c1}; }

  // Inverse via the norm to Fp6 (inverse of 0 is 0); inverse_vartime for public data only.
  Fp12 inverse() const {
    Fp6 t = (c0.square() - c1.square().mul_by_v()).inverse();
    return {c0 * t, -(c1 * t)};
  }
  Fp12 inverse_vartime() const {
    Fp6 t = (c0.square() - c1.square().mul_by_v()).inverse_vartime();
    return {c0 * t, -(c1 * t)};
  }

  // x -> x^(p^k) (tables for k <= 3; larger k by composition).
  Fp12 frobenius_map(unsigned k) const {
    if (k > 3) return frobenius_map(3).frobenius_map(k - 3);
    const auto& fr = TowerFrobenius<Cfg>::get();
    return {c0.frobenius_map(k), c1.frobenius_map(k).mul_by_fp2(fr.w1[k])};
  }

  // *this * (a + b v + c v w): the sparse line value of an M-twist (coefficients w^0, w^2,
  // w^3). 13 Fp2 multiplications instead of 18.
  Fp12 mul_by_014(const Fp2& a, const Fp2& b, const Fp2& c) const {
    Fp6 aa = c0.mul_by_01(a, b);
    Fp6 bb = c1.mul_by_1(c);
    Fp6 t1 = (c0 + c1).mul_by_01(a, b + c) - aa - bb;
    return {aa + bb.mul_by_v(), t1};
  }

  // *this * (a + b w + c v w): the sparse line value of a D-twist (coefficients w^0, w^1,
  // w^3). 13 Fp2 multiplications instead of 18.
  Fp12 mul_by_034(const Fp2& a, const Fp2& b, const Fp2& c) const {
    Fp6 aa = c0.mul_by_fp2(a);
    Fp6 bb = c1.mul_by_01(b, c);
    Fp6 t1 = (c0 + c1).mul_by_01(a + b, c) - aa - bb;
    return {aa + bb.mul_by_v(), t1};
  }

  // Granger–Scott squaring, valid only in the cyclotomic subgroup ("Faster Squaring in the
  // Cyclotomic Subgroup of Sixth Degree Extensions", PKC 2010, ePrint 2009/565). View Fp12
  // as Fp4[w]/(w^3 - t) with Fp4 = Fp2[t]/(t^2 - xi), t = w^3, f = A + B w + C w^2; then
  //   A' = 3A^2 - 2 conj(A),  B' = 3 t C^2 + 2 conj(B),  C' = 3B^2 - 2 conj(C).
  Fp12 cyclotomic_square() const {
    // A = c0.c0 + c1.c1 t, B = c1.c0 + c0.c2 t, C = c0.c1 + c1.c2 t
    Fp2 a0 = c0.c0, a1 = c1.c1, b0 = c1.c0, b1 = c0.c2, k0 = c0.c1, k1 = c1.c2;
    Fp2 sa0, sa1, sb0, sb1, sc0, sc1;
    fp4_square(a0, a1, sa0, sa1);
    fp4_square(b0, b1, sb0, sb1);
    fp4_square(k0, k1, sc0, sc1);
    // A'
    Fp2 na0 = three_minus_two(sa0, a0);  // 3 sa0 - 2 a0
    Fp2 na1 = three_plus_two(sa1, a1);   // 3 sa1 + 2 a1
    // B' = 3 t C^2 + 2 conj(B): t (sc0 + sc1 t) = xi sc1 + sc0 t
    Fp2 nb0 = three_plus_two(Cfg::mul_by_nonresidue(sc1), b0);
    Fp2 nb1 = three_minus_two(sc0, b1);
    // C'
    Fp2 nc0 = three_minus_two(sb0, k0);
    Fp2 nc1 = three_plus_two(sb1, k1);
    return {Fp6{na0, nc0, nb1}, Fp6{nb0, na1, nc1}};
  }

  // f^e for a 64-bit public exponent with cyclotomic squarings (f must be cyclotomic).
  Fp12 cyclotomic_pow_u64(uint64_t e) const {
    Fp12 r = one();
    bool started = false;
    for (int i = 63; i >= 0; --i) {
      if (started) r = r.cyclotomic_square();
      if ((e >> i) & 1) {
        r = started ? r * *this : *this;
        started = true;
      }
    }
    return r;
  }

  // f^e for cyclotomic f and a public exponent given as signed odd digits (most significant
  // first, |digit| <= 15, e.g. a width-w NAF); negative digits use the conjugate = inverse.
  Fp12 cyclotomic_pow_signed(std::span<const int8_t> digits) const {
    int max_digit = 1;
    for (int8_t d : digits) max_digit = d > max_digit ? d : (-d > max_digit ? -d : max_digit);
    Fp12 table[8];  // f, f^3, f^5, ..., f^15 as needed
    table[0] = *this;
    if (max_digit > 1) {
      const Fp12 f2 = cyclotomic_square();
      for (int i = 1; 2 * i + 1 <= max_digit && i < 8; ++i) table[i] = table[i - 1] * f2;
    }
    Fp12 r = one();
    bool started = false;
    for (int8_t d : digits) {
      if (started) r = r.cyclotomic_square();
      if (d != 0) {
        const Fp12 t = d > 0 ? table[d / 2] : table[-d / 2].conjugate();
        r = started ? r * t : t;
        started = true;
      }
    }
    return r;
  }

 private:
  // (x + y t)^2 in Fp4 = Fp2[t]/(t^2 - xi).
  static void fp4_square(const Fp2& x, const Fp2& y, Fp2& r0, Fp2& r1) {
    Fp2 x2 = x.square(), y2 = y.square();
    r0 = Cfg::mul_by_nonresidue(y2) + x2;
    r1 = (x + y).square() - x2 - y2;
  }
  static Fp2 three_minus_two(const Fp2& s, const Fp2& a) { return (s - a).dbl() + s; }
  static Fp2 three_plus_two(const Fp2& s, const Fp2& a) { return (s + a).dbl() + s; }
};

}  // namespace supervm::algebra
