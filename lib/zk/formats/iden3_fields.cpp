#include "zk/formats/iden3_fields.h"

#include "algebra/bls12_381/fields.h"
#include "algebra/bn254/fields.h"

namespace supervm::zk::formats {
namespace {

template <class F>
bool equals_modulus(std::span<const uint8_t> le) {
  for (size_t i = 0; i < le.size(); ++i) {
    uint8_t want = i < 8 * F::kLimbs ? uint8_t(F::kModulus[i / 8] >> (8 * (i % 8))) : 0;
    if (le[i] != want) return false;
  }
  return le.size() >= F::kBytes;
}

}  // namespace

std::optional<algebra::CurveId> curve_of_prime(std::span<const uint8_t> le, bool scalar) {
  using algebra::CurveId;
  if (scalar) {
    if (equals_modulus<algebra::bn254::Fr>(le)) return CurveId::kBn254;
    if (equals_modulus<algebra::bls12_381::Fr>(le)) return CurveId::kBls12_381;
  } else {
    if (equals_modulus<algebra::bn254::Fp>(le)) return CurveId::kBn254;
    if (equals_modulus<algebra::bls12_381::Fp>(le)) return CurveId::kBls12_381;
  }
  return std::nullopt;
}

algebra::CurveId read_prime_curve(ByteReader& r, bool scalar, const std::string& n8_field,
                                  const std::string& prime_field) {
  uint32_t n8 = r.u32(n8_field);
  if (n8 == 0 || n8 > 64 || n8 % 8 != 0)
    r.fail(n8_field, "field size " + std::to_string(n8) + " bytes is not supported");
  auto c = curve_of_prime(r.bytes(n8, prime_field), scalar);
  if (!c)
    r.fail(prime_field, std::string("prime is not the ") + (scalar ? "scalar" : "base") +
                            " field of BN254 or BLS12-381");
  return *c;
}

}  // namespace supervm::zk::formats
