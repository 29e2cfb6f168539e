#include "algebra/bn254/pairing.h"

#include "algebra/bn254/pairing_params.h"
#include "algebra/pairing/final_exp.h"
#include "algebra/pairing/loop_digits.h"

namespace supervm::algebra::bn254 {

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
  // x has Hamming weight 28; its width-4 NAF has 14 non-zero digits.
  static constexpr pairing::LoopDigits kXWnaf = pairing::wnaf_digits(PairingParams::kXAbs, 4);
  auto exp_by_x = [](const Fp12& h) {
    static_assert(!PairingParams::kXNegative);
    return h.cyclotomic_pow_signed({kXWnaf.d.data(), kXWnaf.len});
  };
  return pairing::final_exp_hard_bn(g, exp_by_x);
}

Fp12 pairing(const G1Affine& p, const G2Affine& q) {
  return final_exponentiation(miller_loop(p, q));
}

bool pairing_product_is_one(std::span<const G1Affine> ps, std::span<const G2Prepared* const> qs) {
  return final_exponentiation(multi_miller_loop(ps, qs)).is_one();
}

}  // namespace supervm::algebra::bn254
