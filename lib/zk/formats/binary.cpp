#include "zk/formats/binary.h"

#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#include <atomic>
#include <bit>
#include <cstring>
#include <exception>
#include <optional>

#include "algebra/bls12_381/serialize.h"
#include "algebra/bn254/serialize.h"
#include "util/envelope.h"
#include "util/error.h"
#include "util/file.h"
#include "zk/formats/byte_reader.h"
#include "zk/formats/point_codec.h"
#include "zk/groth16/prover.h"

namespace supervm::zk::formats {
namespace {

// ---- compressed points (proofs, verifying keys) ---------------------------------------------

template <class E>
struct Compressed;

template <>
struct Compressed<Bn254Engine> {
  static constexpr size_t kG1 = algebra::bn254::kG1CompressedBytes;
  static constexpr size_t kG2 = algebra::bn254::kG2CompressedBytes;
  static auto g1(const Bn254Engine::G1Affine& p) { return algebra::bn254::g1_encode_compressed(p); }
  static auto g2(const Bn254Engine::G2Affine& p) { return algebra::bn254::g2_encode_compressed(p); }
  static auto dg1(std::span<const uint8_t> b) { return algebra::bn254::g1_decode_compressed(b); }
  static auto dg2(std::span<const uint8_t> b) { return algebra::bn254::g2_decode_compressed(b); }
};

template <>
struct Compressed<Bls12_381Engine> {
  static constexpr size_t kG1 = algebra::bls12_381::kG1CompressedBytes;
  static constexpr size_t kG2 = algebra::bls12_381::kG2CompressedBytes;
  static auto g1(const Bls12_381Engine::G1Affine& p) {
    return algebra::bls12_381::g1_encode_compressed(p);
  }
  static auto g2(const Bls12_381Engine::G2Affine& p) {
    return algebra::bls12_381::g2_encode_compressed(p);
  }
  static auto dg1(std::span<const uint8_t> b) {
    return algebra::bls12_381::g1_decode_compressed(b);
  }
  static auto dg2(std::span<const uint8_t> b) {
    return algebra::bls12_381::g2_decode_compressed(b);
  }
};

template <class E>
typename E::G1Affine read_g1c(ByteReader& r, const std::string& field) {
  auto d = Compressed<E>::dg1(r.bytes(Compressed<E>::kG1, field));
  if (!d.ok()) r.fail(field, d.message());
  return d.point;
}

template <class E>
typename E::G2Affine read_g2c(ByteReader& r, const std::string& field) {
  auto d = Compressed<E>::dg2(r.bytes(Compressed<E>::kG2, field));
  if (!d.ok()) r.fail(field, d.message());
  return d.point;
}

// ---- little writers -------------------------------------------------------------------------

struct Writer {
  std::vector<uint8_t> out;
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
  }
  void u64(uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(uint8_t(v >> (8 * i)));
  }
  template <size_t N>
  void bytes(const std::array<uint8_t, N>& b) {
    out.insert(out.end(), b.begin(), b.end());
  }
  template <class Affine>
  void mont_point(const Affine& p) {
    size_t at = out.size();
    out.resize(at + mont_point_bytes<Affine>());
    encode_mont_point(p, out.data() + at);
  }
  template <class Affine>
  void mont_points(const std::vector<Affine>& v) {
    size_t at = out.size();
    constexpr size_t sz = mont_point_bytes<Affine>();
    out.resize(at + v.size() * sz);
    for (size_t i = 0; i < v.size(); ++i) encode_mont_point(v[i], out.data() + at + i * sz);
  }
};

uint32_t checked_u32(size_t v, const char* what) {
  if (v > UINT32_MAX)
    throw Error(ExitCode::kInternal, std::string(what) + " does not fit in 32 bits");
  return uint32_t(v);
}

template <class E>
util::EnvelopeHeader header(FileKind kind) {
  util::EnvelopeHeader h;
  h.version = kFormatVersion;
  h.kind = uint8_t(kind);
  h.curve = uint8_t(E::kCurve);
  return h;
}

// Checks kind and curve with readable messages.
template <class E>
void check_kind_and_curve(std::span<const uint8_t> file, FileKind kind, const std::string& where) {
  util::EnvelopeHeader h = util::peek_envelope(file, where);
  if (h.kind != uint8_t(kind))
    throw_input_error(
        where, "kind",
        "file holds a " + file_kind_name(h.kind) + ", expected a " + file_kind_name(uint8_t(kind)));
  if (h.curve != uint8_t(E::kCurve)) {
    std::string got = h.curve == uint8_t(algebra::CurveId::kBn254) ? "bn254"
                      : h.curve == uint8_t(algebra::CurveId::kBls12_381)
                          ? "bls12-381"
                          : "id " + std::to_string(h.curve);
    throw_input_error(where, "curve", "file is for curve " + got + ", expected " + E::kName);
  }
}

// Checks kind and curve, then the envelope (version, length, checksum).
template <class E>
std::span<const uint8_t> open(std::span<const uint8_t> file, FileKind kind,
                              const std::string& where) {
  check_kind_and_curve<E>(file, kind, where);
  return util::open_envelope(file, header<E>(kind), where);
}

// Runs decode(payload) while another thread checks the envelope (the checksum is one sequential
// BLAKE2b pass over the whole file, as long as the decoding of a large proving key). The
// envelope's error wins over the decoder's: a corrupt file explains any decoding failure.
// decode must be safe on arbitrary bytes (it is: every reader checks lengths before use).
template <class E, class Decode>
auto open_and_decode_concurrently(std::span<const uint8_t> file, FileKind kind,
                                  const std::string& where, Decode decode) {
  check_kind_and_curve<E>(file, kind, where);  // also: long enough for header and checksum
  const auto payload =
      file.subspan(util::kEnvelopeHeaderSize,
                   file.size() - util::kEnvelopeHeaderSize - util::kEnvelopeChecksumSize);
  std::exception_ptr envelope_error, decode_error;
  tbb::task_group checker;
  checker.run([&] {
    try {
      util::open_envelope(file, header<E>(kind), where);
    } catch (...) {
      envelope_error = std::current_exception();
    }
  });
  std::optional<decltype(decode(payload))> result;
  try {
    result.emplace(decode(payload));
  } catch (...) {
    decode_error = std::current_exception();
  }
  checker.wait();
  if (envelope_error) std::rethrow_exception(envelope_error);
  if (decode_error) std::rethrow_exception(decode_error);
  return std::move(*result);
}

// Decodes `count` Montgomery points from `r`, checking them in parallel (the proving key's
// vectors hold tens of thousands of points; on-curve checks dominate the load time).
template <class Affine>
void read_mont_points(ByteReader& r, uint64_t count, PointCheck check, const std::string& name,
                      std::vector<Affine>& out) {
  constexpr size_t sz = mont_point_bytes<Affine>();
  r.require_items(count, sz, name);
  auto data = r.bytes(size_t(count) * sz, name);
  out.resize(count);
  const std::string& where = r.where();
  tbb::parallel_for(tbb::blocked_range<size_t>(0, count, 1024), [&](const auto& range) {
    for (size_t i = range.begin(); i != range.end(); ++i) {
      if (const char* err = try_decode_mont_point(data.subspan(i * sz, sz), check, out[i]))
        throw_input_error(where, name + "[" + std::to_string(i) + "]", err);
    }
  });
}

template <class Fr>
void write_rows(Writer& w, const std::vector<QapEntry<Fr>>& rows) {
  for (const auto& e : rows) {
    w.u32(e.row);
    w.u32(e.var);
    size_t at = w.out.size();
    w.out.resize(at + 8 * Fr::kLimbs);
    field_to_mont_le(e.value, w.out.data() + at);
  }
}

// Decodes the QAP entries in parallel chunks; the error (if any) names the first bad entry, as
// a sequential reader would.
template <class Fr>
void read_rows(ByteReader& r, uint64_t count, uint64_t row_limit, uint64_t var_limit,
               const std::string& name, std::vector<QapEntry<Fr>>& out) {
  constexpr size_t n8 = 8 * Fr::kLimbs;
  r.require_items(count, 8 + n8, name);
  // require_items() above guarantees the bytes; field names are only built for errors.
  auto data = r.bytes(size_t(count) * (8 + n8), name);
  auto u32_at = [&](size_t at) {
    return uint32_t(data[at]) | uint32_t(data[at + 1]) << 8 | uint32_t(data[at + 2]) << 16 |
           uint32_t(data[at + 3]) << 24;
  };
  // Returns false if entry i is bad (then `out[i]` is unspecified).
  auto decode = [&](size_t i, QapEntry<Fr>& e) {
    size_t at = i * (8 + n8);
    e.row = u32_at(at);
    e.var = u32_at(at + 4);
    auto v = field_from_mont_le<Fr>(data.subspan(at + 8, n8));
    if (!v || e.row >= row_limit || e.var >= var_limit) return false;
    e.value = *v;
    return true;
  };
  out.resize(count);
  std::atomic<uint64_t> first_bad{count};
  tbb::parallel_for(tbb::blocked_range<size_t>(0, count, 4096), [&](const auto& range) {
    for (size_t i = range.begin(); i != range.end(); ++i) {
      if (decode(i, out[i])) continue;
      uint64_t cur = first_bad.load();
      while (i < cur && !first_bad.compare_exchange_weak(cur, i)) {
      }
      return;
    }
  });
  if (first_bad.load() == count) return;
  const uint64_t i = first_bad.load();
  const QapEntry<Fr>& e = out[i];
  auto f = [&](const char* leaf) { return name + "[" + std::to_string(i) + "]." + leaf; };
  if (e.row >= row_limit) r.fail(f("row"), "row " + std::to_string(e.row) + " out of range");
  if (e.var >= var_limit) r.fail(f("var"), "variable " + std::to_string(e.var) + " out of range");
  r.fail(f("value"), "coefficient is not canonical (>= r)");
}

}  // namespace

