#include "algebra/bls12_381/pairing.h"

#include "algebra/bls12_381/pairing_params.h"
#include "algebra/pairing/final_exp.h"

namespace supervm::algebra::bls12_381 {

G2Prepared prepare(const G2Affine& q) {
  G2Prepared out;
  pairing::prepare_into<PairingParams>(q, out);
  return out;
}

Fp12 miller_loop(const G1Affine& p, const G2Affine& q) {
  return pairing::multi_miller_loop_affine<PairingParams, G1Affine, G2Affine>(
      std::span<const G1Affine>(&p, 1), std::span<const G2Affine>(&q, 1));
}

Fp12 multi_miller_loop_affine(std::span<const G1Affine> ps, std::span<const G2Affine> qs) {
  return pairing::multi_miller_loop_affine<PairingParams, G1Affine, G2Affine>(ps, qs);
}

Fp12 multi_miller_loop(std::span<const G1Affine> ps, std::span<const G2Prepared* const> qs) {
  return pairing::multi_miller_loop<PairingParams, G1Affine, G2Prepared>(ps, qs);
}

Fp12 final_exponentiation(const Fp12& f) {
  Fp12 g = pairing::final_exp_easy(f);
  // x = -|x| has Hamming weight 6: 63 Karabina compressed squarings with snapshots at the
  // set bits, one batched decompression, 5 multiplications; then invert (conjugate).
  auto exp_by_x = [](const Fp12& h) {
    static_assert(PairingParams::kXNegative);
    return h.cyclotomic_pow_u64_compressed(PairingParams::kXAbs).conjugate();
  };
  return pairing::final_exp_hard_bls12(g, exp_by_x);
}

Fp12 pairing(const G1Affine& p, const G2Affine& q) {
  return final_exponentiation(miller_loop(p, q));
}

bool pairing_product_is_one(std::span<const G1Affine> ps, std::span<const G2Prepared* const> qs) {
  return final_exponentiation(multi_miller_loop(ps, qs)).is_one();
}

}  // namespace supervm::algebra::bls12_381
