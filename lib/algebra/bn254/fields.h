// BN254 (alt_bn128) base field Fp, scalar field Fr and Fp2 = Fp[u]/(u^2 + 1).
// Moduli as in EIP-196 / go-ethereum bn256; verified against GMP in
// tests/algebra/field.
#pragma once

#include <array>
#include <cstdint>

#include "algebra/field/fp.h"
#include "algebra/field/fp2.h"

namespace supervm::algebra::bn254 {

struct FpParams {
  static constexpr size_t kLimbs = 4;
  // p = 21888242871839275222246405745257275088696311157297823662689037894645226208583
  static constexpr std::array<uint64_t, 4> kModulus = {0x3c208c16d87cfd47, 0x97816a916871ca8d,
                                                       0xb85045b68181585d, 0x30644e72e131a029};
  static constexpr size_t kBytes = 32;
  static constexpr uint64_t kGenerator = 3;  // smallest quadratic non-residue
  static constexpr const char* kName = "bn254_fp";
};

struct FrParams {
  static constexpr size_t kLimbs = 4;
  // r = 21888242871839275222246405745257275088548364400416034343698204186575808495617
  static constexpr std::array<uint64_t, 4> kModulus = {0x43e1f593f0000001, 0x2833e84879b97091,
                                                       0xb85045b68181585d, 0x30644e72e131a029};
  static constexpr size_t kBytes = 32;
  static constexpr uint64_t kGenerator = 5;  // generates Fr^* (arkworks/gnark GENERATOR)
  static constexpr const char* kName = "bn254_fr";
};

using Fp = algebra::Fp<FpParams>;
using Fr = algebra::Fp<FrParams>;
using Fp2 = algebra::Fp2<Fp>;

static_assert(Fr::kTwoAdicity == 28);

}  // namespace supervm::algebra::bn254