std::string file_kind_name(uint8_t kind) {
  switch (FileKind(kind)) {
    case FileKind::kProvingKey:
      return "proving key";
    case FileKind::kVerifyingKey:
      return "verifying key";
    case FileKind::kProof:
      return "proof";
    case FileKind::kWitness:
      return "witness";
  }
  return "file of kind " + std::to_string(kind);
}

BinaryInfo peek_binary(std::span<const uint8_t> file, const std::string& where) {
  util::EnvelopeHeader h = util::peek_envelope(file, where);
  if (h.kind < 1 || h.kind > 4)
    throw_input_error(where, "kind", "unknown " + file_kind_name(h.kind));
  if (h.curve != uint8_t(algebra::CurveId::kBn254) &&
      h.curve != uint8_t(algebra::CurveId::kBls12_381))
    throw_input_error(where, "curve", "unknown curve id " + std::to_string(h.curve));
  return {FileKind(h.kind), algebra::CurveId(h.curve)};
}

// ---- proof: A (G1) || B (G2) || C (G1), compressed -------------------------------------------

template <class E>
std::vector<uint8_t> write_proof_bin(const Proof<E>& proof) {
  Writer w;
  w.bytes(Compressed<E>::g1(proof.a));
  w.bytes(Compressed<E>::g2(proof.b));
  w.bytes(Compressed<E>::g1(proof.c));
  return util::seal_envelope(header<E>(FileKind::kProof), w.out);
}

