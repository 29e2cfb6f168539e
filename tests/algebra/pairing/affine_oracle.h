// Test oracle: textbook affine point arithmetic over any field (one inversion per step),
// independent of lib/algebra/curve, used to build test points and multiples.
#pragma once

#include <cstdint>
#include <span>

namespace supervm::algebra::test {

template <class F>
struct AffinePt {
  F x, y;
  bool inf = true;
};

template <class F>
AffinePt<F> oracle_add(const AffinePt<F>& a, const AffinePt<F>& b) {
  if (a.inf) return b;
  if (b.inf) return a;
  F lambda;
  if (a.x == b.x) {
    if ((a.y + b.y).is_zero()) return {};
    F three_x2 = a.x.square() + a.x.square() + a.x.square();
    lambda = three_x2 * a.y.dbl().inverse();
  } else {
    lambda = (b.y - a.y) * (b.x - a.x).inverse();
  }
  F x3 = lambda.square() - a.x - b.x;
  F y3 = lambda * (a.x - x3) - a.y;
  return {x3, y3, false};
}

template <class F>
AffinePt<F> oracle_neg(const AffinePt<F>& a) {
  return a.inf ? a : AffinePt<F>{a.x, -a.y, false};
}

// [k]P for k given as little-endian 64-bit limbs (double-and-add).
template <class F>
AffinePt<F> oracle_mul(const AffinePt<F>& p, std::span<const uint64_t> k) {
  AffinePt<F> r;
  for (size_t i = k.size(); i-- > 0;) {
    for (int b = 63; b >= 0; --b) {
      r = oracle_add(r, r);
      if ((k[i] >> b) & 1) r = oracle_add(r, p);
    }
  }
  return r;
}

}  // namespace supervm::algebra::test
