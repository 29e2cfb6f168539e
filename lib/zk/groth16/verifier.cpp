#include "zk/groth16/verifier.h"

#include <array>

#include "zk/groth16/multiexp.h"

namespace supervm::zk {

template <class E>
PreparedVerifyingKey<E> prepare_verifying_key(const VerifyingKey<E>& vk) {
  using Ops = PairingOps<E>;
  PreparedVerifyingKey<E> p;
  p.vk = vk;
  const std::array<typename E::G1Affine, 1> a{vk.alpha_g1};
  const auto beta = Ops::prepare(vk.beta_g2);
  const std::array<const typename Ops::G2Prepared*, 1> b{&beta};
  p.alpha_beta = Ops::final_exponentiation(Ops::multi_miller_loop(a, b));
  p.neg_gamma = Ops::prepare(-vk.gamma_g2);
  p.neg_delta = Ops::prepare(-vk.delta_g2);
  p.beta = beta;
  p.neg_alpha = -vk.alpha_g1;
  return p;
}

template <class E>
typename E::G1 accumulate_inputs(const VerifyingKey<E>& vk, std::span<const typename E::Fr> x) {
  typename E::G1 acc(vk.ic[0]);
  acc += multiexp<typename E::G1>(std::span(vk.ic).subspan(1), x);
  return acc;
}

template <class E>
std::string precheck_proof(const PreparedVerifyingKey<E>& pvk, const Proof<E>& proof,
                           size_t num_inputs, PointCheck check) {
  if (num_inputs != pvk.num_public())
    return "expected " + std::to_string(pvk.num_public()) + " public inputs, got " +
           std::to_string(num_inputs);
  if (check == PointCheck::kFull) {
    if (!proof.a.is_on_curve()) return "proof point A is not on the curve";
    if (!proof.b.is_on_curve()) return "proof point B is not on the curve";
    if (!proof.c.is_on_curve()) return "proof point C is not on the curve";
    if (!proof.a.is_in_subgroup()) return "proof point A is not in the prime-order subgroup";
    if (!proof.b.is_in_subgroup()) return "proof point B is not in the prime-order subgroup";
    if (!proof.c.is_in_subgroup()) return "proof point C is not in the prime-order subgroup";
  }
  return {};
}

template <class E>
VerifyResult verify(const PreparedVerifyingKey<E>& pvk, const Proof<E>& proof,
                    std::span<const typename E::Fr> public_inputs, PointCheck check) {
  using Ops = PairingOps<E>;
  VerifyResult r;
  r.error = precheck_proof(pvk, proof, public_inputs.size(), check);
  if (!r.error.empty()) return r;
  const auto b = Ops::prepare(proof.b);
  const std::array<typename E::G1Affine, 3> ps{proof.a,
                                               accumulate_inputs(pvk.vk, public_inputs).to_affine(),
                                               proof.c};
  const std::array<const typename Ops::G2Prepared*, 3> qs{&b, &pvk.neg_gamma, &pvk.neg_delta};
  r.valid = Ops::final_exponentiation(Ops::multi_miller_loop(ps, qs)) == pvk.alpha_beta;
  if (!r.valid) r.error = "pairing check failed";
  return r;
}

#define SUPERVM_INSTANTIATE(E)                                                                 \
  template PreparedVerifyingKey<E> prepare_verifying_key(const VerifyingKey<E>&);             \
  template E::G1 accumulate_inputs(const VerifyingKey<E>&, std::span<const E::Fr>);           \
  template std::string precheck_proof(const PreparedVerifyingKey<E>&, const Proof<E>&, size_t, \
                                      PointCheck);                                            \
  template VerifyResult verify(const PreparedVerifyingKey<E>&, const Proof<E>&,               \
                               std::span<const E::Fr>, PointCheck);
SUPERVM_INSTANTIATE(Bls12_381Engine)
SUPERVM_INSTANTIATE(Bn254Engine)
#undef SUPERVM_INSTANTIATE

}  // namespace supervm::zk