template <class E>
Proof<E> read_proof_bin(std::span<const uint8_t> file, const std::string& where) {
  ByteReader r(open<E>(file, FileKind::kProof, where), where);
  Proof<E> p;
  p.a = read_g1c<E>(r, "A");
  p.b = read_g2c<E>(r, "B");
  p.c = read_g1c<E>(r, "C");
  r.expect_end("payload");
  return p;
}

// ---- verifying key: nPublic u32, alpha, beta, gamma, delta, IC[nPublic + 1], compressed ------

template <class E>
std::vector<uint8_t> write_vk_bin(const VerifyingKey<E>& vk) {
  Writer w;
  w.u32(checked_u32(vk.num_public(), "nPublic"));
  w.bytes(Compressed<E>::g1(vk.alpha_g1));
  w.bytes(Compressed<E>::g2(vk.beta_g2));
  w.bytes(Compressed<E>::g2(vk.gamma_g2));
  w.bytes(Compressed<E>::g2(vk.delta_g2));
  for (const auto& p : vk.ic) w.bytes(Compressed<E>::g1(p));
  return util::seal_envelope(header<E>(FileKind::kVerifyingKey), w.out);
}

template <class E>
VerifyingKey<E> read_vk_bin(std::span<const uint8_t> file, const std::string& where) {
  ByteReader r(open<E>(file, FileKind::kVerifyingKey, where), where);
  uint32_t n = r.u32("nPublic");
  VerifyingKey<E> vk;
  vk.alpha_g1 = read_g1c<E>(r, "alpha_1");
  vk.beta_g2 = read_g2c<E>(r, "beta_2");
  vk.gamma_g2 = read_g2c<E>(r, "gamma_2");
  vk.delta_g2 = read_g2c<E>(r, "delta_2");
  r.require_items(uint64_t(n) + 1, Compressed<E>::kG1, "nPublic");
  vk.ic.reserve(uint64_t(n) + 1);
  for (uint64_t i = 0; i <= n; ++i)
    vk.ic.push_back(read_g1c<E>(r, "IC[" + std::to_string(i) + "]"));
  r.expect_end("payload");
  return vk;
}

