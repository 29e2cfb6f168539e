// Width-w NAF recoding and (simultaneous) variable-time scalar multiplication.
// Not constant time: digits and table look-ups depend on the scalar. Use for public scalars
// only (verification, MSM over public data, tests); the wNAF path leaks the scalar via timing.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace supervm::algebra::curve {

// wNAF digits of the non-negative integer k (little-endian 64-bit limbs), least significant
// first: each digit is 0 or odd with |d| < 2^(w-1), and any w consecutive digits hold at most
// one non-zero. 2 <= w <= 7. Trailing zero digits are trimmed.
std::vector<int8_t> wnaf_recode(std::span<const uint64_t> k, int w);

// sum_j (neg_j ? -1 : 1) * k_j * P_j by interleaved wNAF with per-point tables of odd multiples.
// J is a Jacobian point type (dbl, +, -, unary -). All spans have the same length.
template <class J>
J wnaf_mul_multi(std::span<const J> points, std::span<const std::vector<int8_t>> digits,
                 std::span<const bool> negative, int w) {
  const size_t m = points.size();
  const size_t tsize = size_t{1} << (w - 2);
  std::vector<J> table(m * tsize);
  size_t len = 0;
  for (size_t j = 0; j < m; ++j) {
    J p = negative[j] ? -points[j] : points[j];
    J p2 = p.dbl();
    table[j * tsize] = p;
    for (size_t t = 1; t < tsize; ++t) table[j * tsize + t] = table[j * tsize + t - 1] + p2;
    if (digits[j].size() > len) len = digits[j].size();
  }
  J acc;
  for (size_t i = len; i-- > 0;) {
    acc = acc.dbl();
    for (size_t j = 0; j < m; ++j) {
      if (i >= digits[j].size()) continue;
      int d = digits[j][i];
      if (d > 0) acc = acc + table[j * tsize + static_cast<size_t>(d >> 1)];
      if (d < 0) acc = acc - table[j * tsize + static_cast<size_t>((-d) >> 1)];
    }
  }
  return acc;
}

// (negative ? -k : k) * p for a non-negative integer k of any length.
template <class J>
J wnaf_mul(const J& p, std::span<const uint64_t> k_le, bool negative, int w = 5) {
  std::vector<int8_t> d = wnaf_recode(k_le, w);
  bool neg[1] = {negative};
  return wnaf_mul_multi<J>(std::span<const J>(&p, 1), std::span<const std::vector<int8_t>>(&d, 1),
                           std::span<const bool>(neg, 1), w);
}

}  // namespace supervm::algebra::curve
