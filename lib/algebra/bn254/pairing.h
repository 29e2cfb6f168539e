// BN254 (alt_bn128) optimal ate pairing e: G1 x G2 -> GT (GT = the order-r subgroup of Fp12^*).
//
// Typical use (Groth16 verification): prepare() the fixed G2 points of a verifying key once,
// then check prod e(P_i, Q_i) == 1 with pairing_product_is_one (one shared Miller loop and a
// single final exponentiation). Points must be valid (on the curve, in the subgroup); the
// point at infinity on either side makes a pair contribute 1. Variable time: public inputs.
#pragma once

#include <span>

#include "algebra/bn254/g1.h"
#include "algebra/bn254/g2.h"
#include "algebra/bn254/tower.h"
#include "algebra/pairing/miller_loop.h"

namespace supervm::algebra::bn254 {

// Precomputed line coefficients of a fixed G2 point (88 lines, about 17 KB).
struct G2Prepared : pairing::PreparedG2<Fp2> {};

G2Prepared prepare(const G2Affine& q);

// The Miller loop value f_{Q}(P) (before the final exponentiation).
Fp12 miller_loop(const G1Affine& p, const G2Affine& q);

// prod_i f_{Q_i}(P_i) with the squarings of f shared between all pairs. Throws
// std::invalid_argument if the spans differ in length.
Fp12 multi_miller_loop(std::span<const G1Affine> ps, std::span<const G2Prepared* const> qs);

// The same product for G2 points that are not prepared: the lines are computed inside the loop
// (no coefficient arrays), for one-off (multi-)pairings. Throws std::invalid_argument if the
// spans differ in length.
Fp12 multi_miller_loop_affine(std::span<const G1Affine> ps, std::span<const G2Affine> qs);

// f^((p^12 - 1)/r).
Fp12 final_exponentiation(const Fp12& f);

Fp12 pairing(const G1Affine& p, const G2Affine& q);

// prod_i e(P_i, Q_i) == 1 (the Ethereum precompile / Groth16 check).
bool pairing_product_is_one(std::span<const G1Affine> ps, std::span<const G2Prepared* const> qs);

}  // namespace supervm::algebra::bn254
