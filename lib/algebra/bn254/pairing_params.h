// BN254 (alt_bn128) parameters of the generic optimal ate pairing (lib/algebra/pairing).
#pragma once

#include <cstdint>
#include <span>

#include "algebra/bn254/tower.h"
#include "algebra/pairing/line.h"
#include "algebra/pairing/loop_digits.h"

namespace supervm::algebra::bn254 {

struct PairingParams {
  using TowerConfig = bn254::TowerConfig;
  using Fp = bn254::Fp;
  using Fp2 = bn254::Fp2;
  using Fp12 = bn254::Fp12;

  // BN parameter x = 4965661367192848881 (p = 36x^4 + 36x^3 + 24x^2 + 6x + 1); the optimal
  // ate loop runs over 6x + 2 in non-adjacent form, then adds the lines through pi(Q) and
  // -pi^2(Q) (Vercauteren, "Optimal Pairings", 2010).
  static constexpr uint64_t kXAbs = 4965661367192848881ull;
  static constexpr bool kXNegative = false;
  static constexpr pairing::Twist kTwist = pairing::Twist::kD;  // E': y^2 = x^3 + 3/(9 + u)
  static constexpr bool kNegateResult = false;
  static constexpr bool kBnFinalLines = true;
  static constexpr pairing::LoopDigits kLoop =
      pairing::naf_digits((unsigned __int128)6 * kXAbs + 2);

  static std::span<const int8_t> loop_digits() { return {kLoop.d.data(), kLoop.len}; }
  // 3 b' = 9 / (9 + u)
  static Fp2 three_b_twist() {
    static const Fp2 v = TowerConfig::nonresidue().inverse().mul_by_base(Fp::from_u64(9));
    return v;
  }
  static Fp2 mul_by_three_b(const Fp2& a) { return a * three_b_twist(); }
};

}  // namespace supervm::algebra::bn254
