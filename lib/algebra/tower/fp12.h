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

  // ---- products of two lines ------------------------------------------------------------
  // In a multi-pairing several lines multiply f between two squarings. Multiplying two of them
  // first (6 Fp2 multiplications, Karatsuba on three terms) and f by the product (17: one
  // coefficient of the product is zero) costs 23 instead of 2 x 13 (gnark-crypto's
  // Mul014By014 / MulBy01245 scheme). Index k of mul_by_... names the coefficient c(k/3).c(k%3).

  // (a + b v + c v w)(d + e v + g v w) for two M-twist lines (coefficients w^0, w^2, w^3):
  // w^0: ad + xi cg, w^2: ae + bd, w^3: ag + cd, w^4: be, w^5: bg + ce; w^1 stays 0.
  static Fp12 line_product_014(const Fp2& a, const Fp2& b, const Fp2& c, const Fp2& d, const Fp2& e,
                               const Fp2& g) {
    const Fp2 ad = a * d, be = b * e, cg = c * g;
    const Fp2 x01 = (a + b) * (d + e) - ad - be;
    const Fp2 x04 = (a + c) * (d + g) - ad - cg;
    const Fp2 x14 = (b + c) * (e + g) - be - cg;
    return {Fp6{ad + Cfg::mul_by_nonresidue(cg), x01, be}, Fp6{Fp2::zero(), x04, x14}};
  }

  // (a + b w + c v w)(d + e w + g v w) for two D-twist lines (coefficients w^0, w^1, w^3):
  // w^0: ad + xi cg, w^1: ae + bd, w^2: be, w^3: ag + cd, w^4: bg + ce; w^5 stays 0.
  static Fp12 line_product_034(const Fp2& a, const Fp2& b, const Fp2& c, const Fp2& d, const Fp2& e,
                               const Fp2& g) {
    const Fp2 ad = a * d, be = b * e, cg = c * g;
    const Fp2 x03 = (a + b) * (d + e) - ad - be;
    const Fp2 x04 = (a + c) * (d + g) - ad - cg;
    const Fp2 x34 = (b + c) * (e + g) - be - cg;
    return {Fp6{ad + Cfg::mul_by_nonresidue(cg), be, x34}, Fp6{x03, x04, Fp2::zero()}};
  }

  // *this * l for l with l.c1.c0 = 0 (a line_product_014): 17 Fp2 multiplications.
  Fp12 mul_by_01245(const Fp12& l) const {
    const Fp6 aa = c0 * l.c0;
    const Fp6 bb = c1.mul_by_01(l.c1.c1, l.c1.c2).mul_by_v();  // c1 (l11 v + l12 v^2)
    const Fp6 t1 = (c0 + c1) * (l.c0 + l.c1) - aa - bb;
    return {aa + bb.mul_by_v(), t1};
  }

  // *this * l for l with l.c1.c2 = 0 (a line_product_034): 17 Fp2 multiplications.
  Fp12 mul_by_01234(const Fp12& l) const {
    const Fp6 aa = c0 * l.c0;
    const Fp6 bb = c1.mul_by_01(l.c1.c0, l.c1.c1);
    const Fp6 t1 = (c0 + c1) * (l.c0 + l.c1) - aa - bb;
    return {aa + bb.mul_by_v(), t1};
  }

  // Granger–Scott squaring, valid only in the cyclotomic subgroup ("Faster Squaring in the
  // Cyclotomic Subgroup of Sixth Degree Extensions", PKC 2010, ePrint 2009/565). View Fp12
  // as Fp4[w]/(w^3 - t) with Fp4 = Fp2[t]/(t^2 - xi), t = w^3, f = A + B w + C w^2; then
  //   A' = 3A^2 - 2 conj(A),  B' = 3 t C^2 + 2 conj(B),  C' = 3B^2 - 2 conj(C).
  Fp12 cyclotomic_square() const {
    // A = c0.c0 + c1.c1 t, B = c1.c0 + c0.c2 t, C = c0.c1 + c1.c2 t
    Fp2 a0 = c0.c0, a1 = c1.c1, b0 = c1.c0, b1 = c0.c2, k0 = c0.c1, k1 = c1.c2;
    // (Structured bindings instead of `Fp2 sa0, ...;` out-parameters, which GCC zero-fills.)
    const auto [sa0, sa1] = fp4_square(a0, a1);
    const auto [sb0, sb1] = fp4_square(b0, b1);
    const auto [sc0, sc1] = fp4_square(k0, k1);
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

  // cyclotomic_square with reduced Fp2 squarings (reference for tests).
  Fp12 cyclotomic_square_reference() const {
    auto sq4 = [](const Fp2& x, const Fp2& y) {
      const Fp2 x2 = x.square(), y2 = y.square();
      return Fp4{Cfg::mul_by_nonresidue(y2) + x2, (x + y).square() - x2 - y2};
    };
    const auto [sa0, sa1] = sq4(c0.c0, c1.c1);
    const auto [sb0, sb1] = sq4(c1.c0, c0.c2);
    const auto [sc0, sc1] = sq4(c0.c1, c1.c2);
    Fp2 na0 = three_minus_two(sa0, c0.c0), na1 = three_plus_two(sa1, c1.c1);
    Fp2 nb0 = three_plus_two(Cfg::mul_by_nonresidue(sc1), c1.c0), nb1 = three_minus_two(sc0, c0.c2);
    Fp2 nc0 = three_minus_two(sb0, c0.c1), nc1 = three_plus_two(sb1, c1.c2);
    return {Fp6{na0, nc0, nb1}, Fp6{nb0, na1, nc1}};
  }

  // ---- Karabina compressed squaring ------------------------------------------------------
  // Karabina, "Squaring in Cyclotomic Subgroups" (Math. Comp. 2013, ePrint 2010/542): on the
  // cyclotomic subgroup the four coefficients g1 = c0.c1, g2 = c0.c2, g3 = c1.c0, g5 = c1.c2
  // determine the other two, and their squares need only 6 Fp2 squarings (Granger–Scott
  // needs 9): they are exactly the B' and C' parts of cyclotomic_square() above, with
  //   g1' = 3 (g3^2 + xi g2^2) - 2 g1,   g2' = 3 (g1^2 + xi g5^2) - 2 g2,
  //   g3' = 6 xi g1 g5 + 2 g3,            g5' = 6 g2 g3 + 2 g5,
  // where 2 g1 g5 = (g1 + g5)^2 - g1^2 - g5^2 and 2 g2 g3 likewise. Decompression recovers
  //   g4 = (xi g5^2 + 3 g1^2 - 2 g2) / (4 g3),   g0 = xi (2 g4^2 + g3 g5 - 3 g1 g2) + 1
  // when g3 != 0, at the price of a division, so long runs of squarings pay (the same
  // formulas as in Aranha et al., EUROCRYPT 2011, Sec. 5, and gnark-crypto). Elements with
  // g3 = 0 (probability ~1/p^2 for a generic input; includes 1) are left to Granger–Scott.
  struct Compressed {
    Fp2 g1, g2, g3, g5;
  };
  Compressed compress() const { return {c0.c1, c0.c2, c1.c0, c1.c2}; }

  // With lazy reduction (Aranha et al., EUROCRYPT 2011, Sec. 5 do the same) when xi = 1 + u:
  // the six squares stay double-width (Fp2::square_wide, each part in [0, p^2)) and each output
  // needs one reduction of a sum below 3p^2 < pR: 8 Montgomery reductions instead of the 12 of
  // six Fp2 squarings.
  //   A1 = g3^2 + xi g2^2, A2 = g1^2 + xi g5^2  (real parts in (-p^2, 2p^2), + p^2)
  //   B3 = (g1 + g5)^2 - g1^2 - g5^2 = 2 g1 g5, B5 = 2 g2 g3  (parts in (-2p^2, p^2), + 2p^2)
  //   g1' = 3 A1 - 2 g1, g2' = 3 A2 - 2 g2, g3' = 3 xi B3 + 2 g3, g5' = 3 B5 + 2 g5.
  // Other xi (BN254's 9 + u) keep the reduced squarings: xi g2^2 would need a full product.
  static Compressed compressed_square(const Compressed& g) {
    if constexpr (requires { Cfg::kNonresidueIsOnePlusU; }) {
      using W = typename Fp::Wide;
      W s1a, s1b, s5a, s5b, s2a, s2b, s3a, s3b;
      Fp2::square_wide(g.g1, s1a, s1b);
      Fp2::square_wide(g.g5, s5a, s5b);
      Fp2::square_wide(g.g2, s2a, s2b);
      Fp2::square_wide(g.g3, s3a, s3b);
      Compressed r;
      r.g1 = three_minus_two(sq_plus_xi_sq(s3a, s3b, s2a, s2b), g.g1);
      r.g2 = three_minus_two(sq_plus_xi_sq(s1a, s1b, s5a, s5b), g.g2);
      r.g3 = three_plus_two(Cfg::mul_by_nonresidue(twice_product(g.g1 + g.g5, s1a, s1b, s5a, s5b)),
                            g.g3);
      r.g5 = three_plus_two(twice_product(g.g2 + g.g3, s2a, s2b, s3a, s3b), g.g5);
      return r;
    } else {
      return compressed_square_reference(g);
    }
  }

  // The formula above with reduced Fp2 squarings (reference for tests).
  static Compressed compressed_square_reference(const Compressed& g) {
    const Fp2 s1 = g.g1.square(), s5 = g.g5.square(), s2 = g.g2.square(), s3 = g.g3.square();
    const Fp2 g1g5x2 = (g.g1 + g.g5).square() - s1 - s5;  // 2 g1 g5
    const Fp2 g2g3x2 = (g.g2 + g.g3).square() - s2 - s3;  // 2 g2 g3
    Compressed r;
    r.g1 = three_minus_two(s3 + Cfg::mul_by_nonresidue(s2), g.g1);
    r.g2 = three_minus_two(s1 + Cfg::mul_by_nonresidue(s5), g.g2);
    r.g3 = three_plus_two(Cfg::mul_by_nonresidue(g1g5x2), g.g3);
    r.g5 = three_plus_two(g2g3x2, g.g5);
    return r;
  }

  // Decompresses n values with one Fp2 inversion (Montgomery's trick); false (and out
  // unspecified) if some value has g3 = 0. Variable time: public data only.
  static bool batch_decompress(std::span<const Compressed> in, std::span<Fp12> out) {
    const size_t n = in.size();
    if (n > kMaxBatch || out.size() < n) return false;
    Fp2 num[kMaxBatch], den[kMaxBatch], prefix[kMaxBatch];
    Fp2 acc = Fp2::one();
    for (size_t i = 0; i < n; ++i) {
      const Compressed& g = in[i];
      if (g.g3.is_zero()) return false;
      num[i] = Cfg::mul_by_nonresidue(g.g5.square()) + three_minus_two(g.g1.square(), g.g2);
      den[i] = g.g3.dbl().dbl();
      prefix[i] = acc;
      acc = acc * den[i];
    }
    Fp2 inv = acc.inverse_vartime();
    for (size_t i = n; i-- > 0;) {
      const Compressed& g = in[i];
      const Fp2 g4 = num[i] * (inv * prefix[i]);
      inv = inv * den[i];
      const Fp2 g1g2 = g.g1 * g.g2;
      const Fp2 t = g4.square().dbl() + g.g3 * g.g5 - g1g2.dbl() - g1g2;
      const Fp2 g0 = Cfg::mul_by_nonresidue(t) + Fp2::one();
      out[i] = Fp12{Fp6{g0, g.g1, g.g2}, Fp6{g.g3, g4, g.g5}};
    }
    return true;
  }
  static constexpr size_t kMaxBatch = 64;

  // f^e for cyclotomic f and a public exponent of few set bits: one run of 63 compressed
  // squarings with a snapshot at every set bit, one batched decompression, then the product
  // of the snapshots (popcount(e) - 1 multiplications). Falls back to cyclotomic_pow_u64
  // when a snapshot has g3 = 0 (e.g. f = 1).
  Fp12 cyclotomic_pow_u64_compressed(uint64_t e) const {
    if (e == 0) return one();
    Compressed snaps[64];
    size_t n = 0;
    Compressed c = compress();
    const int top = 63 - __builtin_clzll(e);
    for (int i = 1; i <= top; ++i) {
      c = compressed_square(c);
      if ((e >> i) & 1) snaps[n++] = c;
    }
    Fp12 vals[64];
    if (!batch_decompress(std::span<const Compressed>(snaps, n), std::span<Fp12>(vals, n))) {
      return cyclotomic_pow_u64(e);
    }
    Fp12 r = (e & 1) ? *this : vals[0];
    for (size_t k = (e & 1) ? 0 : 1; k < n; ++k) r = r * vals[k];
    return r;
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
  static constexpr typename Fp::Wide kP2Twice = [] {
    typename Fp::Wide r{};
    bigint::add(r, Fp2::kModulusSquared, Fp2::kModulusSquared);
    return r;
  }();
  // (x + y t)^2 in Fp4 = Fp2[t]/(t^2 - xi).
  struct Fp4 {
    Fp2 c0, c1;
  };
  // Lazily reduced when xi = 1 + u (as compressed_square): two Fp2 reductions instead of the
  // three of three reduced Fp2 squarings. BN254 (xi = 9 + u) keeps the reduced squarings
  // (xi y^2 would need a full product (xi y) y; measured slower).
  static Fp4 fp4_square(const Fp2& x, const Fp2& y) {
    if constexpr (requires { Cfg::kNonresidueIsOnePlusU; }) {
      typename Fp::Wide xa, xb, ya, yb;
      Fp2::square_wide(x, xa, xb);
      Fp2::square_wide(y, ya, yb);
      return {sq_plus_xi_sq(xa, xb, ya, yb), twice_product(x + y, xa, xb, ya, yb)};
    } else {
      const Fp2 x2 = x.square(), y2 = y.square();
      return {Cfg::mul_by_nonresidue(y2) + x2, (x + y).square() - x2 - y2};
    }
  }
  // Lazy-reduction helpers; (xa, xb) and (ya, yb) are Fp2::square_wide outputs (parts in
  // [0, p^2)), every sum handed to Montgomery reduction is below 3p^2 < pR.
  // x^2 + xi y^2 for the squares (xa, xb) of x and (ya, yb) of y, reduced, for xi = 1 + u:
  // xi (ya + yb u) = (ya - yb) + (ya + yb) u, so the real part lies in (-p^2, 2p^2) (shifted
  // by p^2) and the imaginary part in [0, 3p^2).
  static Fp2 sq_plus_xi_sq(const typename Fp::Wide& xa, const typename Fp::Wide& xb,
                           const typename Fp::Wide& ya, const typename Fp::Wide& yb) {
    static_assert(requires { Cfg::kNonresidueIsOnePlusU; });
    typename Fp::Wide ra, rb;
    bigint::add(ra, xa, Fp2::kModulusSquared);
    bigint::add(ra, ra, ya);
    bigint::sub(ra, ra, yb);
    bigint::add(rb, xb, ya);
    bigint::add(rb, rb, yb);
    return Fp2::redc_pair(ra, rb);
  }
  // 2 x y = (x + y)^2 - x^2 - y^2 (parts in (-2p^2, p^2), shifted by 2p^2), reduced.
  static Fp2 twice_product(const Fp2& sum, const typename Fp::Wide& xa, const typename Fp::Wide& xb,
                           const typename Fp::Wide& ya, const typename Fp::Wide& yb) {
    typename Fp::Wide ta, tb;
    Fp2::square_wide(sum, ta, tb);
    bigint::add(ta, ta, kP2Twice);
    bigint::sub(ta, ta, xa);
    bigint::sub(ta, ta, ya);
    bigint::add(tb, tb, kP2Twice);
    bigint::sub(tb, tb, xb);
    bigint::sub(tb, tb, yb);
    return Fp2::redc_pair(ta, tb);
  }
  static Fp2 three_minus_two(const Fp2& s, const Fp2& a) { return (s - a).dbl() + s; }
  static Fp2 three_plus_two(const Fp2& s, const Fp2& a) { return (s + a).dbl() + s; }
};

}  // namespace supervm::algebra
