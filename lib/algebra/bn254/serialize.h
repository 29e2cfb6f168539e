// BN254 point encodings.
//
// Uncompressed (Ethereum precompiles, EIP-196/EIP-197): big-endian coordinates,
//   G1 64 bytes = x || y; G2 128 bytes = x.c1 || x.c0 || y.c1 || y.c0 (imaginary part first);
//   the point at infinity is all zeros. No flag bits: any coordinate >= p is rejected.
// Compressed (the gnark-crypto convention): G1 32 bytes = x, G2 64 bytes = x.c1 || x.c0, with the
//   two most significant bits of byte 0 (free because p < 2^254) as flags:
//     0b10 = y is the lexicographically smallest root, 0b11 = y is the largest root,
//     0b01 = point at infinity (all other bits zero), 0b00 = invalid in compressed form.
//   "Largest" means canonical y > (p-1)/2 (for Fp2: c1 decides, or c0 when c1 == 0).
// Decoding checks length, flags, canonical coordinates, the curve equation and (G2, unless
// Validation::kOnCurveOnly) the prime-order subgroup; each failure has its own DecodeError.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "algebra/bn254/g1.h"
#include "algebra/bn254/g2.h"
#include "algebra/curve/decode.h"

namespace supervm::algebra::bn254 {

using curve::Decoded;
using curve::DecodeError;
using curve::Validation;

inline constexpr size_t kG1CompressedBytes = 32;
inline constexpr size_t kG1UncompressedBytes = 64;
inline constexpr size_t kG2CompressedBytes = 64;
inline constexpr size_t kG2UncompressedBytes = 128;

std::array<uint8_t, kG1CompressedBytes> g1_encode_compressed(const G1Affine& p);
std::array<uint8_t, kG1UncompressedBytes> g1_encode_uncompressed(const G1Affine& p);
std::array<uint8_t, kG2CompressedBytes> g2_encode_compressed(const G2Affine& p);
std::array<uint8_t, kG2UncompressedBytes> g2_encode_uncompressed(const G2Affine& p);

Decoded<G1Affine> g1_decode_compressed(std::span<const uint8_t> in,
                                       Validation v = Validation::kFull);
Decoded<G1Affine> g1_decode_uncompressed(std::span<const uint8_t> in,
                                         Validation v = Validation::kFull);
Decoded<G2Affine> g2_decode_compressed(std::span<const uint8_t> in,
                                       Validation v = Validation::kFull);
Decoded<G2Affine> g2_decode_uncompressed(std::span<const uint8_t> in,
                                         Validation v = Validation::kFull);

}  // namespace supervm::algebra::bn254
