// Groth16 key generation (a trusted setup run by one party) for an R1CS.
//
// The QAP is the R1CS in evaluation form on the radix-2 domain of groth16/domain.h, extended by
// the num_public + 1 input-consistency rows of snarkjs; the keys follow the conventions of
// groth16/types.h, so supervm's prover treats them exactly like keys read from a .zkey.
// The toxic waste (tau, alpha, beta, gamma, delta) and every value derived from it are drawn from
// `rng` and wiped before returning. Use util::RandomSource::system() for real keys;
// RandomSource::deterministic(seed) gives reproducible (INSECURE) keys for tests.
#pragma once

#include "util/random.h"
#include "zk/groth16/types.h"
#include "zk/r1cs/r1cs.h"

namespace supervm::zk {

// Throws supervm::Error (kUsage) for a malformed R1CS or one too large for the field's roots.
template <class E>
ProvingKey<E> generate_keys(const R1cs<typename E::Fr>& r1cs, util::RandomSource& rng);

// QAP domain size for an R1CS: the smallest power of two >= m + num_public + 1 (and >= 2), the
// same as snarkjs's `2^(floor(log2(m + nPublic)) + 1)`.
size_t qap_domain_size(size_t num_constraints, size_t num_public);

}  // namespace supervm::zk
