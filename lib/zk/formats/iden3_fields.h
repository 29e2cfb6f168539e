// Helpers for the prime / field-size fields that circom and snarkjs files carry in their
// headers: which of our curves a prime belongs to, and checks with precise errors.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "algebra/curve_id.h"
#include "zk/formats/byte_reader.h"

namespace supervm::zk::formats {

// The curve whose scalar field r (scalar = true) or base field p has this little-endian
// encoding (any length; trailing zero bytes allowed).
std::optional<algebra::CurveId> curve_of_prime(std::span<const uint8_t> le, bool scalar);

// Reads "n8 u32, prime n8 bytes" and checks they are exactly F's (8*kLimbs bytes, modulus).
// `what` names the expected field in errors ("the scalar field r of bn254").
template <class F>
void expect_prime(ByteReader& r, const std::string& n8_field, const std::string& prime_field,
                  const std::string& what) {
  uint32_t n8 = r.u32(n8_field);
  if (n8 != 8 * F::kLimbs)
    r.fail(n8_field, "field size " + std::to_string(n8) + " bytes, expected " +
                         std::to_string(8 * F::kLimbs) + " for " + what);
  auto b = r.bytes(n8, prime_field);
  for (size_t i = 0; i < n8; ++i) {
    if (b[i] != uint8_t(F::kModulus[i / 8] >> (8 * (i % 8))))
      r.fail(prime_field, "prime is not " + what + " (file made for another curve?)");
  }
}

// Reads "n8 u32, prime n8 bytes" and names the curve (errors if it is none of ours).
algebra::CurveId read_prime_curve(ByteReader& r, bool scalar, const std::string& n8_field,
                                  const std::string& prime_field);

}  // namespace supervm::zk::formats
