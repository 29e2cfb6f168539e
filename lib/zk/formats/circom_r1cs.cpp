#include "zk/formats/circom_r1cs.h"

#include "algebra/bls12_381/fields.h"
#include "algebra/bn254/fields.h"
#include "zk/formats/byte_reader.h"
#include "zk/formats/field_codec.h"
#include "zk/formats/iden3_binfile.h"
#include "zk/formats/iden3_fields.h"

namespace supervm::zk::formats {
namespace {

constexpr char kMagic[4] = {'r', '1', 'c', 's'};
constexpr uint32_t kVersion = 1;

const char* curve_label(algebra::CurveId c) {
  return c == algebra::CurveId::kBn254 ? "the scalar field r of BN254"
                                       : "the scalar field r of BLS12-381";
}

template <class Fr>
constexpr algebra::CurveId curve_of_fr() {
  if constexpr (std::is_same_v<Fr, algebra::bn254::Fr>) {
    return algebra::CurveId::kBn254;
  } else {
    return algebra::CurveId::kBls12_381;
  }
}

}  // namespace

algebra::CurveId r1cs_curve(std::span<const uint8_t> file, const std::string& where) {
  Iden3File f(file, kMagic, kVersion, where);
  ByteReader r(f.section(1, "header"), where);
  return read_prime_curve(r, /*scalar=*/true, "header.n8", "header.prime");
}

template <class Fr>
R1cs<Fr> read_r1cs(std::span<const uint8_t> file, const std::string& where) {
  Iden3File f(file, kMagic, kVersion, where);

  ByteReader h(f.section(1, "header"), where);
  expect_prime<Fr>(h, "header.n8", "header.prime", curve_label(curve_of_fr<Fr>()));
  uint32_t n_wires = h.u32("header.nWires");
  uint32_t n_pub_out = h.u32("header.nPubOut");
  uint32_t n_pub_in = h.u32("header.nPubIn");
  uint32_t n_prv_in = h.u32("header.nPrvIn");
  uint64_t n_labels = h.u64("header.nLabels");
  uint32_t m = h.u32("header.mConstraints");
  h.expect_end("header");
  uint64_t declared = 1ull + n_pub_out + n_pub_in + n_prv_in;
  if (n_wires == 0 || declared > n_wires)
    h.fail("header.nWires", "nWires = " + std::to_string(n_wires) +
                                " is less than 1 + outputs + "
                                "public inputs + private inputs = " +
                                std::to_string(declared));
  if (n_labels < n_wires)
    h.fail("header.nLabels", "nLabels = " + std::to_string(n_labels) +
                                 " is less than nWires = " + std::to_string(n_wires));

  R1cs<Fr> out;
  out.num_variables = n_wires;
  out.num_public = size_t(n_pub_out) + n_pub_in;

  constexpr size_t n8 = 8 * Fr::kLimbs;
  ByteReader c(f.section(2, "constraints"), where);
  c.require_items(m, 12, "header.mConstraints");  // each constraint has three u32 counts
  out.constraints.resize(m);
  static const char* kNames[3] = {"A", "B", "C"};
  for (uint32_t i = 0; i < m; ++i) {
    SparseRow<Fr>* rows[3] = {&out.constraints[i].a, &out.constraints[i].b, &out.constraints[i].c};
    for (int k = 0; k < 3; ++k) {
      std::string field = "constraints[" + std::to_string(i) + "]." + kNames[k];
      uint32_t n = c.u32(field + ".count");
      c.require_items(n, 4 + n8, field + ".count");
      rows[k]->reserve(n);
      for (uint32_t t = 0; t < n; ++t) {
        uint32_t wire = c.u32(field);
        if (wire >= n_wires)
          c.fail(field + "[" + std::to_string(t) + "].wire",
                 "wire " + std::to_string(wire) + " >= nWires " + std::to_string(n_wires));
        auto v = field_from_le<Fr>(c.bytes(n8, field));
        if (!v)
          c.fail(field + "[" + std::to_string(t) + "].value",
                 "coefficient is not canonical (>= r)");
        rows[k]->push_back(Term<Fr>{wire, *v});
      }
    }
  }
  c.expect_end("constraints");

  if (f.has_section(3)) {
    auto map = f.section(3, "wire-to-label map");
    if (map.size() != uint64_t(n_wires) * 8)
      throw_input_error(where, section_field(3, "wire-to-label map"),
                        "has " + std::to_string(map.size()) + " bytes, expected nWires * 8 = " +
                            std::to_string(uint64_t(n_wires) * 8));
  }
  for (uint32_t cg : {4u, 5u}) {
    if (f.has_section(cg) && !f.section(cg, "custom gates").empty())
      throw_input_error(where, section_field(cg, "custom gates"),
                        "PLONK custom gates cannot be used with Groth16");
  }
  if (auto err = out.validate()) throw_input_error(where, "", *err);
  return out;
}

template R1cs<algebra::bn254::Fr> read_r1cs(std::span<const uint8_t>, const std::string&);
template R1cs<algebra::bls12_381::Fr> read_r1cs(std::span<const uint8_t>, const std::string&);

}  // namespace supervm::zk::formats
