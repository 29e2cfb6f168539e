// Multi-scalar multiplication used by the Groth16 code: sum_i scalars[i] * bases[i], through the
// algebra layer's Pippenger MSM (algebra/curve/msm.h), which skips zero scalars and points at
// infinity and runs on TBB. Kept behind one name so the zk code has a single place to tune.
#pragma once

#include <span>
#include <stdexcept>

#include "algebra/curve/msm.h"

namespace supervm::zk {

// bases.size() must equal scalars.size() (std::invalid_argument otherwise).
template <class Jacobian, class Affine, class Fr>
Jacobian multiexp(std::span<const Affine> bases, std::span<const Fr> scalars) {
  if (bases.size() != scalars.size()) throw std::invalid_argument("multiexp: size mismatch");
  // Pippenger's bucket method pays ~2^(c-1) additions per window however few points there are;
  // for a handful (verifying-key IC with few public inputs) separate GLV multiplications win.
  constexpr size_t kSmall = 8;
  if (bases.size() <= kSmall) {
    Jacobian acc;
    for (size_t i = 0; i < bases.size(); ++i)
      if (!scalars[i].is_zero() && !bases[i].is_infinity()) acc += Jacobian(bases[i]) * scalars[i];
    return acc;
  }
  return algebra::curve::msm(bases, scalars);
}

}  // namespace supervm::zk
