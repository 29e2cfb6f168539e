#include "zk/groth16/verifier.h"

#include <array>

#include "util/error.h"
#include "zk/groth16/multiexp.h"

namespace supervm::zk {

namespace {
constexpr unsigned kTableWindow = 7;
}  // namespace

template <class E>
typename E::G1 PreparedVerifyingKey<E>::ic_combination(std::span<const typename E::Fr> s) const {
  using G1 = typename E::G1;
  if (ic_tables.size() == s.size()) {
    G1 acc;
    for (size_t j = 0; j < s.size(); ++j)
      if (!s[j].is_zero()) acc += ic_tables[j].mul(s[j]);
    return acc;
  }
  return multiexp<G1>(std::span<const typename E::G1Affine>(vk.ic), s);
}

template <class E>
typename E::G1 PreparedVerifyingKey<E>::neg_alpha_times(const typename E::Fr& k) const {
  if (!neg_alpha_table.empty()) return neg_alpha_table[0].mul(k);
  return typename E::G1(neg_alpha) * k;
}

template <class E>
PreparedVerifyingKey<E> prepare_verifying_key(const VerifyingKey<E>& vk, InputTables tables) {
  using Ops = PairingOps<E>;
  if (vk.ic.empty())
    throw Error(ExitCode::kUsage, "verifying key has no IC points (needs num_public + 1)");
  PreparedVerifyingKey<E> p;
  p.vk = vk;
  const std::array<typename E::G1Affine, 1> a{vk.alpha_g1};
  const auto beta = Ops::prepare(vk.beta_g2);
  const std::array<const typename Ops::G2Prepared*, 1> b{&beta};
  p.alpha_beta = Ops::final_exponentiation(Ops::multi_miller_loop(a, b));
  p.neg_gamma = Ops::fix(Ops::prepare(-vk.gamma_g2));
  p.neg_delta = Ops::fix(Ops::prepare(-vk.delta_g2));
  p.beta = Ops::fix(beta);
  p.neg_alpha = -vk.alpha_g1;
  if (tables == InputTables::kBuild && vk.ic.size() <= kMaxTabledInputs + 1) {
    using G1 = typename E::G1;
    constexpr unsigned bits = E::Fr::kModulusBits;
    p.ic_tables.reserve(vk.ic.size());
    for (const auto& q : vk.ic) p.ic_tables.emplace_back(G1(q), bits, kTableWindow);
    p.neg_alpha_table.emplace_back(G1(p.neg_alpha), bits, kTableWindow);
  }
  return p;
}

template <class E>
typename E::G1 accumulate_inputs(const VerifyingKey<E>& vk, std::span<const typename E::Fr> x) {
  typename E::G1 acc(vk.ic[0]);
  acc += multiexp<typename E::G1>(std::span(vk.ic).subspan(1), x);
  return acc;
}

// ic_0 + sum_j x_j ic_j through the prepared key's tables when it has them.
template <class E>
typename E::G1 accumulate_inputs(const PreparedVerifyingKey<E>& pvk,
                                 std::span<const typename E::Fr> x) {
  if (pvk.ic_tables.empty()) return accumulate_inputs(pvk.vk, x);
  typename E::G1 acc(pvk.vk.ic[0]);
  for (size_t j = 0; j < x.size(); ++j)
    if (!x[j].is_zero()) acc += pvk.ic_tables[j + 1].mul(x[j]);
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
  const std::array<const typename Ops::G2Prepared*, 1> var_q{&b};
  const std::array<typename E::G1Affine, 2> fix_ps{
      accumulate_inputs(pvk, public_inputs).to_affine(), proof.c};
  const std::array<const typename Ops::Fixed*, 2> fix_qs{&pvk.neg_gamma, &pvk.neg_delta};
  const auto f = Ops::mixed_miller_loop(std::span(&proof.a, 1), var_q, fix_ps, fix_qs);
  r.valid = Ops::final_exponentiation(f) == pvk.alpha_beta;
  if (!r.valid) r.error = "pairing check failed";
  return r;
}

#define SUPERVM_INSTANTIATE(E)                                                                 \
  template struct PreparedVerifyingKey<E>;                                                     \
  template PreparedVerifyingKey<E> prepare_verifying_key(const VerifyingKey<E>&, InputTables); \
  template E::G1 accumulate_inputs(const VerifyingKey<E>&, std::span<const E::Fr>);            \
  template std::string precheck_proof(const PreparedVerifyingKey<E>&, const Proof<E>&, size_t, \
                                      PointCheck);                                             \
  template VerifyResult verify(const PreparedVerifyingKey<E>&, const Proof<E>&,                \
                               std::span<const E::Fr>, PointCheck);
SUPERVM_INSTANTIATE(Bls12_381Engine)
SUPERVM_INSTANTIATE(Bn254Engine)
#undef SUPERVM_INSTANTIATE

}  // namespace supervm::zk
