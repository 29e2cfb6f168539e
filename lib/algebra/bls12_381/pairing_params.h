// BLS12-381 parameters of the generic optimal ate pairing (lib/algebra/pairing).
#pragma once

#include <cstdint>
#include <span>

#include "algebra/bls12_381/tower.h"
#include "algebra/pairing/line.h"
#include "algebra/pairing/loop_digits.h"

namespace supervm::algebra::bls12_381 {

struct PairingParams {
  using TowerConfig = bls12_381::TowerConfig;
  using Fp = bls12_381::Fp;
  using Fp2 = bls12_381::Fp2;
  using Fp12 = bls12_381::Fp12;

  // Curve parameter x = -0xd201000000010000 (Bowe, "BLS12-381: New zk-SNARK Elliptic Curve
  // Construction", 2017). The optimal ate loop runs over |x| and conjugates at the end.
  static constexpr uint64_t kXAbs = 0xd201000000010000ull;
  static constexpr bool kXNegative = true;
  static constexpr pairing::Twist kTwist = pairing::Twist::kM;  // E': y^2 = x^3 + 4(u + 1)
  static constexpr bool kNegateResult = true;
  static constexpr bool kBnFinalLines = false;
  static constexpr pairing::LoopDigits kLoop = pairing::binary_digits(kXAbs);

  static std::span<const int8_t> loop_digits() { return {kLoop.d.data(), kLoop.len}; }
  // 3 b' = 3 * 4 (1 + u) = 12 + 12 u
  static Fp2 three_b_twist() {
    Fp twelve = Fp::from_u64(12);
    return Fp2{twelve, twelve};
  }
  // a * 12 (1 + u) with additions only: 12 * (a * xi).
  static Fp2 mul_by_three_b(const Fp2& a) {
    Fp2 t4 = TowerConfig::mul_by_nonresidue(a).dbl().dbl();
    return t4.dbl() + t4;
  }
};

}  // namespace supervm::algebra::bls12_381
