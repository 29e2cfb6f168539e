// Pairing operations of a curve engine (zk/groth16/engine.h), kept apart from the key and proof
// types so that code that only handles keys (file formats) does not pull in the pairing.
//   PairingOps<E>::GT, G2Prepared, prepare(q), multi_miller_loop(ps, qs), final_exponentiation(f)
// and, for verifying keys, FixedLines (normalized line coefficients, zk/groth16/fixed_lines.h):
//   fix(prepared), mixed_miller_loop(var_ps, var_qs, fix_ps, fix_qs)
#pragma once

#include <span>

#include "algebra/bls12_381/pairing.h"
#include "algebra/bls12_381/pairing_params.h"
#include "algebra/bn254/pairing.h"
#include "algebra/bn254/pairing_params.h"
#include "zk/groth16/engine.h"
#include "zk/groth16/fixed_lines.h"

namespace supervm::zk {

template <class E>
struct PairingOps;

namespace detail {
// Both curves expose the same free functions in their namespaces; this forwards to them.
template <class E, class Params, class Prepared, auto Prepare, auto MultiMiller, auto FinalExp>
struct PairingOpsImpl {
  using GT = typename Params::Fp12;
  using G2Prepared = Prepared;
  using Fixed = FixedLines<Params>;
  static G2Prepared prepare(const typename E::G2Affine& q) { return Prepare(q); }
  static GT multi_miller_loop(std::span<const typename E::G1Affine> ps,
                              std::span<const G2Prepared* const> qs) {
    return MultiMiller(ps, qs);
  }
  static GT final_exponentiation(const GT& f) { return FinalExp(f); }
  static Fixed fix(const G2Prepared& q) { return make_fixed_lines<Params>(q); }
  // Equal to multi_miller_loop over all pairs up to a factor in Fp2 (see fixed_lines.h): only
  // its final exponentiation is meaningful.
  static GT mixed_miller_loop(std::span<const typename E::G1Affine> var_ps,
                              std::span<const G2Prepared* const> var_qs,
                              std::span<const typename E::G1Affine> fix_ps,
                              std::span<const Fixed* const> fix_qs) {
    return zk::mixed_miller_loop<Params>(var_ps, var_qs, fix_ps, fix_qs);
  }
};
}  // namespace detail

template <>
struct PairingOps<Bls12_381Engine>
    : detail::PairingOpsImpl<Bls12_381Engine, algebra::bls12_381::PairingParams,
                             algebra::bls12_381::G2Prepared, &algebra::bls12_381::prepare,
                             &algebra::bls12_381::multi_miller_loop,
                             &algebra::bls12_381::final_exponentiation> {};

template <>
struct PairingOps<Bn254Engine>
    : detail::PairingOpsImpl<Bn254Engine, algebra::bn254::PairingParams, algebra::bn254::G2Prepared,
                             &algebra::bn254::prepare, &algebra::bn254::multi_miller_loop,
                             &algebra::bn254::final_exponentiation> {};

}  // namespace supervm::zk
