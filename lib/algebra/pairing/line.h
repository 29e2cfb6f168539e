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

// T <- 2T; returns the tangent line at the old T. mul_by_three_b(a) returns a * 3b' for the
// twist coefficient b' (a constant multiplication that some curves do with additions only).
template <class Fp2, class MulByThreeB>
LineCoeffs<Fp2> doubling_step(G2Projective<Fp2>& t, MulByThreeB mul_by_three_b) {
  Fp2 xy = t.x * t.y;
  Fp2 b = t.y.square();                  // Y^2
  Fp2 c = t.z.square();                  // Z^2
  Fp2 e = mul_by_three_b(c);             // 3 b' Z^2
  Fp2 f = e.dbl() + e;                   // 9 b' Z^2
  Fp2 h = (t.y + t.z).square() - b - c;  // 2 Y Z
  Fp2 j = t.x.square();                  // X^2
  Fp2 e2 = e.square();
  Fp2 e2x4 = e2.dbl().dbl();
  LineCoeffs<Fp2> l{e - b, j.dbl() + j, -h};
  t.x = xy.dbl() * (b - f);                    // 2XY (Y^2 - 9b'Z^2)
  t.y = (b + f).square() - e2x4.dbl() - e2x4;  // (Y^2 + 9b'Z^2)^2 - 12 (3b'Z^2)^2
  t.z = (b * h).dbl().dbl();                   // 8 Y^3 Z
  return l;
}

// T <- T + Q for affine Q = (qx, qy); returns the line through T and Q.
template <class Fp2>
LineCoeffs<Fp2> addition_step(G2Projective<Fp2>& t, const Fp2& qx, const Fp2& qy) {
  Fp2 theta = t.y - qy * t.z;
  Fp2 lambda = t.x - qx * t.z;
  Fp2 c = theta.square();
  Fp2 d = lambda.square();
  Fp2 e = lambda * d;
  Fp2 f = t.z * c;
  Fp2 g = t.x * d;
  Fp2 h = e + f - g.dbl();
  LineCoeffs<Fp2> l{theta * qx - lambda * qy, -theta, lambda};
  t.x = lambda * h;
  t.y = theta * (g - h) - e * t.y;
  t.z = t.z * e;
  return l;
}

// f <- f * l(P). M-twist: l = c0 + (cx xP) w^2 + (cy yP) w^3; D-twist: l = (cy yP) +
// (cx xP) w + c0 w^3 (derived from the untwisting maps (x, y) -> (x / w^2, y / w^3) and
// (x w^2, y w^3) respectively, after multiplying by w^3 for the M-twist).
template <Twist kTwist, class Fp12, class Fp2, class Fp>
Fp12 evaluate_line(const Fp12& f, const LineCoeffs<Fp2>& l, const Fp& px, const Fp& py) {
  if constexpr (kTwist == Twist::kM) {
    return f.mul_by_014(l.c0, l.cx.mul_by_base(px), l.cy.mul_by_base(py));
  } else {
    return f.mul_by_034(l.cy.mul_by_base(py), l.cx.mul_by_base(px), l.c0);
  }
}

}  // namespace supervm::algebra::pairing
