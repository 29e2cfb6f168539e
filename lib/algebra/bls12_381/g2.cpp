#include "algebra/bls12_381/g2.h"

#include <array>
#include <vector>

#include "algebra/bls12_381/curve_params.h"
#include "algebra/curve/hex.h"
#include "algebra/curve/wnaf.h"

namespace supervm::algebra::bls12_381 {

const Fp2& G2Config::b() {
  static const Fp2 v{Fp::from_u64(4), Fp::from_u64(4)};
  return v;
}
const Fp2& G2Config::gen_x() {
  static const Fp2 v{curve::field_from_hex<Fp>(params::kG2X0),
                     curve::field_from_hex<Fp>(params::kG2X1)};
  return v;
}
const Fp2& G2Config::gen_y() {
  static const Fp2 v{curve::field_from_hex<Fp>(params::kG2Y0),
                     curve::field_from_hex<Fp>(params::kG2Y1)};
  return v;
}

G2 g2_psi(const G2& p) {
  static const Fp2 cx{curve::field_from_hex<Fp>(params::kPsiX0),
                      curve::field_from_hex<Fp>(params::kPsiX1)};
  static const Fp2 cy{curve::field_from_hex<Fp>(params::kPsiY0),
                      curve::field_from_hex<Fp>(params::kPsiY1)};
  // In Jacobian coordinates Frobenius applies to Z too: (conj X * cx : conj Y * cy : conj Z).
  return G2(p.x.conjugate() * cx, p.y.conjugate() * cy, p.z.conjugate());
}

G2 g2_psi2(const G2& p) {
  static const Fp cx = curve::field_from_hex<Fp>(params::kPsi2X);
  static const Fp cy = curve::field_from_hex<Fp>(params::kPsi2Y);
  return G2(p.x.mul_by_base(cx), p.y.mul_by_base(cy), p.z);
}

G2 g2_mul_by_x(const G2& p) {
  G2 acc = p;
  for (int bit = 62; bit >= 0; --bit) {
    acc = acc.dbl();
    if ((params::kXAbs >> bit) & 1) acc = acc + p;
  }
  return params::kXNegative ? -acc : acc;
}

bool G2Config::in_subgroup(const G2& p) { return g2_psi(p) == g2_mul_by_x(p); }

G2 g2_clear_cofactor(const G2& p) {
  // Steps of clear_cofactor_bls12381_g2 in draft-irtf-cfrg-hash-to-curve Appendix G.3.
  G2 t1 = g2_mul_by_x(p);
  G2 t2 = g2_psi(p);
  G2 t3 = g2_psi2(p.dbl());
  t3 = t3 - t2;
  t2 = t1 + t2;
  t2 = g2_mul_by_x(t2);
  t3 = t3 + t2;
  t3 = t3 - t1;
  return t3 - p;
}

namespace {
// k < r < |x|^4: four base-|x| digits by long division with 128-bit intermediates.
std::array<uint64_t, 4> base_x_digits(const Fr& k) {
  auto limbs = k.to_canonical();
  std::array<uint64_t, 4> rest{limbs[0], limbs[1], limbs[2], limbs[3]};
  std::array<uint64_t, 4> dig{};
  for (int i = 0; i < 4; ++i) {
    unsigned __int128 rem = 0;
    for (int j = 3; j >= 0; --j) {
      unsigned __int128 cur = (rem << 64) | rest[j];
      rest[j] = static_cast<uint64_t>(cur / params::kXAbs);
      rem = cur % params::kXAbs;
    }
    dig[i] = static_cast<uint64_t>(rem);
  }
  return dig;
}
}  // namespace

void G2Config::msm_split(const G2Affine& p, const Fr& k, G2Affine* pts,
                         std::array<uint64_t, 4>* ks) {
  auto dig = base_x_digits(k);
  for (int i = 0; i < 4; ++i) ks[i] = {dig[i], 0, 0, 0};
  if (p.infinity) {
    for (int i = 0; i < 4; ++i) pts[i] = G2Affine();
    return;
  }
  // psi keeps Z = 1, so the Jacobian results are affine already.
  G2 q1 = g2_psi(G2(p));
  G2 q2 = g2_psi2(G2(p));
  G2 q3 = g2_psi(q2);
  pts[0] = p;
  pts[1] = G2Affine(q1.x, -q1.y);
  pts[2] = G2Affine(q2.x, q2.y);
  pts[3] = G2Affine(q3.x, -q3.y);
}

G2 G2Config::mul(const G2& p, const Fr& k) {
  if (p.is_infinity() || k.is_zero()) return G2();
  auto dig = base_x_digits(k);
  // [|x|^i]P = (-psi)^i (P) on G2 since psi acts as [x] = -[|x|].
  G2 q1 = -g2_psi(p);
  G2 q2 = g2_psi2(p);
  G2 q3 = -g2_psi(q2);
  std::array<G2, 4> pts = {p, q1, q2, q3};
  std::array<std::vector<int8_t>, 4> digits;
  for (int i = 0; i < 4; ++i) digits[i] = curve::wnaf_recode(std::span<const uint64_t>(&dig[i], 1), 4);
  std::array<bool, 4> neg = {false, false, false, false};
  return curve::wnaf_mul_multi<G2>(pts, digits, neg, 4);
}

}  // namespace supervm::algebra::bls12_381
