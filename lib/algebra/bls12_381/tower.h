// BLS12-381 extension tower: Fp6 = Fp2[v]/(v^3 - (u + 1)), Fp12 = Fp6[w]/(w^2 - v).
// Fp12 is also the target group GT of the pairing.
#pragma once

#include "algebra/bls12_381/fields.h"
#include "algebra/tower/fp12.h"
#include "algebra/tower/fp6.h"

namespace supervm::algebra::bls12_381 {

struct TowerConfig {
  using Fp2 = bls12_381::Fp2;
  // xi = u + 1 (the non-residue of the zkcrypto / IETF pairing-friendly-curves tower).
  static Fp2 nonresidue() { return Fp2{Fp::one(), Fp::one()}; }
  // Enables the lazy-reduction Fp6 product (tower/fp6.h: xi * t costs two additions).
  static constexpr bool kNonresidueIsOnePlusU = true;
  // (a + b u)(1 + u) = (a - b) + (a + b) u
  static Fp2 mul_by_nonresidue(const Fp2& a) { return Fp2{a.c0 - a.c1, a.c0 + a.c1}; }
};

using Fp6 = algebra::Fp6<TowerConfig>;
using Fp12 = algebra::Fp12<TowerConfig>;

}  // namespace supervm::algebra::bls12_381
