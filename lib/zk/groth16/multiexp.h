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
  if (bases.empty()) return Jacobian();
  return algebra::curve::msm(bases, scalars);
}

}  // namespace supervm::zk
