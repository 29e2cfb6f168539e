#include "zk/formats/circom_wtns.h"

#include <cstring>

#include "algebra/bls12_381/fields.h"
#include "algebra/bn254/fields.h"
#include "zk/formats/byte_reader.h"
#include "zk/formats/field_codec.h"
#include "zk/formats/iden3_binfile.h"
#include "zk/formats/iden3_fields.h"

namespace supervm::zk::formats {
namespace {

constexpr char kMagic[4] = {'w', 't', 'n', 's'};
constexpr uint32_t kVersion = 2;

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}
void put_u64(std::vector<uint8_t>& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

}  // namespace

algebra::CurveId wtns_curve(std::span<const uint8_t> file, const std::string& where) {
  Iden3File f(file, kMagic, kVersion, where);
  ByteReader r(f.section(1, "header"), where);
  return read_prime_curve(r, /*scalar=*/true, "header.n8", "header.prime");
}

template <class Fr>
std::vector<Fr> read_wtns(std::span<const uint8_t> file, const std::string& where) {
  Iden3File f(file, kMagic, kVersion, where);
  ByteReader h(f.section(1, "header"), where);
  const char* label = std::is_same_v<Fr, algebra::bn254::Fr> ? "the scalar field r of BN254"
                                                             : "the scalar field r of BLS12-381";
  expect_prime<Fr>(h, "header.n8", "header.prime", label);
  uint32_t n = h.u32("header.nWitness");
  h.expect_end("header");

  constexpr size_t n8 = 8 * Fr::kLimbs;
  auto data = f.section(2, "witness values");
  if (data.size() != uint64_t(n) * n8)
    throw_input_error(where, section_field(2, "witness values"),
                      "has " + std::to_string(data.size()) + " bytes, nWitness = " +
                          std::to_string(n) + " needs " + std::to_string(uint64_t(n) * n8));
  std::vector<Fr> out;
  out.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    auto v = field_from_le<Fr>(data.subspan(size_t(i) * n8, n8));
    if (!v)
      throw_input_error(where, "witness[" + std::to_string(i) + "]",
                        "value is not canonical (>= r)");
    out.push_back(*v);
  }
  return out;
}

template <class Fr>
std::vector<uint8_t> write_wtns(std::span<const Fr> witness) {
  constexpr size_t n8 = 8 * Fr::kLimbs;
  std::vector<uint8_t> out(kMagic, kMagic + 4);
  put_u32(out, kVersion);
  put_u32(out, 2);
  put_u32(out, 1);
  put_u64(out, 4 + n8 + 4);
  put_u32(out, n8);
  size_t at = out.size();
  out.resize(at + n8);
  put_limbs_le<Fr>(Fr::kModulus, out.data() + at);
  put_u32(out, uint32_t(witness.size()));
  put_u32(out, 2);
  put_u64(out, uint64_t(witness.size()) * n8);
  at = out.size();
  out.resize(at + witness.size() * n8);
  for (size_t i = 0; i < witness.size(); ++i) field_to_le(witness[i], out.data() + at + i * n8);
  return out;
}

#define SUPERVM_INSTANTIATE(Fr)                                                         \
  template std::vector<Fr> read_wtns<Fr>(std::span<const uint8_t>, const std::string&); \
  template std::vector<uint8_t> write_wtns<Fr>(std::span<const Fr>);
SUPERVM_INSTANTIATE(algebra::bn254::Fr)
SUPERVM_INSTANTIATE(algebra::bls12_381::Fr)
#undef SUPERVM_INSTANTIATE

}  // namespace supervm::zk::formats
