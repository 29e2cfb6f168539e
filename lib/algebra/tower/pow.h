// Generic left-to-right square-and-multiply for any field-like type with one(), square()
// and operator*. Variable time in the exponent: public exponents only (constants, tests).
#pragma once

#include <cstdint>
#include <span>

namespace supervm::algebra {

template <class T>
T pow_vartime(const T& base, std::span<const uint64_t> exp_le_limbs) {
  T r = T::one();
  bool started = false;
  for (size_t i = exp_le_limbs.size(); i-- > 0;) {
    for (int b = 63; b >= 0; --b) {
      if (started) r = r.square();
      if ((exp_le_limbs[i] >> b) & 1) {
        r = started ? r * base : base;
        started = true;
      }
    }
  }
  return r;
}

}  // namespace supervm::algebra
