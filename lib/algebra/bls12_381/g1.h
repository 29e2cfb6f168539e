// BLS12-381 G1: E(Fp): y^2 = x^3 + 4, prime-order subgroup of order r, cofactor (x-1)^2/3.
// Types: G1Affine (x, y, infinity) and G1 (Jacobian); API in algebra/curve/point.h.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "algebra/bls12_381/fields.h"
#include "algebra/curve/point.h"

namespace supervm::algebra::bls12_381 {

struct G1Config;
using G1Affine = curve::Affine<G1Config>;
using G1 = curve::Jacobian<G1Config>;

struct G1Config {
  using Field = Fp;
  using Scalar = Fr;
  static constexpr const char* kName = "bls12_381/g1";
  static const Fp& b();
  static const Fp& gen_x();
  static const Fp& gen_y();
  // Scott's test (eprint 2021/1130, Sec. 6): P in G1 iff phi(P) == [-x^2]P.
  static bool in_subgroup(const G1& p);
  // GLV with phi: k = k1 + k2*lambda, two ~128-bit halves, interleaved wNAF.
  static G1 mul(const G1& p, const Fr& k);
  // MSM split (curve/msm.h): k*P = k1*P + k2*(-phi(P)) with k = k2*x^2 + k1, both < 2^128.
  static constexpr size_t kMsmSplit = 2;
  static constexpr unsigned kMsmSplitBits = 128;
  static void msm_split(const G1Affine& p, const Fr& k, G1Affine* pts,
                        std::array<uint64_t, 4>* ks);
};

// phi(x, y) = (beta x, y): an endomorphism acting on G1 as [-x^2 mod r].
G1 g1_phi(const G1& p);
// Maps any point of E(Fp) into G1 by multiplying with h_eff = 1 - x
// (draft-irtf-cfrg-hash-to-curve, Sec. 8.8.1).
G1 g1_clear_cofactor(const G1& p);
// Multiplies by the curve parameter x (negative, 64 bits, Hamming weight 6).
G1 g1_mul_by_x(const G1& p);

inline void batch_to_affine(std::span<const G1> in, std::span<G1Affine> out) {
  curve::batch_to_affine<G1Config>(in, out);
}

}  // namespace supervm::algebra::bls12_381
