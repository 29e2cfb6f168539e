// Groth16 verification (single proofs) with a prepared verifying key.
//
// A proof (A, B, C) for public inputs x_1..x_l is valid iff
//   e(A, B) = e(alpha, beta) * e(IC(x), gamma) * e(C, delta),  IC(x) = ic_0 + sum_j x_j ic_j,
// checked as one multi-Miller loop over (A, B), (IC(x), -gamma), (C, -delta), one final
// exponentiation and a comparison with the precomputed e(alpha, beta). The lines of -gamma and
// -delta are precomputed and normalized (fixed_lines.h); only B's lines are computed per proof.
#pragma once

#include <span>
#include <string>

#include "algebra/curve/fixed_base.h"
#include "zk/groth16/pairing_ops.h"
#include "zk/groth16/types.h"

namespace supervm::zk {

template <class E>
struct PreparedVerifyingKey {
  using Ops = PairingOps<E>;
  VerifyingKey<E> vk;
  typename Ops::GT alpha_beta;     // e(alpha, beta)
  typename Ops::Fixed neg_gamma;   // -gamma, prepared (normalized lines)
  typename Ops::Fixed neg_delta;   // -delta, prepared
  typename Ops::Fixed beta;        // beta, prepared (batch verification)
  typename E::G1Affine neg_alpha;  // -alpha (batch verification)
  // Fixed-base tables of ic[0..num_public] and -alpha (empty when not built): x * ic_j then
  // costs ~37 mixed additions instead of a GLV multiplication (~4x faster).
  using Table = algebra::curve::FixedBaseTable<typename E::G1Affine::Config>;
  std::vector<Table> ic_tables;
  std::vector<Table> neg_alpha_table;  // 0 or 1 entries

  size_t num_public() const { return vk.num_public(); }
  // sum_j s_j * ic_j over j = 0..num_public (s.size() == ic.size()).
  typename E::G1 ic_combination(std::span<const typename E::Fr> s) const;
  typename E::G1 neg_alpha_times(const typename E::Fr& k) const;
};

// Fixed-base tables cost ~230 KB (BLS12-381) per point and a few milliseconds to build: worth it
// for a key that verifies many proofs, not for a one-off check.
enum class InputTables { kBuild, kSkip };
// Keys with more public inputs than this never get tables (memory).
inline constexpr size_t kMaxTabledInputs = 32;

// Precomputes the pairing and line coefficients. The key's points must be valid group elements
// (file parsers check that). Throws supervm::Error (kUsage) when ic is empty.
template <class E>
PreparedVerifyingKey<E> prepare_verifying_key(const VerifyingKey<E>& vk,
                                              InputTables tables = InputTables::kBuild);

// Whether verify() checks that the proof's points are on the curve and in the prime-order
// subgroup. kSkip is for proofs whose points a parser has already validated (zk/formats does).
enum class PointCheck { kFull, kSkip };

struct VerifyResult {
  bool valid = false;
  std::string error;  // empty when valid; otherwise why ("pairing check failed", ...)
};

// Checks the number of public inputs (exactly num_public), the points (unless kSkip) and the
// pairing equation. Never throws for a bad proof: that is a negative answer, not an error.
template <class E>
VerifyResult verify(const PreparedVerifyingKey<E>& pvk, const Proof<E>& proof,
                    std::span<const typename E::Fr> public_inputs,
                    PointCheck check = PointCheck::kFull);

// The shape and point checks alone (the part of verify() before the pairing); used by the batch
// verifier to reject malformed items on their own. Empty string when acceptable.
template <class E>
std::string precheck_proof(const PreparedVerifyingKey<E>& pvk, const Proof<E>& proof,
                           size_t num_inputs, PointCheck check);

// ic_0 + sum_j x_j ic_j (x.size() == ic.size() - 1).
template <class E>
typename E::G1 accumulate_inputs(const VerifyingKey<E>& vk, std::span<const typename E::Fr> x);

}  // namespace supervm::zk
