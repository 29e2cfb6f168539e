// Field-element and point encodings shared by the file readers, with errors that name the
// file and the field. Three encodings occur:
//  * canonical decimal strings (snarkjs JSON): digits only, no sign, no leading zeros, < p;
//  * canonical little-endian bytes (circom .r1cs/.wtns coefficients and witness values);
//  * little-endian Montgomery form (snarkjs .zkey points: ffjavascript toRprLEM; also supervm
//    proving keys). Our Fp keeps a*R mod p with R = 2^(64*limbs), and ffjavascript uses
//    R = 2^(8*n8) with the same n8 = 8*limbs (32 bytes BN254 Fp/Fr and BLS12-381 Fr, 48 bytes
//    BLS12-381 Fp), so the raw limbs ARE our Montgomery limbs once checked to be < p.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "util/error.h"

namespace supervm::zk::formats {

// Why a decimal string is rejected, or nullopt when it is a canonical decimal spelling
// (the range check against p is separate).
std::optional<std::string> decimal_syntax_error(std::string_view s);

// Parses a canonical decimal string below the field modulus or throws
// "<where>: <field>: <reason>".
template <class F>
F parse_decimal_field(std::string_view s, const std::string& where, const std::string& field,
                      const char* modulus_name) {
  if (auto e = decimal_syntax_error(s)) throw_input_error(where, field, *e);
  auto v = F::from_decimal(s);
  if (!v)
    throw_input_error(where, field,
                      std::string("not a canonical decimal below ") + modulus_name +
                          " (value >= " + modulus_name + ")");
  return *v;
}

// Little-endian limbs from exactly 8*F::kLimbs bytes.
template <class F>
typename F::Limbs limbs_le(std::span<const uint8_t> b) {
  typename F::Limbs c{};
  for (size_t i = 0; i < 8 * F::kLimbs; ++i) c[i / 8] |= uint64_t(b[i]) << (8 * (i % 8));
  return c;
}

template <class F>
void put_limbs_le(const typename F::Limbs& c, uint8_t* out) {
  for (size_t i = 0; i < 8 * F::kLimbs; ++i) out[i] = uint8_t(c[i / 8] >> (8 * (i % 8)));
}

template <class F>
bool limbs_below_modulus(const typename F::Limbs& c) {
  for (size_t i = F::kLimbs; i-- > 0;) {
    if (c[i] != F::kModulus[i]) return c[i] < F::kModulus[i];
  }
  return false;
}

// Canonical little-endian value (8*kLimbs bytes) < p.
template <class F>
std::optional<F> field_from_le(std::span<const uint8_t> b) {
  auto c = limbs_le<F>(b);
  if (!limbs_below_modulus<F>(c)) return std::nullopt;
  return F::from_canonical_unchecked(c);
}

// Little-endian Montgomery form (8*kLimbs bytes) < p.
template <class F>
std::optional<F> field_from_mont_le(std::span<const uint8_t> b) {
  auto c = limbs_le<F>(b);
  if (!limbs_below_modulus<F>(c)) return std::nullopt;
  return F::from_mont(c);
}

template <class F>
void field_to_le(const F& x, uint8_t* out) {
  put_limbs_le<F>(x.to_canonical(), out);
}

template <class F>
void field_to_mont_le(const F& x, uint8_t* out) {
  put_limbs_le<F>(x.mont, out);
}

}  // namespace supervm::zk::formats
