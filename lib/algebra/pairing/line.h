// Line functions of the optimal ate Miller loop, shared by BLS12 and BN curves.
//
// The G2 point T runs in homogeneous projective coordinates (X : Y : Z) on the twist
// E': y^2 = x^3 + b'. Formulas: Costello, Lange, Naehrig, "Faster Pairing Computations on
// Curves with High-Degree Twists" (PKC 2010), in the form of Aranha, Karabina, Longa,
// Gebotys, Lopez, "Faster Explicit Formulas for Computing Pairings over Ordinary Curves"
// (EUROCRYPT 2011, ePrint 2010/526), with the doubling scaled by 4 so no halving is needed.
//
// A line through T (tangent or chord with Q) evaluated at P = (xP, yP) in G1 is, up to a
// factor in a proper subfield (killed by the final exponentiation),
//   l(P) = c0 + cx * xP + cy * yP
// where the three terms sit at different powers of w depending on the twist type
// (see evaluate_line).
#pragma once

namespace supervm::algebra::pairing {

enum class Twist { kM, kD };  // M: b' = b * xi (BLS12-381);  D: b' = b / xi (BN254)

template <class Fp2>
struct LineCoeffs {
  Fp2 c0, cx, cy;
};

template <class Fp2>
struct G2Projective {
  Fp2 x, y, z;
};

// The three values a step's line is made of, before the constant factors: the doubling line is
// (c0, 3 j, -h) and the addition line (c0, -theta, lambda). A Miller loop that knows P can fold
// those factors into per-pair constants (3 xP, -yP, -xP) instead (multi_miller_loop_affine).
template <class Fp2>
struct LineParts {
  Fp2 c0, x_part, y_part;
};

// T <- 2T; returns the parts of the tangent line at the old T: (c0, j, h) with line
// (c0, 3j, -h). mul_by_three_b(a) returns a * 3b' for the twist coefficient b' (a constant
// multiplication that some curves do with additions only).
template <class Fp2, class MulByThreeB>
LineParts<Fp2> doubling_step_parts(G2Projective<Fp2>& t, MulByThreeB mul_by_three_b) {
  Fp2 xy = t.x * t.y;
  Fp2 b = t.y.square();                  // Y^2
  Fp2 c = t.z.square();                  // Z^2
  Fp2 e = mul_by_three_b(c);             // 3 b' Z^2
  Fp2 f = e.dbl() + e;                   // 9 b' Z^2
  Fp2 h = (t.y + t.z).square() - b - c;  // 2 Y Z
  Fp2 j = t.x.square();                  // X^2
  Fp2 e2 = e.square();
  Fp2 e2x4 = e2.dbl().dbl();
  LineParts<Fp2> l{e - b, j, h};
  t.x = xy.dbl() * (b - f);                    // 2XY (Y^2 - 9b'Z^2)
  t.y = (b + f).square() - e2x4.dbl() - e2x4;  // (Y^2 + 9b'Z^2)^2 - 12 (3b'Z^2)^2
  t.z = (b * h).dbl().dbl();                   // 8 Y^3 Z
  return l;
}

// T <- 2T; returns the tangent line at the old T.
template <class Fp2, class MulByThreeB>
LineCoeffs<Fp2> doubling_step(G2Projective<Fp2>& t, MulByThreeB mul_by_three_b) {
  const LineParts<Fp2> l = doubling_step_parts(t, mul_by_three_b);
  return {l.c0, l.x_part.dbl() + l.x_part, -l.y_part};
}

// T <- T + Q for affine Q = (qx, qy); returns the parts of the line through T and Q:
// (c0, theta, lambda) with line (c0, -theta, lambda).
template <class Fp2>
LineParts<Fp2> addition_step_parts(G2Projective<Fp2>& t, const Fp2& qx, const Fp2& qy) {
  Fp2 theta = t.y - qy * t.z;
  Fp2 lambda = t.x - qx * t.z;
  Fp2 c = theta.square();
  Fp2 d = lambda.square();
  Fp2 e = lambda * d;
  Fp2 f = t.z * c;
  Fp2 g = t.x * d;
  Fp2 h = e + f - g.dbl();
  LineParts<Fp2> l{theta * qx - lambda * qy, theta, lambda};
  t.x = lambda * h;
  t.y = theta * (g - h) - e * t.y;
  t.z = t.z * e;
  return l;
}

// T <- T + Q for affine Q = (qx, qy); returns the line through T and Q.
template <class Fp2>
LineCoeffs<Fp2> addition_step(G2Projective<Fp2>& t, const Fp2& qx, const Fp2& qy) {
  const LineParts<Fp2> l = addition_step_parts(t, qx, qy);
  return {l.c0, -l.x_part, l.y_part};
}

// A line evaluated at P: its three Fp2 coefficients at their places in Fp12. M-twist:
// l = c0 + (cx xP) w^2 + (cy yP) w^3 = a + b v + c v w (Fp12::mul_by_014); D-twist:
// l = (cy yP) + (cx xP) w + c0 w^3 = a + b w + c v w (Fp12::mul_by_034). (Derived from the
// untwisting maps (x, y) -> (x / w^2, y / w^3) and (x w^2, y w^3) respectively, after
// multiplying by w^3 for the M-twist.)
template <class Fp2>
struct PlacedLine {
  Fp2 a, b, c;
};

template <Twist kTwist, class Fp2, class Fp>
PlacedLine<Fp2> place_line(const LineCoeffs<Fp2>& l, const Fp& px, const Fp& py) {
  if constexpr (kTwist == Twist::kM) {
    return {l.c0, l.cx.mul_by_base(px), l.cy.mul_by_base(py)};
  } else {
    return {l.cy.mul_by_base(py), l.cx.mul_by_base(px), l.c0};
  }
}

// f * l (13 Fp2 multiplications).
template <Twist kTwist, class Fp12, class Fp2>
Fp12 mul_by_line(const Fp12& f, const PlacedLine<Fp2>& l) {
  if constexpr (kTwist == Twist::kM) {
    return f.mul_by_014(l.a, l.b, l.c);
  } else {
    return f.mul_by_034(l.a, l.b, l.c);
  }
}

// l as an Fp12 element (f = 1 times l).
template <Twist kTwist, class Fp12, class Fp2>
Fp12 line_to_fp12(const PlacedLine<Fp2>& l) {
  const Fp2 z = Fp2::zero();
  if constexpr (kTwist == Twist::kM) {
    return {{l.a, l.b, z}, {z, l.c, z}};
  } else {
    return {{l.a, z, z}, {l.b, l.c, z}};
  }
}

// l1 * l2 (6 Fp2 multiplications); one Fp12 coefficient of the result is zero.
template <Twist kTwist, class Fp12, class Fp2>
Fp12 line_product(const PlacedLine<Fp2>& l1, const PlacedLine<Fp2>& l2) {
  if constexpr (kTwist == Twist::kM) {
    return Fp12::line_product_014(l1.a, l1.b, l1.c, l2.a, l2.b, l2.c);
  } else {
    return Fp12::line_product_034(l1.a, l1.b, l1.c, l2.a, l2.b, l2.c);
  }
}

// f * (l1 l2) for a line_product (17 Fp2 multiplications instead of 2 x 13).
template <Twist kTwist, class Fp12>
Fp12 mul_by_line_product(const Fp12& f, const Fp12& l12) {
  if constexpr (kTwist == Twist::kM) {
    return f.mul_by_01245(l12);
  } else {
    return f.mul_by_01234(l12);
  }
}

// f <- f * l(P).
template <Twist kTwist, class Fp12, class Fp2, class Fp>
Fp12 evaluate_line(const Fp12& f, const LineCoeffs<Fp2>& l, const Fp& px, const Fp& py) {
  return mul_by_line<kTwist>(f, place_line<kTwist>(l, px, py));
}

// Multiplies f by a stream of lines, two at a time (line_product + mul_by_line_product), and
// knows when f is still 1 (then the first product or line simply becomes f and squaring is
// skipped). Lines must be flushed before f is squared.
template <Twist kTwist, class Fp12, class Fp2>
class LineFolder {
 public:
  explicit LineFolder(Fp12& f) : f_(f), f_is_one_(f.is_one()) {}
  void add(const PlacedLine<Fp2>& l) {
    if (!pending_) {
      held_ = l;
      pending_ = true;
      return;
    }
    const Fp12 prod = line_product<kTwist, Fp12>(held_, l);
    f_ = f_is_one_ ? prod : mul_by_line_product<kTwist>(f_, prod);
    f_is_one_ = false;
    pending_ = false;
  }
  void flush() {
    if (!pending_) return;
    f_ = f_is_one_ ? line_to_fp12<kTwist, Fp12>(held_) : mul_by_line<kTwist>(f_, held_);
    f_is_one_ = false;
    pending_ = false;
  }
  void square() {
    flush();
    if (!f_is_one_) f_ = f_.square();
  }

 private:
  Fp12& f_;
  bool f_is_one_;
  bool pending_ = false;
  PlacedLine<Fp2> held_;
};

}  // namespace supervm::algebra::pairing
