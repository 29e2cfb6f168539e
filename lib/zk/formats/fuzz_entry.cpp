#include "zk/formats/fuzz_entry.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "algebra/bls12_381/fields.h"
#include "algebra/bn254/fields.h"
#include "util/error.h"
#include "zk/formats/binary.h"
#include "zk/formats/circom_r1cs.h"
#include "zk/formats/circom_wtns.h"
#include "zk/formats/snarkjs_json.h"
#include "zk/formats/snarkjs_zkey.h"

namespace supervm::zk::formats::fuzz {
namespace {

// Runs f; true if it returned, false if it threw supervm::Error.
template <class F>
bool accepts(F&& f) {
  try {
    f();
    return true;
  } catch (const Error&) {
    return false;
  }
}

void require(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("fuzz invariant broken: ") + what);
}

std::string_view text(std::span<const uint8_t> d) {
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

template <class E>
void proof_or_public(const nlohmann::json& j) {
  if (j.is_array()) {
    auto pub = public_from_json<E>(j, j.size(), "public.json");
    auto back = public_from_json<E>(nlohmann::json::parse(json_text(public_to_json<E>(pub))),
                                    pub.size(), "written public.json");
    require(back == pub, "public.json round trip");
    return;
  }
  auto p = proof_from_json<E>(j, "proof.json");
  auto back = read_proof_json<E>(json_text(proof_to_json<E>(p)), "written proof.json");
  require(back == p, "proof.json round trip");
}

template <class E>
void vk(const nlohmann::json& j) {
  auto v = vk_from_json<E>(j, "verification_key.json");
  auto back = read_vk_json<E>(json_text(vk_to_json<E>(v)), "written verification_key.json");
  require(back.ic == v.ic && back.alpha_g1 == v.alpha_g1 && back.beta_g2 == v.beta_g2 &&
              back.gamma_g2 == v.gamma_g2 && back.delta_g2 == v.delta_g2,
          "verification_key.json round trip");
}

// Reads a binary file of the given kind; when it parses, writing it back must give the same
// bytes (every encoding we accept is canonical). The re-encoding runs outside the caller's
// `accepts`, so a failure there escapes as a bug instead of counting as a rejection.
template <class E, class Read, class Write>
bool reencodes(std::span<const uint8_t> d, Read read, Write write) {
  std::optional<decltype(read(d))> value;
  if (!accepts([&] { value.emplace(read(d)); })) return false;
  auto again = write(*value);
  require(again.size() == d.size() && std::equal(again.begin(), again.end(), d.begin()),
          "binary file re-encodes byte for byte");
  return true;
}

template <class E>
bool binary_as(std::span<const uint8_t> d, FileKind kind) {
  auto where = "fuzz.bin";
  switch (kind) {
    case FileKind::kProof:
      return reencodes<E>(
          d, [&](auto b) { return read_proof_bin<E>(b, where); },
          [](const auto& v) { return write_proof_bin<E>(v); });
    case FileKind::kVerifyingKey:
      return reencodes<E>(
          d, [&](auto b) { return read_vk_bin<E>(b, where); },
          [](const auto& v) { return write_vk_bin<E>(v); });
    case FileKind::kProvingKey:
      return reencodes<E>(
          d, [&](auto b) { return read_pk_bin<E>(b, where); },
          [](const auto& v) { return write_pk_bin<E>(v); });
    case FileKind::kWitness:
      return reencodes<E>(
          d, [&](auto b) { return read_witness_bin<E>(b, where); },
          [](const auto& v) { return write_witness_bin<E>(v); });
  }
  return false;
}

// A .zkey that parses is a consistent key: it converts to our binary format and back.
template <class E>
bool zkey_as(std::span<const uint8_t> d) {
  std::optional<ProvingKey<E>> pk;
  if (!accepts([&] { pk.emplace(read_zkey<E>(d, "fuzz.zkey")); })) return false;
  read_pk_bin<E>(write_pk_bin<E>(*pk), "written pk");
  return true;
}

}  // namespace

bool proof_json(std::span<const uint8_t> data) {
  nlohmann::json j;
  if (!accepts([&] { j = parse_json_text(text(data), "proof.json"); })) return false;
  bool a = accepts([&] { proof_or_public<Bn254Engine>(j); });
  bool b = accepts([&] { proof_or_public<Bls12_381Engine>(j); });
  return a || b;
}

bool vk_json(std::span<const uint8_t> data) {
  nlohmann::json j;
  if (!accepts([&] { j = parse_json_text(text(data), "verification_key.json"); })) return false;
  bool a = accepts([&] { vk<Bn254Engine>(j); });
  bool b = accepts([&] { vk<Bls12_381Engine>(j); });
  return a || b;
}

bool r1cs(std::span<const uint8_t> data) {
  bool a = accepts([&] { read_r1cs<algebra::bn254::Fr>(data, "fuzz.r1cs"); });
  bool b = accepts([&] { read_r1cs<algebra::bls12_381::Fr>(data, "fuzz.r1cs"); });
  bool c = accepts([&] { r1cs_curve(data, "fuzz.r1cs"); });
  require(!(a || b) || c, "a parsed .r1cs has a curve");
  return a || b;
}

bool wtns(std::span<const uint8_t> data) {
  bool a = accepts([&] {
    auto w = read_wtns<algebra::bn254::Fr>(data, "fuzz.wtns");
    auto again = write_wtns<algebra::bn254::Fr>(w);
    require(read_wtns<algebra::bn254::Fr>(again, "written") == w, "wtns round trip");
  });
  bool b = accepts([&] { read_wtns<algebra::bls12_381::Fr>(data, "fuzz.wtns"); });
  accepts([&] { wtns_curve(data, "fuzz.wtns"); });
  return a || b;
}

bool zkey(std::span<const uint8_t> data) {
  bool a = zkey_as<Bn254Engine>(data);
  bool b = zkey_as<Bls12_381Engine>(data);
  accepts([&] { zkey_curve(data, "fuzz.zkey"); });
  return a || b;
}

bool binary(std::span<const uint8_t> data) {
  BinaryInfo info;
  if (!accepts([&] { info = peek_binary(data, "fuzz.bin"); })) return false;
  if (info.curve == algebra::CurveId::kBn254) return binary_as<Bn254Engine>(data, info.kind);
  return binary_as<Bls12_381Engine>(data, info.kind);
}

}  // namespace supervm::zk::formats::fuzz
