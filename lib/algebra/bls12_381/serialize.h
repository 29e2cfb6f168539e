// BLS12-381 point encodings in the zkcrypto/ZCash format (the one of the `bls12_381` crate,
// IETF BLS signatures and Ethereum consensus):
//   G1 compressed 48 bytes = x; uncompressed 96 bytes = x || y;
//   G2 compressed 96 bytes = x.c1 || x.c0; uncompressed 192 bytes = x.c1 || x.c0 || y.c1 || y.c0;
//   coordinates big endian. The three most significant bits of byte 0 are flags:
//     0x80 compression (set iff compressed), 0x40 infinity (then every other bit is zero),
//     0x20 sign (compressed, non-infinity only: y is the lexicographically largest root).
// Decoding checks length, flags, canonical coordinates (< p), the curve equation and, unless
// Validation::kOnCurveOnly, the prime-order subgroup; each failure has its own DecodeError.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "algebra/bls12_381/g1.h"
#include "algebra/bls12_381/g2.h"
#include "algebra/curve/decode.h"

namespace supervm::algebra::bls12_381 {

using curve::Decoded;
using curve::DecodeError;
using curve::Validation;

inline constexpr size_t kG1CompressedBytes = 48;
inline constexpr size_t kG1UncompressedBytes = 96;
inline constexpr size_t kG2CompressedBytes = 96;
inline constexpr size_t kG2UncompressedBytes = 192;

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

}  // namespace supervm::algebra::bls12_381
