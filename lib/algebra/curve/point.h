// Generic short-Weierstrass points on y^2 = x^3 + b (a = 0) over a field F (Fp or Fp2).
//
// Every group of both curves (BLS12-381 and BN254, G1 and G2) is an instance of these two
// templates with a per-group config `Cfg` that supplies:
//   using Field = ...; using Scalar = ...;         // coordinate field, scalar field Fr
//   static const Field& b();                       // curve coefficient
//   static const Field& gen_x(); gen_y();          // generator of the prime-order subgroup
//   static bool in_subgroup(const Jacobian<Cfg>&); // fast endomorphism test (per-curve .cpp)
//   static Jacobian<Cfg> mul(const Jacobian<Cfg>&, const Scalar&);  // GLV/GLS scalar mul
//
// Formulas are from the Explicit-Formulas Database (hyperelliptic.org/EFD/g1p/auto-shortw-jacobian-0):
// dbl-2009-l, add-2007-bl, madd-2007-bl, each with the exceptional cases (infinity, P+P, P+(-P))
// handled by branches. None of this is constant time: it is meant for public data
// (verification, proving with public bases, MSM); secret scalars must not go through wNAF.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "algebra/curve/field_util.h"
#include "algebra/curve/wnaf.h"

namespace supervm::algebra::curve {

template <class Cfg>
struct Jacobian;

// Affine point (x, y) or the point at infinity (then x = y = 0 by convention).
template <class Cfg>
struct Affine {
  using Config = Cfg;
  using Field = typename Cfg::Field;
  using Scalar = typename Cfg::Scalar;
  Field x{}, y{};
  bool infinity = true;

  Affine() = default;  // the point at infinity
  Affine(const Field& x_, const Field& y_, bool inf = false) : x(x_), y(y_), infinity(inf) {}

  static Affine identity() { return Affine(); }
  static Affine generator() { return Affine(Cfg::gen_x(), Cfg::gen_y()); }
  bool is_infinity() const { return infinity; }

  // y^2 == x^3 + b (infinity counts as on the curve).
  bool is_on_curve() const {
    if (infinity) return true;
    return y.square() == x.square() * x + Cfg::b();
  }
  // On the curve and in the prime-order subgroup.
  bool is_in_subgroup() const { return is_on_curve() && Jacobian<Cfg>(*this).in_subgroup_unchecked(); }

  // The point with this x, if x^3 + b is a square; `y_largest` picks the lexicographically
  // largest of the two roots (zkcrypto rule; for Fp2: c1 decides, or c0 when c1 == 0).
  static std::optional<Affine> from_x(const Field& x, bool y_largest) {
    auto y = (x.square() * x + Cfg::b()).sqrt();
    if (!y) return std::nullopt;
    if (y->is_lexicographically_largest() != y_largest) *y = -*y;
    return Affine(x, *y);
  }
  // Random point of the whole curve E(F), NOT multiplied by the cofactor: for tests of the
  // subgroup checks (for groups with cofactor 1 it is a random group element).
  template <class Rng>
  static Affine random_on_curve(Rng& rng) {
    for (;;) {
      auto p = from_x(Field::random(rng), (rng() & 1) != 0);
      if (p) return *p;
    }
  }

  Affine operator-() const { return infinity ? *this : Affine(x, -y); }
  bool operator==(const Affine& o) const {
    if (infinity || o.infinity) return infinity == o.infinity;
    return x == o.x && y == o.y;
  }
  bool operator!=(const Affine& o) const { return !(*this == o); }
  Jacobian<Cfg> operator*(const Scalar& k) const { return Jacobian<Cfg>(*this) * k; }
};

// Jacobian point (X : Y : Z) = (X/Z^2, Y/Z^3); Z == 0 means infinity.
template <class Cfg>
struct Jacobian {
  using Config = Cfg;
  using Field = typename Cfg::Field;
  using Scalar = typename Cfg::Scalar;
  using AffineT = Affine<Cfg>;
  Field x{}, y = Field::one(), z{};

  Jacobian() = default;  // the point at infinity (0 : 1 : 0)
  Jacobian(const Field& x_, const Field& y_, const Field& z_) : x(x_), y(y_), z(z_) {}
  Jacobian(const AffineT& a)  // NOLINT(google-explicit-constructor): lossless conversion
      : x(a.infinity ? Field::zero() : a.x),
        y(a.infinity ? Field::one() : a.y),
        z(a.infinity ? Field::zero() : Field::one()) {}

  static Jacobian identity() { return Jacobian(); }
  static Jacobian generator() { return Jacobian(AffineT::generator()); }
  bool is_infinity() const { return z.is_zero(); }

  AffineT to_affine() const {
    if (is_infinity()) return AffineT();
    Field zi = field_inverse(z);
    Field zi2 = zi.square();
    return AffineT(x * zi2, y * zi2 * zi);
  }

