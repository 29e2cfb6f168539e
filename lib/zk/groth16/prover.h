// Groth16 proving, for keys from supervm's setup and from snarkjs .zkey files alike.
//
// h is computed as snarkjs does (groth16_prove.js): the QAP rows give A(w), B(w) on the domain,
// C(w) = A(w)*B(w) pointwise; each is moved to the odd coset omega_2n * <omega> by iFFT, scaling
// and FFT, and H = sum_i (A*B - C)(omega_2n^(2i+1)) * h_query[i]. The A, B (G1 and G2), C and H
// multi-scalar multiplications run concurrently on TBB. r and s are fresh per proof.
//
// The proving key is only read, so one key can serve many concurrent provers.
#pragma once

#include <span>
#include <string>

#include "util/random.h"
#include "zk/groth16/types.h"
#include "zk/groth16/verifier.h"

namespace supervm::zk {

template <class E>
struct ProveOptions {
  // Used for the final self-check when the key has no C matrix (.zkey keys); when null the
  // prover prepares one from pk.vk (a few milliseconds). Ignored when pk.c_rows is present.
  const PreparedVerifyingKey<E>* pvk = nullptr;
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
