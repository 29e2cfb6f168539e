#include "algebra/bn254/g2.h"

#include <array>
#include <vector>

#include "algebra/bn254/curve_params.h"
#include "algebra/curve/glv.h"
#include "algebra/curve/hex.h"
#include "algebra/curve/wnaf.h"

namespace supervm::algebra::bn254 {

const Fp2& G2Config::b() {
  // b' = 3 / (9 + u)
  static const Fp2 v = Fp2{Fp::from_u64(3), Fp::zero()} * Fp2{Fp::from_u64(9), Fp::one()}.inverse();
  return v;
}
const Fp2& G2Config::gen_x() {
  static const Fp2 v{curve::field_from_dec<Fp>(params::kG2X0),
                     curve::field_from_dec<Fp>(params::kG2X1)};
  return v;
}
const Fp2& G2Config::gen_y() {
  static const Fp2 v{curve::field_from_dec<Fp>(params::kG2Y0),
                     curve::field_from_dec<Fp>(params::kG2Y1)};
  return v;
}

G2 g2_psi(const G2& p) {
  static const Fp2 cx{curve::field_from_hex<Fp>(params::kPsiX0),
                      curve::field_from_hex<Fp>(params::kPsiX1)};
  static const Fp2 cy{curve::field_from_hex<Fp>(params::kPsiY0),
                      curve::field_from_hex<Fp>(params::kPsiY1)};
  return G2(p.x.conjugate() * cx, p.y.conjugate() * cy, p.z.conjugate());
}

G2 g2_psi2(const G2& p) {
  static const Fp cx = curve::field_from_hex<Fp>(params::kPsi2X);
  static const Fp cy = curve::field_from_hex<Fp>(params::kPsi2Y);
  return G2(p.x.mul_by_base(cx), p.y.mul_by_base(cy), p.z);
}

G2 g2_mul_by_u(const G2& p) {
  G2 acc = p;
  for (int bit = 61; bit >= 0; --bit) {  // u has 63 bits: bit 62 is the leading one
    acc = acc.dbl();
    if ((params::kU >> bit) & 1) acc = acc + p;
  }
  return acc;
}

bool G2Config::in_subgroup(const G2& p) {
  G2 up = g2_mul_by_u(p);
  G2 lhs = up + p + g2_psi(up) + g2_psi2(up);
  G2 rhs = g2_psi(g2_psi2(up.dbl()));
  return lhs == rhs;
}

G2 g2_clear_cofactor(const G2& p) {
  static const auto h = curve::hex_limbs<4>(params::kG2Cofactor);
  return p.mul_integer(h);
}

G2 G2Config::mul(const G2& p, const Fr& k) {
  static const curve::GlvLattice lattice(params::kGlsA1, params::kGlsB1, params::kGlsA2,
                                         params::kGlsB2);
  if (p.is_infinity() || k.is_zero()) return G2();
  auto limbs = k.to_canonical();
  auto halves = lattice.split(limbs);
  std::array<G2, 2> pts = {p, g2_psi(p)};
  std::array<std::vector<int8_t>, 2> digits = {curve::wnaf_recode(halves[0].limbs, 5),
                                               curve::wnaf_recode(halves[1].limbs, 5)};
  std::array<bool, 2> neg = {halves[0].negative, halves[1].negative};
  return curve::wnaf_mul_multi<G2>(pts, digits, neg, 5);
}

}  // namespace supervm::algebra::bn254
