// BLS12-381 G2: E'(Fp2): y^2 = x^3 + 4(u + 1) (M-type sextic twist), order-r subgroup.
// Types: G2Affine (x, y in Fp2, infinity) and G2 (Jacobian); API in algebra/curve/point.h.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "algebra/bls12_381/fields.h"
#include "algebra/curve/point.h"

namespace supervm::algebra::bls12_381 {

struct G2Config;
using G2Affine = curve::Affine<G2Config>;
using G2 = curve::Jacobian<G2Config>;

struct G2Config {
  using Field = Fp2;
  using Scalar = Fr;
  static constexpr const char* kName = "bls12_381/g2";
  static const Fp2& b();
  static const Fp2& gen_x();
  static const Fp2& gen_y();
  // Scott (eprint 2021/1130): P in G2 iff psi(P) == [x]P.
  static bool in_subgroup(const G2& p);
  // GLS: k = d0 + d1|x| + d2|x|^2 + d3|x|^3 with 64-bit digits, psi = [x] = -[|x|] on G2.
  static G2 mul(const G2& p, const Fr& k);
  // MSM split (curve/msm.h): the same four base-|x| digits, bases P, -psi(P), psi^2(P), -psi^3(P).
  static constexpr size_t kMsmSplit = 4;
  static constexpr unsigned kMsmSplitBits = 64;
  static void msm_split(const G2Affine& p, const Fr& k, G2Affine* pts,
                        std::array<uint64_t, 4>* ks);
};

// psi = untwist o Frobenius o twist; on G2 it acts as [x].
G2 g2_psi(const G2& p);
G2 g2_psi2(const G2& p);
// Budroni–Pintore cofactor clearing (draft-irtf-cfrg-hash-to-curve Sec. 8.8.2 / Appendix G.3):
// [x^2 - x - 1]P + [x - 1]psi(P) + psi^2(2P) == [h_eff]P for every P on E'(Fp2).
G2 g2_clear_cofactor(const G2& p);
G2 g2_mul_by_x(const G2& p);

inline void batch_to_affine(std::span<const G2> in, std::span<G2Affine> out) {
  curve::batch_to_affine<G2Config>(in, out);
}

}  // namespace supervm::algebra::bls12_381
