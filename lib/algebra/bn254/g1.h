// BN254 (alt_bn128) G1: E(Fp): y^2 = x^3 + 3, prime order r (cofactor 1), generator (1, 2).
// Types: G1Affine (x, y, infinity) and G1 (Jacobian); API in algebra/curve/point.h.
#pragma once

#include <span>

#include "algebra/bn254/fields.h"
#include "algebra/curve/point.h"

namespace supervm::algebra::bn254 {

struct G1Config;
using G1Affine = curve::Affine<G1Config>;
using G1 = curve::Jacobian<G1Config>;

struct G1Config {
  using Field = Fp;
  using Scalar = Fr;
  static constexpr const char* kName = "bn254/g1";
  static const Fp& b();
  static const Fp& gen_x();
  static const Fp& gen_y();
  // Cofactor 1: every point on the curve is in G1.
  static bool in_subgroup(const G1&) { return true; }
  // GLV with phi(x, y) = (beta x, y): two ~128-bit halves, interleaved wNAF.
  static G1 mul(const G1& p, const Fr& k);
};

G1 g1_phi(const G1& p);

inline void batch_to_affine(std::span<const G1> in, std::span<G1Affine> out) {
  curve::batch_to_affine<G1Config>(in, out);
}

}  // namespace supervm::algebra::bn254
