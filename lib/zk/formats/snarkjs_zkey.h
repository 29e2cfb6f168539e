// snarkjs Groth16 proving keys (.zkey), iden3 container "zkey" version 1 (snarkjs
// src/zkey_utils.js, src/groth16_prove.js). Sections:
//   1 header: u32 protocol (1 = Groth16)
//   2 Groth16 header: n8q u32, q, n8r u32, r, nVars u32, nPublic u32, domainSize u32,
//     alpha_1, beta_1, beta_2, gamma_2, delta_1, delta_2
//   3 IC: nPublic+1 G1        4 coefficients: u32 count, then {matrix u32 (0 = A, 1 = B),
//   5 A: nVars G1               constraint u32, signal u32, value n8r bytes}
//   6 B1: nVars G1            7 B2: nVars G2
//   8 C: nVars-nPublic-1 G1   9 H: domainSize G1        10 MPC contributions
// Montgomery form: every point (sections 2, 3, 5-10) has little-endian Montgomery coordinates
// (ffjavascript toRprLEM, infinity = all zero); the section-4 coefficients are stored as
// value * R^2 mod r (zkey_utils.js writeFr2 multiplies by R2r, readFr2 by R^-2), so that one
// Montgomery multiplication with a plain witness value gives a Montgomery-form product.
// The q, r primes and every other integer are plain little-endian.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "algebra/curve_id.h"
#include "zk/groth16/types.h"

namespace supervm::zk::formats {

// The curve of a .zkey (from the base-field prime q of section 2).
algebra::CurveId zkey_curve(std::span<const uint8_t> file, const std::string& where);

struct ZkeyReadOptions {
  // Points of the verifying-key part (alpha, beta, gamma, delta, IC) are always checked for
  // subgroup membership. The query vectors (A, B1, B2, C, H) are checked on-curve; checking
  // their subgroup as well costs a scalar multiplication per G2 point (~1 s for merkle20) and
  // protects only the prover's own output (verifiers check proof points), so it is opt-in.
  bool check_query_subgroups = false;
};

// Parses and validates the whole file into a ProvingKey (see zk/groth16/types.h for the
// section mapping). Counts are checked against section sizes before allocating; domainSize must
// be a power of two no larger than Fr's 2-adic subgroup and at least nPublic + 1; every
// coefficient's matrix is 0 or 1, its constraint < domainSize and its signal < nVars.
template <class E>
ProvingKey<E> read_zkey(std::span<const uint8_t> file, const std::string& where,
                        const ZkeyReadOptions& options = {});

}  // namespace supervm::zk::formats
