// BN254 (alt_bn128) G2: E'(Fp2): y^2 = x^3 + 3/(9 + u) (D-type sextic twist), order-r subgroup,
// cofactor 2p - r. Types: G2Affine and G2 (Jacobian); API in algebra/curve/point.h.
#pragma once

#include <span>

#include "algebra/bn254/fields.h"
#include "algebra/curve/point.h"

namespace supervm::algebra::bn254 {

struct G2Config;
using G2Affine = curve::Affine<G2Config>;
using G2 = curve::Jacobian<G2Config>;

struct G2Config {
  using Field = Fp2;
  using Scalar = Fr;
  static constexpr const char* kName = "bn254/g2";
  static const Fp2& b();
  static const Fp2& gen_x();
  static const Fp2& gen_y();
  // El Housni, Guillevic, Piellard (eprint 2022/352), BN case:
  // Q in G2 iff [u+1]Q + psi([u]Q) + psi^2([u]Q) == psi^3([2u]Q).
  static bool in_subgroup(const G2& p);
  // GLS with psi (acts as [6u^2] on G2): two ~128-bit halves, interleaved wNAF.
  static G2 mul(const G2& p, const Fr& k);
};

G2 g2_psi(const G2& p);
G2 g2_psi2(const G2& p);
G2 g2_mul_by_u(const G2& p);
// Maps any point of E'(Fp2) into G2: multiplication by the cofactor 2p - r.
G2 g2_clear_cofactor(const G2& p);

inline void batch_to_affine(std::span<const G2> in, std::span<G2Affine> out) {
  curve::batch_to_affine<G2Config>(in, out);
}

}  // namespace supervm::algebra::bn254
