#include "zk/formats/snarkjs_zkey.h"

#include "zk/formats/byte_reader.h"
#include "zk/formats/iden3_binfile.h"
#include "zk/formats/iden3_fields.h"
#include "zk/formats/point_codec.h"
#include "zk/groth16/prover.h"

namespace supervm::zk::formats {
namespace {

constexpr char kMagic[4] = {'z', 'k', 'e', 'y'};
constexpr uint32_t kVersion = 1;

template <class E>
std::string field_label(bool scalar) {
  return std::string(scalar ? "the scalar field r of " : "the base field q of ") + E::kName;
}

template <class Affine>
void read_points(const Iden3File& f, uint32_t type, const std::string& name, uint64_t count,
                 PointCheck check, std::vector<Affine>& out) {
  constexpr size_t sz = mont_point_bytes<Affine>();
  auto data = f.section(type, name);
  if (data.size() != count * sz)
    throw_input_error(f.where(), section_field(type, name),
                      "has " + std::to_string(data.size()) + " bytes, expected " +
                          std::to_string(count) + " points of " + std::to_string(sz) +
                          " bytes = " + std::to_string(count * sz));
  out.clear();
  out.resize(count);
  for (uint64_t i = 0; i < count; ++i) {
    if (const char* err = try_decode_mont_point(data.subspan(i * sz, sz), check, out[i]))
      throw_input_error(f.where(), name + "[" + std::to_string(i) + "]", err);
  }
}

template <class Affine>
Affine header_point(ByteReader& r, const std::string& field) {
  constexpr size_t sz = mont_point_bytes<Affine>();
  return decode_mont_point<Affine>(r.bytes(sz, field), PointCheck::kSubgroup, r.where(), field);
}

// Section 10 is not needed to prove; its structure is still checked so a damaged file does
// not pass unnoticed.
template <class E>
void check_contributions(std::span<const uint8_t> data, const std::string& where) {
  constexpr size_t g1 = mont_point_bytes<typename E::G1Affine>();
  constexpr size_t g2 = mont_point_bytes<typename E::G2Affine>();
  ByteReader r(data, where);
  r.bytes(64, "contributions.csHash");
  uint32_t n = r.u32("contributions.count");
  r.require_items(n, 3 * g1 + g2 + 64 + 8, "contributions.count");
  for (uint32_t i = 0; i < n; ++i) {
    std::string f = "contributions[" + std::to_string(i) + "]";
    r.bytes(3 * g1 + g2 + 64, f);
    r.u32(f + ".type");
    uint32_t len = r.u32(f + ".paramLength");
    r.bytes(len, f + ".params");
  }
  r.expect_end(section_field(10, "contributions"));
}

}  // namespace

algebra::CurveId zkey_curve(std::span<const uint8_t> file, const std::string& where) {
  Iden3File f(file, kMagic, kVersion, where);
  ByteReader r(f.section(2, "groth16 header"), where);
  return read_prime_curve(r, /*scalar=*/false, "header.n8q", "header.q");
}

template <class E>
ProvingKey<E> read_zkey(std::span<const uint8_t> file, const std::string& where,
                        const ZkeyReadOptions& options) {
  using Fr = typename E::Fr;
  using G1A = typename E::G1Affine;
  using G2A = typename E::G2Affine;
  Iden3File f(file, kMagic, kVersion, where);

  ByteReader h1(f.section(1, "header"), where);
  uint32_t protocol = h1.u32("header.protocol");
  if (protocol != 1)
    h1.fail("header.protocol", "protocol " + std::to_string(protocol) +
                                   " is not Groth16 (1); PLONK/FFLONK keys are not supported");
  h1.expect_end(section_field(1, "header"));

  ProvingKey<E> pk;
  ByteReader h(f.section(2, "groth16 header"), where);
  expect_prime<typename E::Fq>(h, "header.n8q", "header.q", field_label<E>(false));
  expect_prime<Fr>(h, "header.n8r", "header.r", field_label<E>(true));
  uint32_t n_vars = h.u32("header.nVars");
  uint32_t n_public = h.u32("header.nPublic");
  uint32_t domain = h.u32("header.domainSize");
  if (uint64_t(n_public) + 1 > n_vars)
    h.fail("header.nPublic", "nPublic + 1 = " + std::to_string(uint64_t(n_public) + 1) +
                                 " exceeds nVars = " + std::to_string(n_vars));
  if (domain == 0 || (domain & (domain - 1)) != 0)
    h.fail("header.domainSize", "domain size " + std::to_string(domain) + " is not a power of two");
  if (unsigned{Fr::kTwoAdicity} < 32 && domain > (uint64_t(1) << Fr::kTwoAdicity))
    h.fail("header.domainSize",
           "domain size " + std::to_string(domain) + " exceeds the 2-adic subgroup of Fr");
  if (domain < uint64_t(n_public) + 1)
    h.fail("header.domainSize",
           "domain size " + std::to_string(domain) + " is smaller than nPublic + 1 input rows");
  pk.num_variables = n_vars;
  pk.num_public = n_public;
  pk.domain_size = domain;
  pk.vk.alpha_g1 = header_point<G1A>(h, "header.alpha_1");
  pk.beta_g1 = header_point<G1A>(h, "header.beta_1");
  pk.vk.beta_g2 = header_point<G2A>(h, "header.beta_2");
  pk.vk.gamma_g2 = header_point<G2A>(h, "header.gamma_2");
  pk.delta_g1 = header_point<G1A>(h, "header.delta_1");
  pk.vk.delta_g2 = header_point<G2A>(h, "header.delta_2");
  h.expect_end(section_field(2, "groth16 header"));

  read_points<G1A>(f, 3, "IC", uint64_t(n_public) + 1, PointCheck::kSubgroup, pk.vk.ic);

  // Coefficients: value * R^2 mod r. from_mont(raw) is value * R; multiplying by the element
  // whose Montgomery limbs are 1 (that is R^-1) leaves the value.
  {
    constexpr size_t n8 = 8 * Fr::kLimbs;
    ByteReader c(f.section(4, "coefficients"), where);
    uint32_t n = c.u32("coefficients.count");
    if (uint64_t(n) * (12 + n8) != c.remaining())
      c.fail("coefficients.count", "count " + std::to_string(n) + " needs " +
                                       std::to_string(uint64_t(n) * (12 + n8)) +
                                       " bytes, the section has " + std::to_string(c.remaining()));
    typename Fr::Limbs one_limb{};
    one_limb[0] = 1;
    const Fr r_inv = Fr::from_mont(one_limb);
    for (uint32_t i = 0; i < n; ++i) {
      std::string field = "coefficients[" + std::to_string(i) + "]";
      uint32_t matrix = c.u32(field + ".matrix");
      uint32_t row = c.u32(field + ".constraint");
      uint32_t var = c.u32(field + ".signal");
      auto raw = field_from_mont_le<Fr>(c.bytes(n8, field + ".value"));
      if (matrix > 1)
        c.fail(field + ".matrix", "matrix " + std::to_string(matrix) + " is not 0 (A) or 1 (B)");
      if (row >= domain)
        c.fail(field + ".constraint",
               "row " + std::to_string(row) + " >= domainSize " + std::to_string(domain));
      if (var >= n_vars)
        c.fail(field + ".signal",
               "signal " + std::to_string(var) + " >= nVars " + std::to_string(n_vars));
      if (!raw) c.fail(field + ".value", "coefficient is not canonical (>= r)");
      (matrix == 0 ? pk.a_rows : pk.b_rows).push_back(QapEntry<Fr>{row, var, *raw * r_inv});
    }
  }

  PointCheck q = options.check_query_subgroups ? PointCheck::kSubgroup : PointCheck::kOnCurve;
  read_points<G1A>(f, 5, "A", n_vars, q, pk.a_query);
  read_points<G1A>(f, 6, "B1", n_vars, q, pk.b_g1_query);
  read_points<G2A>(f, 7, "B2", n_vars, q, pk.b_g2_query);
  read_points<G1A>(f, 8, "C", uint64_t(n_vars) - n_public - 1, q, pk.l_query);
  read_points<G1A>(f, 9, "H", domain, q, pk.h_query);
  check_contributions<E>(f.section(10, "contributions"), where);
  pk.num_constraints = 0;  // a .zkey does not record the R1CS size
  if (auto err = check_proving_key(pk); !err.empty()) throw_input_error(where, "", err);
  return pk;
}

template ProvingKey<Bls12_381Engine> read_zkey(std::span<const uint8_t>, const std::string&,
                                               const ZkeyReadOptions&);
template ProvingKey<Bn254Engine> read_zkey(std::span<const uint8_t>, const std::string&,
                                           const ZkeyReadOptions&);

}  // namespace supervm::zk::formats
