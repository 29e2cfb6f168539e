#include "algebra/bls12_381/g1.h"

#include <array>
#include <vector>

#include "algebra/bls12_381/curve_params.h"
#include "algebra/curve/glv.h"
#include "algebra/curve/hex.h"
#include "algebra/curve/wnaf.h"

namespace supervm::algebra::bls12_381 {

const Fp& G1Config::b() {
  static const Fp v = Fp::from_u64(4);
  return v;
}
const Fp& G1Config::gen_x() {
  static const Fp v = curve::field_from_hex<Fp>(params::kG1X);
  return v;
}
const Fp& G1Config::gen_y() {
  static const Fp v = curve::field_from_hex<Fp>(params::kG1Y);
  return v;
}

G1 g1_phi(const G1& p) {
  static const Fp beta = curve::field_from_hex<Fp>(params::kBeta);
  return G1(p.x * beta, p.y, p.z);
}

G1 g1_mul_by_x(const G1& p) {
  // Double-and-add over the 64 bits of |x| (Hamming weight 6), then the sign.
  G1 acc = p;
  for (int bit = 62; bit >= 0; --bit) {
    acc = acc.dbl();
    if ((params::kXAbs >> bit) & 1) acc = acc + p;
  }
  return params::kXNegative ? -acc : acc;
}

bool G1Config::in_subgroup(const G1& p) {
  return g1_phi(p) == -g1_mul_by_x(g1_mul_by_x(p));
}

G1 g1_clear_cofactor(const G1& p) { return p - g1_mul_by_x(p); }

G1 G1Config::mul(const G1& p, const Fr& k) {
  static const curve::GlvLattice lattice(params::kGlvA1, params::kGlvB1, params::kGlvA2,
                                         params::kGlvB2);
  if (p.is_infinity() || k.is_zero()) return G1();
  auto limbs = k.to_canonical();
  auto halves = lattice.split(limbs);
  std::array<G1, 2> pts = {p, g1_phi(p)};
  std::array<std::vector<int8_t>, 2> digits = {curve::wnaf_recode(halves[0].limbs, 5),
                                               curve::wnaf_recode(halves[1].limbs, 5)};
  std::array<bool, 2> neg = {halves[0].negative, halves[1].negative};
  return curve::wnaf_mul_multi<G1>(pts, digits, neg, 5);
}

namespace {
// k = q * |x| + rem for a 4-limb k and the 64-bit |x|; returns rem, k becomes q.
uint64_t divmod_x(std::array<uint64_t, 4>& k) {
  unsigned __int128 rem = 0;
  for (int j = 3; j >= 0; --j) {
    unsigned __int128 cur = (rem << 64) | k[j];
    k[j] = static_cast<uint64_t>(cur / params::kXAbs);
    rem = cur % params::kXAbs;
  }
  return static_cast<uint64_t>(rem);
}
}  // namespace

void G1Config::msm_split(const G1Affine& p, const Fr& k, G1Affine* pts,
                         std::array<uint64_t, 4>* ks) {
  static const Fp beta = curve::field_from_hex<Fp>(params::kBeta);
  auto l = k.to_canonical();
  std::array<uint64_t, 4> q{l[0], l[1], l[2], l[3]};
  uint64_t r0 = divmod_x(q);
  uint64_t r1 = divmod_x(q);
  // k1 = r1 * |x| + r0 < x^2 (128 bits), k2 = q < 2^128.
  unsigned __int128 k1 = static_cast<unsigned __int128>(r1) * params::kXAbs + r0;
  ks[0] = {static_cast<uint64_t>(k1), static_cast<uint64_t>(k1 >> 64), 0, 0};
  ks[1] = {q[0], q[1], 0, 0};
  pts[0] = p;
  // x^2 P = -phi(P) since phi acts as [-x^2] on G1.
  pts[1] = p.infinity ? G1Affine() : G1Affine(p.x * beta, -p.y);
}

}  // namespace supervm::algebra::bls12_381
