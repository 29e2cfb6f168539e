// circom's binary constraint system (.r1cs), iden3 format version 1 (github.com/iden3/r1csfile,
// doc/r1cs_bin_format.md): sections 1 header (field size n8, prime, nWires, nPubOut, nPubIn,
// nPrvIn, nLabels, mConstraints), 2 constraints (per constraint three linear combinations of
// {wire u32, coefficient n8 bytes LE, canonical}), 3 wire-to-label map (nWires u64). Sections
// may come in any order; unknown ones are ignored as the format requires. PLONK custom-gate
// sections (4, 5) are rejected when non-empty: Groth16 cannot use them.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "algebra/curve_id.h"
#include "zk/r1cs/r1cs.h"

namespace supervm::zk::formats {

// The curve whose scalar field is the file's prime (header section); throws if it is neither.
algebra::CurveId r1cs_curve(std::span<const uint8_t> file, const std::string& where);

// Parses and validates the whole file: the field must be Fr of the requested curve, every
// count is checked against the bytes present before anything is allocated, every wire index
// is < nWires and every coefficient canonical (< r). Public variables = outputs + public
// inputs (circom order). Instantiated for bls12_381::Fr and bn254::Fr.
template <class Fr>
R1cs<Fr> read_r1cs(std::span<const uint8_t> file, const std::string& where);

}  // namespace supervm::zk::formats
