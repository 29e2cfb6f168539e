// Poseidon (Grassi, Khovratovich, Rechberger, Roy, Schofnegger, "Poseidon: A New
// Hash Function for Zero-Knowledge Proof Systems", USENIX Security 2021): the
// permutation with S-box x^5 over a prime field, parameters generated exactly as
// the authors' reference script generate_parameters_grain.sage does, and the
// two-to-one compression the note-commitment tree uses.
//
// The permutation is the one of the reference poseidonperm_x5_*.sage scripts:
// R_F/2 full rounds, R_P partial rounds (S-box on state[0] only), R_F/2 full
// rounds; each round adds t round constants, applies the S-box and multiplies
// the state (a column vector) by the MDS matrix.
#pragma once

#include <span>
#include <vector>

#include "algebra/bls12_381/fields.h"

namespace supervm::zk {

// An instance, named by the reference script's arguments (field GF(p), S-box x^5).
struct PoseidonSpec {
  unsigned field_bits;      // n: bit length of p
  unsigned width;           // t
  unsigned full_rounds;     // R_F
  unsigned partial_rounds;  // R_P
};

template <class F>
struct PoseidonParams {
  PoseidonSpec spec;
  std::vector<F> round_constants;  // (R_F + R_P) * t, in the order they are added
  std::vector<F> mds;              // t x t, row-major: new[i] = sum_j mds[i*t+j] * old[j]
};

// Round constants: the Grain stream cut into n-bit integers (most significant bit
// first), values >= p skipped. MDS: the Cauchy matrix 1 / (x_i + y_j) with x, y
// the next 2t n-bit integers reduced mod p (redrawn while not distinct or some
// x_i + y_j = 0). The script also re-runs its algorithms 1-3 (invariant-subspace
// checks) and redraws a matrix that fails; those are not repeated here. The
// instances used are pinned by the authors' published test vectors
// (tests/zk/hash), which a redrawn matrix would not reproduce.
// Instantiated for the BLS12-381 and BN254 scalar fields.
template <class F>
PoseidonParams<F> generate_poseidon_params(const PoseidonSpec& spec);

// Applies the permutation in place; state.size() must equal spec.width.
template <class F>
void poseidon_permute(const PoseidonParams<F>& params, std::span<F> state);

// poseidonperm_x5_255_3: BLS12-381 Fr, t = 3, R_F = 8, R_P = 57 (the paper's
// 128-bit-security instance for this field, Table 2 / the script's own example
// line). Generated at first use, then shared read-only.
using PoseidonFr = algebra::bls12_381::Fr;
const PoseidonParams<PoseidonFr>& poseidon_bls12_381_t3();

// Two-to-one compression: permute [0, left, right] and output element 1.
// Element 0 is the capacity (initialised to 0) and elements 1, 2 the rate: as
// in the sponge construction the paper builds its hash from (section 2.1,
// "Poseidon^pi in sponge mode"), output comes from the rate part, never from
// the capacity; element 1 is the first rate element, the one a one-block
// sponge squeezes first (the choice of Filecoin's Neptune too; circomlib's
// Poseidon reads element 0 instead, so the two are not interchangeable).
// An in-circuit gadget must compute exactly this.
PoseidonFr poseidon_compress(const PoseidonFr& left, const PoseidonFr& right);

}  // namespace supervm::zk
