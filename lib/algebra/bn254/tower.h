// BN254 (alt_bn128) extension tower: Fp6 = Fp2[v]/(v^3 - (9 + u)), Fp12 = Fp6[w]/(w^2 - v),
// the tower of the Ethereum precompiles (EIP-197) and go-ethereum / gnark-crypto.
// Fp12 is also the target group GT of the pairing.
#pragma once

#include "algebra/bn254/fields.h"
#include "algebra/tower/fp12.h"
#include "algebra/tower/fp6.h"

namespace supervm::algebra::bn254 {

struct TowerConfig {
  using Fp2 = bn254::Fp2;
  // xi = 9 + u
  static Fp2 nonresidue() { return Fp2{Fp::from_u64(9), Fp::one()}; }
  // (a + b u)(9 + u) = (9a - b) + (a + 9b) u
  static Fp2 mul_by_nonresidue(const Fp2& a) {
    Fp a9 = a.c0.dbl().dbl().dbl() + a.c0;
    Fp b9 = a.c1.dbl().dbl().dbl() + a.c1;
    return Fp2{a9 - a.c1, a.c0 + b9};
  }
};

using Fp6 = algebra::Fp6<TowerConfig>;
using Fp12 = algebra::Fp12<TowerConfig>;

}  // namespace supervm::algebra::bn254
