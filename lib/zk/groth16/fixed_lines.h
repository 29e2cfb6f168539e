// Miller loops in which some G2 points are fixed (a verifying key's gamma, delta, beta) and
// their line coefficients are stored NORMALIZED, so each of their lines costs 9 Fp2
// multiplications in f instead of the 13 of the generic sparse product.
//
// A prepared line (algebra/pairing/line.h) is l(P) = c0 + cx xP + cy yP placed at three powers
// of w. Dividing a line by its constant c0 (in Fp2, a proper subfield of Fp12) changes the
// Miller loop value only by a factor in Fp2^*, which the final exponentiation maps to 1 since
// r does not divide p^2 - 1 (embedding degree 12). So for verification (always followed by
// the final exponentiation) l' = 1 + (cx/c0) xP + (cy/c0) yP gives the same pairing value, and
// a product f * l' with one coefficient equal to 1 needs three Fp6-by-sparse products of 3
// multiplications each:
//   M-twist (BLS12-381): l' = (1 + b v) + (c v) w,   D-twist (BN254): l' = a + (b + v) w,
// with f = F0 + F1 w, w^2 = v: Karatsuba over w on F0 L0, F1 L1 and (F0 + F1)(L0 + L1).
// A key whose lines have some c0 == 0 (never seen for real keys; possible in principle) keeps
// the generic lines and the generic product.
#pragma once

#include <span>
#include <stdexcept>
#include <vector>

#include "algebra/pairing/line.h"
#include "algebra/pairing/miller_loop.h"

namespace supervm::zk {

template <class Params>
struct FixedLines {
  using Fp2 = typename Params::Fp2;
  struct Line {
    Fp2 b, c;  // cx / c0 and cy / c0
  };
  std::vector<Line> normalized;               // empty: use `generic`
  algebra::pairing::PreparedG2<Fp2> generic;  // always filled (fallback, tests)
  bool infinity() const { return generic.infinity; }
};

// Normalizes the lines of a prepared point (one inversion for all of them, Montgomery's trick).
template <class Params, class Prepared>
FixedLines<Params> make_fixed_lines(const Prepared& prepared) {
  using Fp2 = typename Params::Fp2;
  FixedLines<Params> out;
  out.generic.lines = prepared.lines;
  out.generic.infinity = prepared.infinity;
  const auto& lines = prepared.lines;
  if (prepared.infinity || lines.empty()) return out;
  std::vector<Fp2> prefix(lines.size());
  Fp2 acc = Fp2::one();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].c0.is_zero()) return out;  // cannot normalize: generic path
    prefix[i] = acc;
    acc = acc * lines[i].c0;
  }
  Fp2 inv = acc.inverse_vartime();  // public data (verifying key)
  out.normalized.resize(lines.size());
  for (size_t i = lines.size(); i-- > 0;) {
    const Fp2 inv_i = inv * prefix[i];
    inv = inv * lines[i].c0;
    out.normalized[i] = {lines[i].cx * inv_i, lines[i].cy * inv_i};
  }
  return out;
}

namespace detail {

// f * (1 + cx' xP + cy' yP) placed like evaluate_line<kTwist> places c0 + cx xP + cy yP.
template <algebra::pairing::Twist kTwist, class Fp12, class Line, class Fp>
Fp12 evaluate_normalized_line(const Fp12& f, const Line& l, const Fp& px, const Fp& py) {
  const auto b = l.b.mul_by_base(px);
  const auto c = l.c.mul_by_base(py);
  const auto s = f.c0 + f.c1;
  if constexpr (kTwist == algebra::pairing::Twist::kM) {
    // L0 = 1 + b v, L1 = c v.
    const auto t0 = f.c0 + f.c0.mul_by_1(b);
    const auto t1 = f.c1.mul_by_1(c);
    const auto t2 = s + s.mul_by_1(b + c);
    return {t0 + t1.mul_by_v(), t2 - t0 - t1};
  } else {
    // L0 = c (at w^0: the yP term), L1 = b + v (the xP term at w, the constant 1 at w^3).
    const auto t0 = f.c0.mul_by_fp2(c);
    const auto t1 = f.c1.mul_by_fp2(b) + f.c1.mul_by_v();
    const auto t2 = s.mul_by_fp2(b + c) + s.mul_by_v();
    return {t0 + t1.mul_by_v(), t2 - t0 - t1};
  }
}

}  // namespace detail

