// Batch verification of many Groth16 proofs under one verifying key, with bisection that names
// every bad proof.
//
// Each well-formed item i gets an independent random scalar r_i != 0 with 128 bits of entropy
// (from the CSPRNG; r_i = k1 + k2*lambda, lambda the G1 GLV eigenvalue, k1, k2 64-bit),
// and the batch checks the single equation
//   prod_i e(r_i A_i, B_i) * e(sum_i r_i IC(x_i), -gamma) * e(sum_i r_i C_i, -delta)
//     * e(-(sum_i r_i) alpha, beta) == 1
// with one final exponentiation. The per-proof Miller loops run in groups (one multi-Miller
// loop per group, the groups in parallel on TBB) whose values are kept: when the batch fails,
// bisection re-checks halves by multiplying the kept group values (plus three fixed pairs and a
// final exponentiation per check), then splits a failing group into single proofs. Since the
// r_i stay fixed, a failing set whose left half passes has a failing right half, which is then
// split without being checked: k bad proofs among n cost O(k log n) checks.
//
// Verdicts equal verifying one by one: an item is invalid only when its own equation fails
// (exactly), and a passing set is valid except with probability about 2^-128 per check.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "util/random.h"
#include "zk/groth16/verifier.h"

namespace supervm::zk {

template <class E>
struct BatchItem {
  const Proof<E>* proof = nullptr;
  std::span<const typename E::Fr> public_inputs;
};

struct BatchStats {
  size_t malformed = 0;            // rejected before batching (input count, points)
  size_t batch_checks = 0;         // final exponentiations (equation checks)
  size_t single_miller_loops = 0;  // per-proof Miller loops computed during bisection
};

struct BatchOptions {
  PointCheck point_check = PointCheck::kFull;
  // Proofs per multi-Miller-loop group; 0 picks one from the batch size and thread count.
  size_t group_size = 0;
};

// One verdict per item, in order. `rng` supplies the r_i (util::RandomSource::system() in
// production; the verdicts do not depend on it).
template <class E>
std::vector<VerifyResult> verify_batch(const PreparedVerifyingKey<E>& pvk,
                                       std::span<const BatchItem<E>> items, util::RandomSource& rng,
                                       const BatchOptions& options = {},
                                       BatchStats* stats = nullptr);

}  // namespace supervm::zk