// ---- proving key -----------------------------------------------------------------------------
// Header (64 bytes): u32 num_variables, num_public, domain_size, flags (bit 0: C matrix
// present); u64 num_constraints, |a_rows|, |b_rows|, |c_rows|; 16 zero bytes.
// Then Montgomery points: alpha_1, beta_1, delta_1 (G1), beta_2, gamma_2, delta_2 (G2),
// IC[num_public + 1], A[nv], B1[nv], B2[nv] (G2), C[nv - num_public - 1], H[domain_size];
// then the QAP entries {u32 row, u32 var, Fr in Montgomery form} of A, B and (if present) C.

template <class E>
std::vector<uint8_t> write_pk_bin(const ProvingKey<E>& pk) {
  if (auto err = check_proving_key(pk); !err.empty())
    throw Error(ExitCode::kInternal, "refusing to write an inconsistent proving key: " + err);
  Writer w;
  w.u32(checked_u32(pk.num_variables, "num_variables"));
  w.u32(checked_u32(pk.num_public, "num_public"));
  w.u32(checked_u32(pk.domain_size, "domain_size"));
  w.u32(pk.c_rows ? 1 : 0);
  w.u64(pk.num_constraints);
  w.u64(pk.a_rows.size());
  w.u64(pk.b_rows.size());
  w.u64(pk.c_rows ? pk.c_rows->size() : 0);
  w.u64(0);
  w.u64(0);
  w.mont_point(pk.vk.alpha_g1);
  w.mont_point(pk.beta_g1);
  w.mont_point(pk.delta_g1);
  w.mont_point(pk.vk.beta_g2);
  w.mont_point(pk.vk.gamma_g2);
  w.mont_point(pk.vk.delta_g2);
  w.mont_points(pk.vk.ic);
  w.mont_points(pk.a_query);
  w.mont_points(pk.b_g1_query);
  w.mont_points(pk.b_g2_query);
  w.mont_points(pk.l_query);
  w.mont_points(pk.h_query);
  write_rows(w, pk.a_rows);
  write_rows(w, pk.b_rows);
  if (pk.c_rows) write_rows(w, *pk.c_rows);
  return util::seal_envelope(header<E>(FileKind::kProvingKey), w.out);
}

namespace {

// The proving key's payload. Points: on-curve checks only for the query vectors (see binary.h
// for why that is enough), all in parallel.
template <class E>
ProvingKey<E> decode_pk_payload(std::span<const uint8_t> payload, const std::string& where) {
  using G1A = typename E::G1Affine;
  using G2A = typename E::G2Affine;
  using Fr = typename E::Fr;
  ByteReader r(payload, where);
  ProvingKey<E> pk;
  uint32_t nv = r.u32("num_variables");
  uint32_t np = r.u32("num_public");
  uint32_t domain = r.u32("domain_size");
  uint32_t flags = r.u32("flags");
  uint64_t m = r.u64("num_constraints");
  uint64_t na = r.u64("a_rows.count"), nb = r.u64("b_rows.count"), nc = r.u64("c_rows.count");
  r.bytes(16, "reserved");
  if (uint64_t(np) + 1 > nv) r.fail("num_public", "num_public + 1 exceeds num_variables");
  if (domain == 0 || (domain & (domain - 1)) != 0)
    r.fail("domain_size", std::to_string(domain) + " is not a power of two");
  if (flags > 1) r.fail("flags", "unknown flag bits");
  if (!(flags & 1) && nc != 0) r.fail("c_rows.count", "C entries without the C-matrix flag");
  if (m > domain) r.fail("num_constraints", "more constraints than the domain size");
  pk.num_variables = nv;
  pk.num_public = np;
  pk.domain_size = domain;
  pk.num_constraints = m;
  auto one = [&](auto& out, const char* name) {
    using A = std::decay_t<decltype(out)>;
    out = decode_mont_point<A>(r.bytes(mont_point_bytes<A>(), name), PointCheck::kSubgroup, where,
                               name);
  };
  one(pk.vk.alpha_g1, "alpha_1");
  one(pk.beta_g1, "beta_1");
  one(pk.delta_g1, "delta_1");
  one(pk.vk.beta_g2, "beta_2");
  one(pk.vk.gamma_g2, "gamma_2");
  one(pk.vk.delta_g2, "delta_2");
  read_mont_points<G1A>(r, uint64_t(np) + 1, PointCheck::kSubgroup, "IC", pk.vk.ic);
  read_mont_points<G1A>(r, nv, PointCheck::kOnCurve, "A", pk.a_query);
  read_mont_points<G1A>(r, nv, PointCheck::kOnCurve, "B1", pk.b_g1_query);
  read_mont_points<G2A>(r, nv, PointCheck::kOnCurve, "B2", pk.b_g2_query);
  read_mont_points<G1A>(r, uint64_t(nv) - np - 1, PointCheck::kOnCurve, "C", pk.l_query);
  read_mont_points<G1A>(r, domain, PointCheck::kOnCurve, "H", pk.h_query);
  read_rows<Fr>(r, na, domain, nv, "a_rows", pk.a_rows);
  read_rows<Fr>(r, nb, domain, nv, "b_rows", pk.b_rows);
  if (flags & 1) {
    pk.c_rows.emplace();
    read_rows<Fr>(r, nc, m, nv, "c_rows", *pk.c_rows);
  }
  r.expect_end("payload");
  if (auto err = check_proving_key(pk); !err.empty()) throw_input_error(where, "", err);
  return pk;
}

}  // namespace

