#include "algebra/curve/wnaf.h"

namespace supervm::algebra::curve {

std::vector<int8_t> wnaf_recode(std::span<const uint64_t> k_in, int w) {
  // One spare limb absorbs the carry when a negative digit is subtracted (k += |d|).
  std::vector<uint64_t> k(k_in.begin(), k_in.end());
  k.push_back(0);
  const uint64_t mask = (uint64_t{1} << w) - 1;
  const int64_t half = int64_t{1} << (w - 1);
  std::vector<int8_t> out;
  out.reserve(k.size() * 64 + 1);
  auto is_zero = [&] {
    for (uint64_t l : k)
      if (l) return false;
    return true;
  };
  while (!is_zero()) {
    int64_t d = 0;
    if (k[0] & 1) {
      d = static_cast<int64_t>(k[0] & mask);
      if (d >= half) d -= int64_t{1} << w;
      if (d > 0) {
        k[0] -= static_cast<uint64_t>(d);  // clears the low w bits, no borrow
      } else {
        uint64_t add = static_cast<uint64_t>(-d);
        for (size_t i = 0; i < k.size() && add; ++i) {
          uint64_t s = k[i] + add;
          add = s < k[i] ? 1 : 0;
          k[i] = s;
        }
      }
    }
    out.push_back(static_cast<int8_t>(d));
    for (size_t i = 0; i + 1 < k.size(); ++i) k[i] = (k[i] >> 1) | (k[i + 1] << 63);
    k.back() >>= 1;
  }
  return out;
}

}  // namespace supervm::algebra::curve
