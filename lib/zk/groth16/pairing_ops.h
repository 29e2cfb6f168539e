// Pairing operations of a curve engine (zk/groth16/engine.h), kept apart from the key and proof
// types so that code that only handles keys (file formats) does not pull in the pairing.
//   PairingOps<E>::GT, G2Prepared, prepare(q), multi_miller_loop(ps, qs), final_exponentiation(f)
#pragma once

#include <span>

#include "algebra/bls12_381/pairing.h"
#include "algebra/bn254/pairing.h"
#include "zk/groth16/engine.h"

namespace supervm::zk {

template <class E>
struct PairingOps;

namespace detail {
// Both curves expose the same free functions in their namespaces; this forwards to them.
template <class E, class Fp12, class Prepared, auto Prepare, auto MultiMiller, auto FinalExp>
struct PairingOpsImpl {
  using GT = Fp12;
  using G2Prepared = Prepared;
  static G2Prepared prepare(const typename E::G2Affine& q) { return Prepare(q); }
  static GT multi_miller_loop(std::span<const typename E::G1Affine> ps,
                              std::span<const G2Prepared* const> qs) {
    return MultiMiller(ps, qs);
  }
  static GT final_exponentiation(const GT& f) { return FinalExp(f); }
};
}  // namespace detail

template <>
struct PairingOps<Bls12_381Engine>
    : detail::PairingOpsImpl<Bls12_381Engine, algebra::bls12_381::Fp12,
                             algebra::bls12_381::G2Prepared, &algebra::bls12_381::prepare,
                             &algebra::bls12_381::multi_miller_loop,
                             &algebra::bls12_381::final_exponentiation> {};

template <>
struct PairingOps<Bn254Engine>
    : detail::PairingOpsImpl<Bn254Engine, algebra::bn254::Fp12, algebra::bn254::G2Prepared,
                             &algebra::bn254::prepare, &algebra::bn254::multi_miller_loop,
                             &algebra::bn254::final_exponentiation> {};

}  // namespace supervm::zk
