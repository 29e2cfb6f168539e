// snarkjs Groth16 JSON files: verification_key.json, proof.json, public.json (man 5
// supervm-formats, section SNARKJS JSON). Reading is strict where snarkjs is lax: numbers must
// be canonical decimal strings below the modulus, points affine with z = "1" (or the exact
// infinity encoding), on the curve and in the prime-order subgroup, and public.json must hold
// exactly nPublic signals. Every error is a supervm::Error (usage class) naming the file, the
// field and the fault, e.g. "proof.json: pi_b[1][0]: not a canonical decimal below p ...".
//
// Writing produces what snarkjs 0.7.6 writes (same key order, one-space indentation).
//
// The templates are instantiated for Bls12_381Engine and Bn254Engine in snarkjs_json.cpp.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "algebra/curve_id.h"
#include "zk/groth16/types.h"

namespace supervm::zk::formats {

// Parses JSON text; syntax errors become usage errors naming `where`.
nlohmann::json parse_json_text(std::string_view text, const std::string& where);

// The curve a snarkjs verification key (or proof) is for: its "curve" field, which must be
// "bn128" or "bls12381" (what snarkjs writes).
algebra::CurveId snarkjs_curve(const nlohmann::json& j, const std::string& where);

template <class E>
VerifyingKey<E> vk_from_json(const nlohmann::json& j, const std::string& where);
template <class E>
Proof<E> proof_from_json(const nlohmann::json& j, const std::string& where);
// `n_public` is the verifying key's nPublic: public.json must hold exactly that many signals.
template <class E>
std::vector<typename E::Fr> public_from_json(const nlohmann::json& j, size_t n_public,
                                             const std::string& where);

// Text convenience wrappers (the file's contents in, the parsed value out).
template <class E>
VerifyingKey<E> read_vk_json(std::string_view text, const std::string& where) {
  return vk_from_json<E>(parse_json_text(text, where), where);
}
template <class E>
Proof<E> read_proof_json(std::string_view text, const std::string& where) {
  return proof_from_json<E>(parse_json_text(text, where), where);
}
template <class E>
std::vector<typename E::Fr> read_public_json(std::string_view text, size_t n_public,
                                             const std::string& where) {
  return public_from_json<E>(parse_json_text(text, where), n_public, where);
}

// snarkjs-shaped JSON values. vk_to_json also writes vk_alphabeta_12 = e(alpha, beta) in the
// ffjavascript tower layout (snarkjs' verifier ignores it; Solidity exporters use it).
template <class E>
nlohmann::ordered_json vk_to_json(const VerifyingKey<E>& vk);
template <class E>
nlohmann::ordered_json proof_to_json(const Proof<E>& proof);
template <class E>
nlohmann::ordered_json public_to_json(const std::vector<typename E::Fr>& inputs);

// JSON text as snarkjs writes it (JSON.stringify(x, null, 1)) plus a final newline.
std::string json_text(const nlohmann::ordered_json& j);

}  // namespace supervm::zk::formats