  // Y^2 == X^3 + b Z^6.
  bool is_on_curve() const {
    if (is_infinity()) return true;
    Field z2 = z.square();
    Field z6 = z2.square() * z2;
    return y.square() == x.square() * x + Cfg::b() * z6;
  }
  bool is_in_subgroup() const { return is_on_curve() && in_subgroup_unchecked(); }
  // The endomorphism test alone; the caller has checked is_on_curve().
  bool in_subgroup_unchecked() const { return is_infinity() || Cfg::in_subgroup(*this); }

  Jacobian operator-() const { return Jacobian(x, -y, z); }

  bool operator==(const Jacobian& o) const {
    bool a = is_infinity(), b = o.is_infinity();
    if (a || b) return a == b;
    Field z1z1 = z.square(), z2z2 = o.z.square();
    if (x * z2z2 != o.x * z1z1) return false;
    return y * z2z2 * o.z == o.y * z1z1 * z;
  }
  bool operator!=(const Jacobian& o) const { return !(*this == o); }

  // dbl-2009-l: 2M + 5S.
  Jacobian dbl() const {
    if (is_infinity()) return *this;
    Field a = x.square();
    Field b = y.square();
    Field c = b.square();
    Field d = ((x + b).square() - a - c).dbl();
    Field e = a.dbl() + a;
    Field f = e.square();
    Jacobian r;
    r.x = f - d.dbl();
    r.y = e * (d - r.x) - c.dbl().dbl().dbl();
    r.z = (y * z).dbl();
    return r;
  }

  // add-2007-bl: 11M + 5S.
  Jacobian operator+(const Jacobian& o) const {
    if (is_infinity()) return o;
    if (o.is_infinity()) return *this;
    Field z1z1 = z.square();
    Field z2z2 = o.z.square();
    Field u1 = x * z2z2;
    Field u2 = o.x * z1z1;
    Field s1 = y * o.z * z2z2;
    Field s2 = o.y * z * z1z1;
    Field h = u2 - u1;
    Field rr = s2 - s1;
    if (h.is_zero()) {
      if (rr.is_zero()) return dbl();
      return Jacobian();  // P + (-P)
    }
    Field i = h.dbl().square();
    Field j = h * i;
    rr = rr.dbl();
    Field v = u1 * i;
    Jacobian r;
    r.x = rr.square() - j - v.dbl();
    r.y = rr * (v - r.x) - (s1 * j).dbl();
    r.z = ((z + o.z).square() - z1z1 - z2z2) * h;
    return r;
  }

  // madd-2007-bl (second operand has Z = 1): 7M + 4S.
  Jacobian add_mixed(const AffineT& o) const {
    if (o.infinity) return *this;
    if (is_infinity()) return Jacobian(o);
    Field z1z1 = z.square();
    Field u2 = o.x * z1z1;
    Field s2 = o.y * z * z1z1;
    Field h = u2 - x;
    Field rr = s2 - y;
    if (h.is_zero()) {
      if (rr.is_zero()) return dbl();
      return Jacobian();
    }
    Field hh = h.square();
    Field i = hh.dbl().dbl();
    Field j = h * i;
    rr = rr.dbl();
    Field v = x * i;
    Jacobian r;
    r.x = rr.square() - j - v.dbl();
    r.y = rr * (v - r.x) - (y * j).dbl();
    r.z = (z + h).square() - z1z1 - hh;
    return r;
  }

  Jacobian operator-(const Jacobian& o) const { return *this + (-o); }
  Jacobian& operator+=(const Jacobian& o) { return *this = *this + o; }
  Jacobian& operator-=(const Jacobian& o) { return *this = *this - o; }
  Jacobian operator+(const AffineT& o) const { return add_mixed(o); }
  Jacobian& operator+=(const AffineT& o) { return *this = add_mixed(o); }

  // Scalar multiplication by an element of Fr (GLV/GLS where the curve has it). Variable time.
  Jacobian operator*(const Scalar& k) const { return Cfg::mul(*this, k); }
  Jacobian& operator*=(const Scalar& k) { return *this = Cfg::mul(*this, k); }

  // Multiplication by a non-negative integer of any size (little-endian 64-bit limbs), plain
  // wNAF without endomorphisms: used for cofactors and as the test oracle for operator*.
  Jacobian mul_integer(std::span<const uint64_t> k_le) const {
    return wnaf_mul<Jacobian>(*this, k_le, /*negative=*/false);
  }

  // Random point of the prime-order subgroup: generator times a random scalar.
  template <class Rng>
  static Jacobian random(Rng& rng) {
    return generator() * Scalar::random(rng);
  }
};

// Converts many points with a single field inversion (Montgomery's trick).
template <class Cfg>
void batch_to_affine(std::span<const Jacobian<Cfg>> in, std::span<Affine<Cfg>> out) {
  using Field = typename Cfg::Field;
  std::vector<Field> zs(in.size());
  for (size_t i = 0; i < in.size(); ++i) zs[i] = in[i].z;
  batch_invert<Field>(zs);
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i].is_infinity()) {
      out[i] = Affine<Cfg>();
      continue;
    }
    Field zi2 = zs[i].square();
    out[i] = Affine<Cfg>(in[i].x * zi2, in[i].y * zi2 * zs[i]);
  }
}

}  // namespace supervm::algebra::curve
