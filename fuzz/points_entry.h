// Fuzz entry for point decoding, shared by the libFuzzer target (fuzz_points.cpp) and the
// fixed-corpus GoogleTest (tests/algebra/serialize/fuzz_corpus_test.cpp).
//
// Every input is decoded as each of the eight formats (BLS12-381 / BN254, G1 / G2, compressed /
// uncompressed), both from the whole input and from its prefix of the format's length, with
// full validation and on-curve-only validation. A successful decode must give a point that
// passes the checks it claims and re-encodes to exactly the input bytes (all formats are
// canonical). A violation aborts, which libFuzzer reports as a crash.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>

#include "algebra/bls12_381/serialize.h"
#include "algebra/bn254/serialize.h"

namespace supervm::fuzz {

namespace detail {

inline void check(bool ok) {
  if (!ok) std::abort();
}

template <class Decode, class Encode>
void one_format(std::span<const uint8_t> in, size_t len, Decode decode, Encode encode) {
  using algebra::curve::Validation;
  std::span<const uint8_t> inputs[2] = {in, in.subspan(0, in.size() < len ? in.size() : len)};
  for (auto bytes : inputs) {
    auto full = decode(bytes, Validation::kFull);
    auto loose = decode(bytes, Validation::kOnCurveOnly);
    if (full.ok()) {
      check(loose.ok() && loose.point == full.point);
      check(full.point.is_on_curve() && full.point.is_in_subgroup());
    }
    if (loose.ok()) {
      check(bytes.size() == len);
      check(loose.point.is_on_curve());
      auto again = encode(loose.point);
      check(again.size() == bytes.size() && std::memcmp(again.data(), bytes.data(), len) == 0);
    }
  }
}

}  // namespace detail

inline int fuzz_points_one_input(const uint8_t* data, size_t size) {
  std::span<const uint8_t> in(data, size);
  namespace b = algebra::bls12_381;
  namespace n = algebra::bn254;
  using detail::one_format;
  one_format(in, b::kG1CompressedBytes, b::g1_decode_compressed, b::g1_encode_compressed);
  one_format(in, b::kG1UncompressedBytes, b::g1_decode_uncompressed, b::g1_encode_uncompressed);
  one_format(in, b::kG2CompressedBytes, b::g2_decode_compressed, b::g2_encode_compressed);
  one_format(in, b::kG2UncompressedBytes, b::g2_decode_uncompressed, b::g2_encode_uncompressed);
  one_format(in, n::kG1CompressedBytes, n::g1_decode_compressed, n::g1_encode_compressed);
  one_format(in, n::kG1UncompressedBytes, n::g1_decode_uncompressed, n::g1_encode_uncompressed);
  one_format(in, n::kG2CompressedBytes, n::g2_decode_compressed, n::g2_encode_compressed);
  one_format(in, n::kG2UncompressedBytes, n::g2_decode_uncompressed, n::g2_encode_uncompressed);
  return 0;
}

}  // namespace supervm::fuzz
