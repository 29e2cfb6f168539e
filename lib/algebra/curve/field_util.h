// Small helpers that work for every coordinate field (Fp and Fp2) used by the curve code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace supervm::algebra::curve {

// Inversion for public data: the variable-time routine when the field has one.
template <class F>
F field_inverse(const F& a) {
  if constexpr (requires { a.inverse_vartime(); }) {
    return a.inverse_vartime();
  } else {
    return a.inverse();
  }
}

// Equality without a library call (std::array == of the limbs compiles to memcmp), for hot
// loops; same result as operator==.
template <class F>
inline bool field_equal(const F& a, const F& b) {
  if constexpr (requires { a.mont; }) {
    uint64_t acc = 0;
    for (size_t i = 0; i < a.mont.size(); ++i) acc |= a.mont[i] ^ b.mont[i];
    return acc == 0;
  } else {
    return field_equal(a.c0, b.c0) && field_equal(a.c1, b.c1);
  }
}

// Montgomery's batch inversion: one inversion and 3(n-1) multiplications; zeros stay zero.
template <class F>
void batch_invert(std::span<F> v) {
  if (v.empty()) return;
  std::vector<F> prefix(v.size());
  F acc = F::one();
  for (size_t i = 0; i < v.size(); ++i) {
    prefix[i] = acc;
    if (!v[i].is_zero()) acc = acc * v[i];
  }
  F inv = field_inverse(acc);
  for (size_t i = v.size(); i-- > 0;) {
    if (v[i].is_zero()) continue;
    F vi = v[i];
    v[i] = inv * prefix[i];
    inv = inv * vi;
  }
}

}  // namespace supervm::algebra::curve