// prod_i f_{Q_i}(P_i) * prod_j f_{R_j}(S_j) (up to Fp2 factors, so only for use before a final
// exponentiation) for variable pairs (P_i, Q_i prepared generically) and fixed pairs (S_j, R_j
// with normalized lines), sharing the squarings of f. Pairs with a point at infinity contribute
// 1. Same loop as algebra/pairing/miller_loop.h.
template <class Params, class G1Aff, class Prep>
typename Params::Fp12 mixed_miller_loop(std::span<const G1Aff> var_ps,
                                        std::span<const Prep* const> var_qs,
                                        std::span<const G1Aff> fix_ps,
                                        std::span<const FixedLines<Params>* const> fix_qs) {
  using Fp12 = typename Params::Fp12;
  using Fp = typename Params::Fp;
  using Fp2 = typename Params::Fp2;
  constexpr auto kTwist = Params::kTwist;
  if (var_ps.size() != var_qs.size() || fix_ps.size() != fix_qs.size())
    throw std::invalid_argument("mixed_miller_loop: different numbers of G1 and G2 points");
  const size_t expected = algebra::pairing::line_count<Params>();
  struct GenericPair {
    Fp px, py;
    const algebra::pairing::LineCoeffs<Fp2>* lines;
  };
  struct NormalPair {
    Fp px, py;
    const typename FixedLines<Params>::Line* lines;
  };
  // At most a handful of pairs per call: small fixed buffers would do, but batch groups pass
  // up to a few dozen, so vectors with reserved storage.
  std::vector<GenericPair> gen;
  std::vector<NormalPair> nor;
  gen.reserve(var_ps.size() + fix_ps.size());
  nor.reserve(fix_ps.size());
  auto add_generic = [&](const G1Aff& p, const algebra::pairing::PreparedG2<Fp2>& q) {
    if (q.lines.size() != expected)
      throw std::invalid_argument("mixed_miller_loop: lines do not come from prepare()");
    gen.push_back({p.x, p.y, q.lines.data()});
  };
  for (size_t k = 0; k < var_ps.size(); ++k)
    if (!var_ps[k].infinity && !var_qs[k]->infinity) add_generic(var_ps[k], *var_qs[k]);
  for (size_t k = 0; k < fix_ps.size(); ++k) {
    const auto& q = *fix_qs[k];
    if (fix_ps[k].infinity || q.infinity()) continue;
    if (q.normalized.size() == expected)
      nor.push_back({fix_ps[k].x, fix_ps[k].y, q.normalized.data()});
    else
      add_generic(fix_ps[k], q.generic);
  }
  Fp12 f = Fp12::one();
  if (gen.empty() && nor.empty()) return f;
  size_t idx = 0;
  auto step = [&] {
    for (const auto& pr : gen)
      f = algebra::pairing::evaluate_line<kTwist>(f, pr.lines[idx], pr.px, pr.py);
    for (const auto& pr : nor)
      f = detail::evaluate_normalized_line<kTwist>(f, pr.lines[idx], pr.px, pr.py);
    ++idx;
  };
  const auto d = Params::loop_digits();
  for (size_t i = 1; i < d.size(); ++i) {
    if (i > 1) f = f.square();
    step();
    if (d[i] != 0) step();
  }
  if constexpr (Params::kBnFinalLines) {
    step();
    step();
  }
  if constexpr (Params::kNegateResult) f = f.conjugate();
  return f;
}

}  // namespace supervm::zk
