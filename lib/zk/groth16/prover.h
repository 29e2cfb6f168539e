// Groth16 proving, for keys from supervm's setup and from snarkjs .zkey files alike.
//
// h is computed as snarkjs does (groth16_prove.js): the QAP rows give A(w), B(w) on the domain,
// C(w) = A(w)*B(w) pointwise; each is moved to the odd coset omega_2n * <omega> by iFFT, scaling
// and FFT, and H = sum_i (A*B - C)(omega_2n^(2i+1)) * h_query[i]. The A, B (G1 and G2), C and H
// multi-scalar multiplications run concurrently on TBB. r and s are fresh per proof.
//
// The proving key is only read, so one key can serve many concurrent provers.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "algebra/curve/msm_table.h"
#include "util/random.h"
#include "zk/groth16/types.h"
#include "zk/groth16/verifier.h"
#include "zk/r1cs/r1cs.h"

namespace supervm::zk {

// Precomputed MSM tables (algebra/curve/msm_table.h) of one proving key's five queries, for
// proving many statements under that key: each proof's MSMs then need one bucket reduction
// instead of one per window (about half the work for small circuits). Building costs about as
// much as a few proofs and memory_bytes() (~25x the key's points), so it pays for batches.
template <class E>
struct ProverTables {
  explicit ProverTables(const ProvingKey<E>& pk);
  // Bytes the tables of `pk` would take.
  static size_t memory_for(const ProvingKey<E>& pk);
  size_t memory_bytes() const;

  algebra::curve::MsmTable<typename E::G1Affine::Config> a, b1, l, h;
  algebra::curve::MsmTable<typename E::G2Affine::Config> b2;
};

template <class E>
struct ProveOptions {
  // Used for the final self-check when the key has no C matrix (.zkey keys); when null the
  // prover prepares one from pk.vk (a few milliseconds; the last one per curve is cached and
  // reused while the verifying key is the same). Ignored when pk.c_rows is present.
  const PreparedVerifyingKey<E>* pvk = nullptr;
  // When given (a circom .r1cs next to a .zkey, or a built-in circuit), the witness is checked
  // against it first, so an error names the constraint (and its name, if the R1CS has names)
  // even for keys without a C matrix. It must be the key's circuit.
  const R1cs<typename E::Fr>* r1cs = nullptr;
  // Tables built from the same proving key (optional; sizes are checked).
  const ProverTables<E>* tables = nullptr;
};

// Proves knowledge of `witness` (num_variables values, witness[0] == 1). r and s come from `rng`
// (util::RandomSource::system() in production). Throws supervm::Error with kUsage when the
// witness is malformed or does not satisfy the constraints (naming the first failing constraint
// when the key has the C matrix), and when the key is inconsistent.
template <class E>
Proof<E> prove(const ProvingKey<E>& pk, std::span<const typename E::Fr> witness,
               util::RandomSource& rng, const ProveOptions<E>& options = {});

// Structural consistency of a proving key (vector lengths, row and variable indices, domain).
// Empty when consistent.
template <class E>
std::string check_proving_key(const ProvingKey<E>& pk);

}  // namespace supervm::zk
