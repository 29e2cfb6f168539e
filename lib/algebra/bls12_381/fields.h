// BLS12-381 base field Fp, scalar field Fr and Fp2 = Fp[u]/(u^2 + 1).
// Moduli from the curve's specification (e.g. draft-irtf-cfrg-pairing-friendly-
// curves-11, section 4.2.1); verified against GMP in tests/algebra/field.
#pragma once

#include <array>
#include <cstdint>

#include "algebra/field/fp.h"
#include "algebra/field/fp2.h"

namespace supervm::algebra::bls12_381 {

struct FpParams {
  static constexpr size_t kLimbs = 6;
  // p =
  // 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab
  static constexpr std::array<uint64_t, 6> kModulus = {0xb9feffffffffaaab, 0x1eabfffeb153ffff,
                                                       0x6730d2a0f6b0f624, 0x64774b84f38512bf,
                                                       0x4b1ba7b6434bacd7, 0x1a0111ea397fe69a};
  static constexpr size_t kBytes = 48;
  static constexpr uint64_t kGenerator = 2;  // smallest quadratic non-residue
  static constexpr const char* kName = "bls12_381_fp";
};

struct FrParams {
  static constexpr size_t kLimbs = 4;
  // r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001
  static constexpr std::array<uint64_t, 4> kModulus = {0xffffffff00000001, 0x53bda402fffe5bfe,
                                                       0x3339d80809a1d805, 0x73eda753299d7d48};
  static constexpr size_t kBytes = 32;
  static constexpr uint64_t kGenerator = 7;  // generates Fr^* (zkcrypto/bls12_381 GENERATOR)
  static constexpr const char* kName = "bls12_381_fr";
};

using Fp = algebra::Fp<FpParams>;
using Fr = algebra::Fp<FrParams>;
using Fp2 = algebra::Fp2<Fp>;

static_assert(Fr::kTwoAdicity == 32);

}  // namespace supervm::algebra::bls12_381
