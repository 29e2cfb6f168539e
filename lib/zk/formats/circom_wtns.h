// circom/snarkjs witness files (.wtns), iden3 format version 2 (snarkjs src/wtns_utils.js):
// section 1 header {n8 u32, prime n8 bytes LE, nWitness u32}, section 2 the nWitness values,
// n8 bytes each, little-endian, canonical (not Montgomery).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "algebra/curve_id.h"

namespace supervm::zk::formats {

// The curve whose scalar field is the file's prime; throws if it is neither.
algebra::CurveId wtns_curve(std::span<const uint8_t> file, const std::string& where);

// All witness values (wire 0 first). The prime must be Fr's modulus and every value < r.
// Whether witness[0] == 1 and the length fits the circuit is for the caller (it knows the
// circuit). Instantiated for bls12_381::Fr and bn254::Fr.
template <class Fr>
std::vector<Fr> read_wtns(std::span<const uint8_t> file, const std::string& where);

// The same format, as snarkjs writes it.
template <class Fr>
std::vector<uint8_t> write_wtns(std::span<const Fr> witness);

}  // namespace supervm::zk::formats