template <class E>
ProvingKey<E> read_pk_bin(std::span<const uint8_t> file, const std::string& where) {
  return open_and_decode_concurrently<E>(
      file, FileKind::kProvingKey, where,
      [&](std::span<const uint8_t> payload) { return decode_pk_payload<E>(payload, where); });
}

template <class E>
ProvingKey<E> load_pk_file(const std::string& path) {
  util::MappedFile f(path);
  return read_pk_bin<E>(f.bytes(), path);
}

// ---- witness: u32 count, then count canonical little-endian Fr values -------------------------

template <class E>
std::vector<uint8_t> write_witness_bin(std::span<const typename E::Fr> witness) {
  using Fr = typename E::Fr;
  Writer w;
  w.u32(checked_u32(witness.size(), "witness length"));
  size_t at = w.out.size();
  w.out.resize(at + witness.size() * 8 * Fr::kLimbs);
  for (size_t i = 0; i < witness.size(); ++i)
    field_to_le(witness[i], w.out.data() + at + i * 8 * Fr::kLimbs);
  return util::seal_envelope(header<E>(FileKind::kWitness), w.out);
}

template <class E>
std::vector<typename E::Fr> read_witness_bin(std::span<const uint8_t> file,
                                             const std::string& where) {
  using Fr = typename E::Fr;
  constexpr size_t n8 = 8 * Fr::kLimbs;
  ByteReader r(open<E>(file, FileKind::kWitness, where), where);
  uint32_t n = r.u32("count");
  r.require_items(n, n8, "count");
  std::vector<Fr> out;
  out.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    std::string f = "witness[" + std::to_string(i) + "]";
    auto v = field_from_le<Fr>(r.bytes(n8, f));
    if (!v) r.fail(f, "value is not canonical (>= r)");
    out.push_back(*v);
  }
  r.expect_end("payload");
  return out;
}

#define SUPERVM_INSTANTIATE(E)                                                           \
  template std::vector<uint8_t> write_proof_bin<E>(const Proof<E>&);                     \
  template Proof<E> read_proof_bin<E>(std::span<const uint8_t>, const std::string&);     \
  template std::vector<uint8_t> write_vk_bin<E>(const VerifyingKey<E>&);                 \
  template VerifyingKey<E> read_vk_bin<E>(std::span<const uint8_t>, const std::string&); \
  template std::vector<uint8_t> write_pk_bin<E>(const ProvingKey<E>&);                   \
  template ProvingKey<E> read_pk_bin<E>(std::span<const uint8_t>, const std::string&);   \
  template ProvingKey<E> load_pk_file<E>(const std::string&);                            \
  template std::vector<uint8_t> write_witness_bin<E>(std::span<const E::Fr>);            \
  template std::vector<E::Fr> read_witness_bin<E>(std::span<const uint8_t>, const std::string&);
SUPERVM_INSTANTIATE(Bls12_381Engine)
SUPERVM_INSTANTIATE(Bn254Engine)
#undef SUPERVM_INSTANTIATE

}  // namespace supervm::zk::formats
