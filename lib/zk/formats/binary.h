// supervm's own binary Groth16 files inside the util/envelope.h envelope (magic "SVM\0",
// version, kind, curve, length, BLAKE2b-256 checksum); man 5 supervm-formats, section
// SUPERVM KEYS AND PROOFS.
//
// Proofs and verifying keys store compressed points (lib/algebra/<curve>/serialize.h:
// zkcrypto format on BLS12-381, gnark-style on BN254) and are checked fully on load (canonical,
// on the curve, in the subgroup). Proving keys store affine points uncompressed as
// little-endian Montgomery limbs (zk/formats/point_codec.h), so loading is a copy plus a cheap
// on-curve check per point: no square roots, no conversions. Their subgroup membership is
// checked for the verifying-key part only; the big query vectors were produced by our setup
// (or checked when imported from a .zkey), the checksum protects them from corruption, and a
// wrong point could only make the prover's own proofs fail verification. (A subgroup check costs
// a scalar multiplication per point, ~50x an on-curve check: it would dominate the load.) The
// on-curve checks stay as a cheap second line behind the checksum: an off-curve point in an MSM
// is the one input that could make results land on another curve. The checksum (one sequential
// BLAKE2b pass, about 40% of the work) runs concurrently with the parallel decoding.
//
// Every reader throws supervm::Error (usage class) naming the file and the field.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "algebra/curve_id.h"
#include "zk/formats/kinds.h"
#include "zk/groth16/types.h"

namespace supervm::zk::formats {

struct BinaryInfo {
  FileKind kind;
  algebra::CurveId curve;
};
// Kind and curve of a supervm binary file (header only; the checksum is checked by the readers).
BinaryInfo peek_binary(std::span<const uint8_t> file, const std::string& where);

template <class E>
std::vector<uint8_t> write_proof_bin(const Proof<E>& proof);
template <class E>
Proof<E> read_proof_bin(std::span<const uint8_t> file, const std::string& where);

template <class E>
std::vector<uint8_t> write_vk_bin(const VerifyingKey<E>& vk);
template <class E>
VerifyingKey<E> read_vk_bin(std::span<const uint8_t> file, const std::string& where);

template <class E>
std::vector<uint8_t> write_pk_bin(const ProvingKey<E>& pk);
template <class E>
ProvingKey<E> read_pk_bin(std::span<const uint8_t> file, const std::string& where);
// Memory-maps `path` and reads it (the fast path of `supervm prove --pk`).
template <class E>
ProvingKey<E> load_pk_file(const std::string& path);

template <class E>
std::vector<uint8_t> write_witness_bin(std::span<const typename E::Fr> witness);
template <class E>
std::vector<typename E::Fr> read_witness_bin(std::span<const uint8_t> file,
                                             const std::string& where);

}  // namespace supervm::zk::formats
