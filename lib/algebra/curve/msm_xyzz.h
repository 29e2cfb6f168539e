// Extended Jacobian ("XYZZ") points for MSM buckets: (X, Y, ZZ, ZZZ) stands for the affine point
// (X/ZZ, Y/ZZZ) with ZZ^3 = ZZZ^2; ZZ == 0 is the point at infinity.
//
// Formulas from the Explicit-Formulas Database (hyperelliptic.org/EFD/g1p/auto-shortw-xyzz.html,
// a = 0): madd-2008-s (8M + 2S, vs 7M + 4S plus more additions for Jacobian madd-2007-bl),
// add-2008-s (12M + 2S, vs 11M + 5S), dbl-2008-s-1 and mdbl-2008-s-1. Bucket accumulation and
// the running-sum reduction of Pippenger's method only add, so these are cheaper than Jacobian
// there (gnark-crypto uses the same coordinates for its MSM buckets). Exceptional cases
// (P + P, P + (-P), infinity) are handled by branches; public data only.
#pragma once

#include "algebra/curve/point.h"

namespace supervm::algebra::curve::msm_detail {

template <class Cfg>
struct Xyzz {
  using F = typename Cfg::Field;
  F x{}, y{}, zz{}, zzz{};

  bool is_infinity() const { return zz.is_zero(); }

  // this += (ax, ay), an affine point (not infinity).
  void add_affine(const F& ax, const F& ay) {
    if (is_infinity()) {
      x = ax;
      y = ay;
      zz = zzz = F::one();
      return;
    }
    const F u2 = ax * zz;
    const F s2 = ay * zzz;
    const F p = u2 - x;
    const F r = s2 - y;
    if (p.is_zero()) {
      if (r.is_zero()) {
        dbl_affine(ax, ay);
      } else {
        *this = Xyzz();
      }
      return;
    }
    const F pp = p.square();
    const F ppp = p * pp;
    const F q = x * pp;
    x = r.square() - ppp - q.dbl();
    y = r * (q - x) - y * ppp;
    zz = zz * pp;
    zzz = zzz * ppp;
  }

  // this += o.
  void add(const Xyzz& o) {
    if (o.is_infinity()) return;
    if (is_infinity()) {
      *this = o;
      return;
    }
    const F u1 = x * o.zz;
    const F u2 = o.x * zz;
    const F s1 = y * o.zzz;
    const F s2 = o.y * zzz;
    const F p = u2 - u1;
    const F r = s2 - s1;
    if (p.is_zero()) {
      if (r.is_zero()) {
        dbl();
      } else {
        *this = Xyzz();
      }
      return;
    }
    const F pp = p.square();
    const F ppp = p * pp;
    const F q = u1 * pp;
    x = r.square() - ppp - q.dbl();
    y = r * (q - x) - s1 * ppp;
    zz = zz * o.zz * pp;
    zzz = zzz * o.zzz * ppp;
  }

  // this = 2 * this (dbl-2008-s-1). y == 0 (2-torsion) gives ZZ = 0, i.e. infinity.
  void dbl() {
    if (is_infinity()) return;
    const F u = y.dbl();
    const F v = u.square();
    const F w = u * v;
    const F s = x * v;
    const F x2 = x.square();
    const F m = x2.dbl() + x2;
    const F x3 = m.square() - s.dbl();
    y = m * (s - x3) - w * y;
    x = x3;
    zz = v * zz;
    zzz = w * zzz;
  }

  // this = 2 * (ax, ay) (mdbl-2008-s-1).
  void dbl_affine(const F& ax, const F& ay) {
    const F u = ay.dbl();
    const F v = u.square();
    const F w = u * v;
    const F s = ax * v;
    const F x2 = ax.square();
    const F m = x2.dbl() + x2;
    x = m.square() - s.dbl();
    y = m * (s - x) - w * ay;
    zz = v;
    zzz = w;
  }

  // Jacobian with Z = ZZZ: X = x_aff * ZZZ^2 = X * ZZ^2, Y = y_aff * ZZZ^3 = Y * ZZZ^2.
  Jacobian<Cfg> to_jacobian() const {
    if (is_infinity()) return Jacobian<Cfg>();
    return Jacobian<Cfg>(x * zz.square(), y * zzz.square(), zzz);
  }
};

}  // namespace supervm::algebra::curve::msm_detail
