// Generic optimal ate Miller loop over prepared G2 points, shared by BLS12 and BN curves.
//
// Params (one per curve, see <curve>/pairing.cpp):
//   using Fp, Fp2, Fp12;  static constexpr Twist kTwist;
//   static std::span<const int8_t> loop_digits();  // signed digits of the loop scalar, most
//                                                  // significant first, leading digit 1
//   static constexpr bool kNegateResult;           // loop scalar < 0 (BLS12-381): conjugate f
//   static constexpr bool kBnFinalLines;           // BN: two more lines with pi(Q), -pi^2(Q)
//   static Fp2 three_b_twist();                    // 3 b' of the twist curve
//   static Fp2 mul_by_three_b(const Fp2& a);       // a * three_b_twist(), as fast as possible
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "algebra/pairing/line.h"
#include "algebra/tower/frobenius.h"

namespace supervm::algebra::pairing {

// Line coefficients of one G2 point along the whole Miller loop, in the order the loop uses
// them. A prepared point at infinity has no lines and contributes 1.
template <class Fp2>
struct PreparedG2 {
  std::vector<LineCoeffs<Fp2>> lines;
  bool infinity = true;
};

// Number of lines a prepared point holds (same for every finite point of a curve).
template <class Params>
size_t line_count() {
  size_t n = 0;
  auto d = Params::loop_digits();
  for (size_t i = 1; i < d.size(); ++i) n += d[i] != 0 ? 2 : 1;
  return n + (Params::kBnFinalLines ? 2 : 0);
}

// The two extra points of the BN final lines, Q1 = pi(Q) and Q2 = -pi^2(Q), with the Frobenius
// pi of E carried to the D-twist: (x, y) -> (conj(x) xi^((p-1)/3), conj(y) xi^((p-1)/2)) and,
// for p^2, (x, y) -> (x xi^((p^2-1)/3), y xi^((p^2-1)/2)).
template <class Fp2>
struct BnFinalPoints {
  Fp2 q1x, q1y, q2x, q2y;
};
template <class Params, class Fp2>
BnFinalPoints<Fp2> bn_final_points(const Fp2& qx, const Fp2& qy) {
  static_assert(Params::kTwist == Twist::kD, "BN final lines are written for a D-twist");
  const auto& fr = TowerFrobenius<typename Params::TowerConfig>::get();
  return {qx.conjugate() * fr.v1[1], qy.conjugate() * fr.w3[1], qx * fr.v1[2], -(qy * fr.w3[2])};
}

// Walks the loop once with T = Q in projective coordinates and records every line.
template <class Params, class G2Aff>
void prepare_into(const G2Aff& q, PreparedG2<typename Params::Fp2>& out) {
  using Fp2 = typename Params::Fp2;
  out.lines.clear();
  out.infinity = q.infinity;
  if (q.infinity) return;
  out.lines.reserve(line_count<Params>());
  auto mul_by_three_b = [](const Fp2& a) { return Params::mul_by_three_b(a); };
  const Fp2 neg_qy = -q.y;
  G2Projective<Fp2> t{q.x, q.y, Fp2::one()};
  auto d = Params::loop_digits();
  for (size_t i = 1; i < d.size(); ++i) {
    out.lines.push_back(doubling_step(t, mul_by_three_b));
    if (d[i] == 1) out.lines.push_back(addition_step(t, q.x, q.y));
    if (d[i] == -1) out.lines.push_back(addition_step(t, q.x, neg_qy));
  }
  if constexpr (Params::kBnFinalLines) {
    const auto fin = bn_final_points<Params>(q.x, q.y);
    out.lines.push_back(addition_step(t, fin.q1x, fin.q1y));
    out.lines.push_back(addition_step(t, fin.q2x, fin.q2y));
  }
}

// prod_i f_{Q_i}(P_i), sharing the squarings of f between all pairs. Pairs in which either
// point is at infinity contribute 1. Prep is PreparedG2 or a type derived from it; ps and qs
// must have the same length (std::invalid_argument otherwise).
template <class Params, class G1Aff, class Prep>
typename Params::Fp12 multi_miller_loop(std::span<const G1Aff> ps,
                                        std::span<const Prep* const> qs) {
  using Fp12 = typename Params::Fp12;
  using Fp = typename Params::Fp;
  constexpr Twist kTwist = Params::kTwist;
  // Active pairs only.
  struct Pair {
    Fp px, py;
    const LineCoeffs<typename Params::Fp2>* lines;
  };
  if (ps.size() != qs.size()) {
    throw std::invalid_argument("multi_miller_loop: different numbers of G1 and G2 points");
  }
  std::vector<Pair> pairs;
  pairs.reserve(ps.size());
  const size_t expected_lines = line_count<Params>();
  for (size_t k = 0; k < ps.size(); ++k) {
    if (ps[k].infinity || qs[k]->infinity) continue;
    if (qs[k]->lines.size() != expected_lines) {
      throw std::invalid_argument("multi_miller_loop: G2Prepared does not come from prepare()");
    }
    pairs.push_back({ps[k].x, ps[k].y, qs[k]->lines.data()});
  }
  Fp12 f = Fp12::one();
  if (pairs.empty()) return f;
  // Lines between two squarings are multiplied in pairs (LineFolder): with n pairs there are
  // n or 2n of them per loop digit.
  LineFolder<kTwist, Fp12, typename Params::Fp2> fold(f);
  auto step = [&](size_t idx) {
    for (const Pair& pr : pairs) fold.add(place_line<kTwist>(pr.lines[idx], pr.px, pr.py));
  };
  size_t idx = 0;
  auto d = Params::loop_digits();
  for (size_t i = 1; i < d.size(); ++i) {
    fold.square();  // skipped while f = 1
    step(idx++);
    if (d[i] != 0) step(idx++);
  }
  if constexpr (Params::kBnFinalLines) {
    step(idx++);
    step(idx++);
  }
  fold.flush();
  if constexpr (Params::kNegateResult) f = f.conjugate();
  return f;
}

// prod_i f_{Q_i}(P_i) for affine (unprepared) G2 points: the same lines, in the same order and
// folded the same way as prepare_into + multi_miller_loop, but each line is computed inside
// the loop and used at once, so no coefficient arrays are allocated, written and read back
// (for a one-off pairing or multi-pairing). Pairs with a point at infinity contribute 1; ps and
// qs must have the same length (std::invalid_argument otherwise).
template <class Params, class G1Aff, class G2Aff>
typename Params::Fp12 multi_miller_loop_affine(std::span<const G1Aff> ps,
                                               std::span<const G2Aff> qs) {
  using Fp12 = typename Params::Fp12;
  using Fp2 = typename Params::Fp2;
  using Fp = typename Params::Fp;
  constexpr Twist kTwist = Params::kTwist;
  // The constant factors of the lines (3, -1) go into per-pair multiples of P: the placed
  // values are the same field elements as place_line(doubling_step(...)) gives.
  struct Pair {
    Fp px3, neg_py;  // doubling lines: (c0, j, h) -> (c0, j * 3xP, h * (-yP))
    Fp neg_px, py;   // addition lines: (c0, theta, lambda) -> (c0, theta * (-xP), lambda * yP)
    Fp2 qx, qy, neg_qy;
    G2Projective<Fp2> t;
  };
  if (ps.size() != qs.size()) {
    throw std::invalid_argument("multi_miller_loop: different numbers of G1 and G2 points");
  }
  std::vector<Pair> pairs;
  pairs.reserve(ps.size());
  for (size_t k = 0; k < ps.size(); ++k) {
    if (ps[k].infinity || qs[k].infinity) continue;
    const Fp& x = ps[k].x;
    pairs.push_back({x.dbl() + x,
                     -ps[k].y,
                     -x,
                     ps[k].y,
                     qs[k].x,
                     qs[k].y,
                     -qs[k].y,
                     {qs[k].x, qs[k].y, Fp2::one()}});
  }
  Fp12 f = Fp12::one();
  if (pairs.empty()) return f;
  auto mul_by_three_b = [](const Fp2& a) { return Params::mul_by_three_b(a); };
  auto place = [](const LineParts<Fp2>& l, const Fp& kx, const Fp& ky) {
    return place_line<kTwist>(LineCoeffs<Fp2>{l.c0, l.x_part, l.y_part}, kx, ky);
  };
  LineFolder<kTwist, Fp12, Fp2> fold(f);
  auto d = Params::loop_digits();
  for (size_t i = 1; i < d.size(); ++i) {
    fold.square();  // skipped while f = 1
    for (Pair& pr : pairs) {
      fold.add(place(doubling_step_parts(pr.t, mul_by_three_b), pr.px3, pr.neg_py));
    }
    if (d[i] != 0) {
      for (Pair& pr : pairs) {
        const auto l = addition_step_parts(pr.t, pr.qx, d[i] == 1 ? pr.qy : pr.neg_qy);
        fold.add(place(l, pr.neg_px, pr.py));
      }
    }
  }
  if constexpr (Params::kBnFinalLines) {
    std::vector<BnFinalPoints<Fp2>> fin;
    fin.reserve(pairs.size());
    for (const Pair& pr : pairs) fin.push_back(bn_final_points<Params>(pr.qx, pr.qy));
    for (size_t k = 0; k < pairs.size(); ++k) {
      Pair& pr = pairs[k];
      fold.add(place(addition_step_parts(pr.t, fin[k].q1x, fin[k].q1y), pr.neg_px, pr.py));
    }
    for (size_t k = 0; k < pairs.size(); ++k) {
      Pair& pr = pairs[k];
      fold.add(place(addition_step_parts(pr.t, fin[k].q2x, fin[k].q2y), pr.neg_px, pr.py));
    }
  }
  fold.flush();
  if constexpr (Params::kNegateResult) f = f.conjugate();
  return f;
}

}  // namespace supervm::algebra::pairing
