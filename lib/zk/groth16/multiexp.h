// Multi-scalar multiplication used by the Groth16 code: sum_i scalars[i] * bases[i].
// Forwards to the algebra layer's MSM; kept behind one name so the zk code has a single place
// that chooses the algorithm for small and large inputs.
#pragma once

#include <cstddef>
#include <span>

namespace supervm::zk {

template <class Jacobian, class Affine, class Fr>
Jacobian multiexp(std::span<const Affine> bases, std::span<const Fr> scalars) {
  // Naive sum of scalar multiplications (GLV/GLS inside operator*): used until the algebra MSM
  // is available.
  Jacobian acc;
  const size_t n = bases.size() < scalars.size() ? bases.size() : scalars.size();
  for (size_t i = 0; i < n; ++i) {
    if (scalars[i].is_zero() || bases[i].is_infinity()) continue;
    acc += Jacobian(bases[i]) * scalars[i];
  }
  return acc;
}

}  // namespace supervm::zk
