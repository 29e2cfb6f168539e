#include "zk/formats/snarkjs_json.h"

#include "algebra/bls12_381/pairing.h"
#include "algebra/bn254/pairing.h"
#include "algebra/tower/pow.h"
#include "util/error.h"
#include "zk/formats/field_codec.h"

namespace supervm::zk::formats {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

// Upper bound on nPublic accepted from a file: far above any real circuit, low enough that a
// hostile value cannot make us reserve gigabytes.
constexpr uint64_t kMaxPublic = uint64_t(1) << 24;

std::string type_name(const json& j) {
  if (j.is_number()) return "a JSON number";
  if (j.is_string()) return "a string";
  if (j.is_array()) return "an array";
  if (j.is_object()) return "an object";
  if (j.is_boolean()) return "a boolean";
  if (j.is_null()) return "null";
  return "an unexpected JSON value";
}

const json& member(const json& obj, const char* key, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end()) throw_input_error(where, key, "required field is missing");
  return *it;
}

const std::string& string_at(const json& j, const std::string& where, const std::string& field) {
  if (!j.is_string()) {
    std::string what = "expected a decimal string, got " + type_name(j);
    if (j.is_number()) what += " (numbers must be quoted: JSON numbers lose precision)";
    throw_input_error(where, field, what);
  }
  return j.get_ref<const std::string&>();
}

void expect_array(const json& j, size_t n, const std::string& where, const std::string& field,
                  const char* shape) {
  if (!j.is_array())
    throw_input_error(where, field, "expected " + std::string(shape) + ", got " + type_name(j));
  if (j.size() != n)
    throw_input_error(where, field,
                      "expected " + std::string(shape) + " with " + std::to_string(n) +
                          " elements, got " + std::to_string(j.size()));
}

template <class Fq>
Fq fq_at(const json& j, const std::string& where, const std::string& field) {
  return parse_decimal_field<Fq>(string_at(j, where, field), where, field, "p");
}

template <class Fq2>
Fq2 fq2_at(const json& j, const std::string& where, const std::string& field) {
  using Fq = typename Fq2::Base;
  expect_array(j, 2, where, field, "an Fp2 element [c0, c1]");
  return Fq2{fq_at<Fq>(j[0], where, field + "[0]"), fq_at<Fq>(j[1], where, field + "[1]")};
}

template <class Affine>
Affine check_point(const Affine& p, const std::string& where, const std::string& field) {
  if (!p.is_on_curve()) throw_input_error(where, field, "point is not on the curve");
  if (!p.is_in_subgroup())
    throw_input_error(where, field, "point is not in the prime-order subgroup");
  return p;
}

template <class E>
typename E::G1Affine g1_at(const json& j, const std::string& where, const std::string& field) {
  using Fq = typename E::Fq;
  expect_array(j, 3, where, field, "a G1 point [x, y, z]");
  Fq x = fq_at<Fq>(j[0], where, field + "[0]");
  Fq y = fq_at<Fq>(j[1], where, field + "[1]");
  Fq z = fq_at<Fq>(j[2], where, field + "[2]");
  if (z.is_one()) return check_point(typename E::G1Affine(x, y), where, field);
  if (z.is_zero() && x.is_zero() && y.is_one()) return typename E::G1Affine();
  if (z.is_zero())
    throw_input_error(
        where, field + "[2]",
        "z = 0 (the point at infinity) must be written exactly as [\"0\", \"1\", \"0\"]");
  throw_input_error(where, field + "[2]",
                    "z must be \"1\": only affine coordinates are accepted (as snarkjs writes "
                    "them), not Jacobian/projective ones");
}

template <class E>
typename E::G2Affine g2_at(const json& j, const std::string& where, const std::string& field) {
  using Fq2 = typename E::Fq2;
  expect_array(j, 3, where, field, "a G2 point [x, y, z]");
  Fq2 x = fq2_at<Fq2>(j[0], where, field + "[0]");
  Fq2 y = fq2_at<Fq2>(j[1], where, field + "[1]");
  Fq2 z = fq2_at<Fq2>(j[2], where, field + "[2]");
  if (z.is_one()) return check_point(typename E::G2Affine(x, y), where, field);
  if (z.is_zero() && x.is_zero() && y.is_one()) return typename E::G2Affine();
  if (z.is_zero())
    throw_input_error(where, field + "[2]",
                      "z = 0 (the point at infinity) must be written exactly as "
                      "[[\"0\", \"0\"], [\"1\", \"0\"], [\"0\", \"0\"]]");
  throw_input_error(where, field + "[2]",
                    "z must be [\"1\", \"0\"]: only affine coordinates are accepted (as snarkjs "
                    "writes them), not Jacobian/projective ones");
}

void expect_string_value(const json& obj, const char* key, const char* want,
                         const std::string& where, const std::string& what_if_wrong) {
  const json& v = member(obj, key, where);
  if (!v.is_string()) throw_input_error(where, key, "expected a string, got " + type_name(v));
  if (v.get_ref<const std::string&>() != want)
    throw_input_error(
        where, key,
        "is \"" + v.get_ref<const std::string&>().substr(0, 40) + "\", " + what_if_wrong);
}

void expect_object(const json& j, const std::string& where) {
  if (!j.is_object()) throw_input_error(where, "", "expected a JSON object, got " + type_name(j));
}

template <class E>
void expect_curve(const json& j, const std::string& where) {
  expect_string_value(j, "curve", E::kSnarkjsName, where,
                      std::string("expected \"") + E::kSnarkjsName +
                          "\" (the curve of the verifying key / the requested curve)");
}

template <class Fq>
ojson fq_json(const Fq& x) {
  return x.to_decimal();
}

template <class Fq2>
ojson fq2_json(const Fq2& x) {
  return ojson::array({x.c0.to_decimal(), x.c1.to_decimal()});
}

template <class E>
ojson g1_json(const typename E::G1Affine& p) {
  if (p.is_infinity()) return ojson::array({"0", "1", "0"});
  return ojson::array({p.x.to_decimal(), p.y.to_decimal(), "1"});
}

template <class E>
ojson g2_json(const typename E::G2Affine& p) {
  if (p.is_infinity())
    return ojson::array(
        {ojson::array({"0", "0"}), ojson::array({"1", "0"}), ojson::array({"0", "0"})});
  return ojson::array({fq2_json(p.x), fq2_json(p.y), ojson::array({"1", "0"})});
}

// e(alpha, beta) as ffjavascript computes it. For BLS12-381 that is the standard pairing. For
// BN254 ffjavascript's final exponentiation uses the Fuentes-Castaneda et al. hard part, whose
// result is the standard pairing raised to lambda = 2u(6u^2 + 3u + 1), u = 4965661367192848881
// (checked against snarkjs' vk_alphabeta_12 in tests/zk/formats).
template <class E>
auto alphabeta(const VerifyingKey<E>& vk) {
  if constexpr (E::kCurve == algebra::CurveId::kBn254) {
    static constexpr uint64_t kLambda[3] = {0x2e5d4e223ddedaf4, 0x1ea96b02d9d9e38d,
                                            0x3bec47df15e307c8};
    return algebra::pow_vartime(algebra::bn254::pairing(vk.alpha_g1, vk.beta_g2),
                                std::span<const uint64_t>(kLambda, 3));
  } else {
    return algebra::bls12_381::pairing(vk.alpha_g1, vk.beta_g2);
  }
}

}  // namespace

json parse_json_text(std::string_view text, const std::string& where) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    // nlohmann's message starts with "[json.exception.parse_error.101] ": keep the useful part.
    std::string what = e.what();
    auto pos = what.find("] ");
    if (pos != std::string::npos) what = what.substr(pos + 2);
    throw_input_error(where, "", "not valid JSON: " + what);
  }
}

algebra::CurveId snarkjs_curve(const json& j, const std::string& where) {
  expect_object(j, where);
  const json& v = member(j, "curve", where);
  if (!v.is_string()) throw_input_error(where, "curve", "expected a string, got " + type_name(v));
  const auto& s = v.get_ref<const std::string&>();
  if (s == Bn254Engine::kSnarkjsName) return algebra::CurveId::kBn254;
  if (s == Bls12_381Engine::kSnarkjsName) return algebra::CurveId::kBls12_381;
  throw_input_error(
      where, "curve",
      "unknown curve \"" + s.substr(0, 40) + "\" (expected \"bn128\" or \"bls12381\")");
}

template <class E>
VerifyingKey<E> vk_from_json(const json& j, const std::string& where) {
  expect_object(j, where);
  expect_string_value(j, "protocol", "groth16", where, "expected \"groth16\"");
  expect_curve<E>(j, where);
  const json& np = member(j, "nPublic", where);
  if (!np.is_number_integer() || (!np.is_number_unsigned() && np.get<int64_t>() < 0))
    throw_input_error(where, "nPublic",
                      "expected a non-negative JSON integer, got " + type_name(np));
  uint64_t n_public = np.get<uint64_t>();
  if (n_public > kMaxPublic)
    throw_input_error(where, "nPublic", "value " + std::to_string(n_public) + " is too large");

  VerifyingKey<E> vk;
  vk.alpha_g1 = g1_at<E>(member(j, "vk_alpha_1", where), where, "vk_alpha_1");
  vk.beta_g2 = g2_at<E>(member(j, "vk_beta_2", where), where, "vk_beta_2");
  vk.gamma_g2 = g2_at<E>(member(j, "vk_gamma_2", where), where, "vk_gamma_2");
  vk.delta_g2 = g2_at<E>(member(j, "vk_delta_2", where), where, "vk_delta_2");
  const json& ic = member(j, "IC", where);
  if (!ic.is_array())
    throw_input_error(where, "IC", "expected an array of G1 points, got " + type_name(ic));
  if (ic.size() != n_public + 1)
    throw_input_error(where, "IC",
                      "has " + std::to_string(ic.size()) + " points, nPublic = " +
                          std::to_string(n_public) + " needs " + std::to_string(n_public + 1));
  vk.ic.reserve(ic.size());
  for (size_t i = 0; i < ic.size(); ++i)
    vk.ic.push_back(g1_at<E>(ic[i], where, "IC[" + std::to_string(i) + "]"));

  // Optional and not used (we compute e(alpha, beta) ourselves), but when present its numbers
  // must be well formed like every other number in the file.
  if (auto it = j.find("vk_alphabeta_12"); it != j.end()) {
    expect_array(*it, 2, where, "vk_alphabeta_12", "an Fp12 element [Fp6, Fp6]");
    for (size_t a = 0; a < 2; ++a) {
      std::string fa = "vk_alphabeta_12[" + std::to_string(a) + "]";
      expect_array((*it)[a], 3, where, fa, "an Fp6 element [Fp2, Fp2, Fp2]");
      for (size_t b = 0; b < 3; ++b)
        fq2_at<typename E::Fq2>((*it)[a][b], where, fa + "[" + std::to_string(b) + "]");
    }
  }
  return vk;
}

template <class E>
Proof<E> proof_from_json(const json& j, const std::string& where) {
  expect_object(j, where);
  Proof<E> p;
  p.a = g1_at<E>(member(j, "pi_a", where), where, "pi_a");
  p.b = g2_at<E>(member(j, "pi_b", where), where, "pi_b");
  p.c = g1_at<E>(member(j, "pi_c", where), where, "pi_c");
  expect_string_value(j, "protocol", "groth16", where, "expected \"groth16\"");
  expect_curve<E>(j, where);
  return p;
}

template <class E>
std::vector<typename E::Fr> public_from_json(const json& j, size_t n_public,
                                             const std::string& where) {
  if (!j.is_array())
    throw_input_error(where, "", "expected an array of decimal strings, got " + type_name(j));
  if (j.size() != n_public)
    throw_input_error(where, "",
                      "has " + std::to_string(j.size()) +
                          " public signals, the verifying key "
                          "expects nPublic = " +
                          std::to_string(n_public));
  std::vector<typename E::Fr> out;
  out.reserve(j.size());
  for (size_t i = 0; i < j.size(); ++i) {
    std::string f = "[" + std::to_string(i) + "]";
    out.push_back(parse_decimal_field<typename E::Fr>(string_at(j[i], where, f), where, f, "r"));
  }
  return out;
}

template <class E>
ojson vk_to_json(const VerifyingKey<E>& vk) {
  ojson j;
  j["protocol"] = "groth16";
  j["curve"] = E::kSnarkjsName;
  j["nPublic"] = vk.num_public();
  j["vk_alpha_1"] = g1_json<E>(vk.alpha_g1);
  j["vk_beta_2"] = g2_json<E>(vk.beta_g2);
  j["vk_gamma_2"] = g2_json<E>(vk.gamma_g2);
  j["vk_delta_2"] = g2_json<E>(vk.delta_g2);
  auto ab = alphabeta(vk);
  // ffjavascript's Fp12 is [Fp6 c0, Fp6 c1], each Fp6 [c0, c1, c2] over Fp2: the same tower
  // (Fp6 = Fp2[v]/(v^3 - xi), Fp12 = Fp6[w]/(w^2 - v)) as lib/algebra.
  j["vk_alphabeta_12"] =
      ojson::array({ojson::array({fq2_json(ab.c0.c0), fq2_json(ab.c0.c1), fq2_json(ab.c0.c2)}),
                    ojson::array({fq2_json(ab.c1.c0), fq2_json(ab.c1.c1), fq2_json(ab.c1.c2)})});
  ojson ic = ojson::array();
  for (const auto& p : vk.ic) ic.push_back(g1_json<E>(p));
  j["IC"] = std::move(ic);
  return j;
}

template <class E>
ojson proof_to_json(const Proof<E>& proof) {
  ojson j;
  j["pi_a"] = g1_json<E>(proof.a);
  j["pi_b"] = g2_json<E>(proof.b);
  j["pi_c"] = g1_json<E>(proof.c);
  j["protocol"] = "groth16";
  j["curve"] = E::kSnarkjsName;
  return j;
}

template <class E>
ojson public_to_json(const std::vector<typename E::Fr>& inputs) {
  ojson j = ojson::array();
  for (const auto& x : inputs) j.push_back(x.to_decimal());
  return j;
}

std::string json_text(const ojson& j) {
  return j.dump(1) + "\n";
}

#define SUPERVM_INSTANTIATE(E)                                                              \
  template VerifyingKey<E> vk_from_json<E>(const json&, const std::string&);                \
  template Proof<E> proof_from_json<E>(const json&, const std::string&);                    \
  template std::vector<E::Fr> public_from_json<E>(const json&, size_t, const std::string&); \
  template ojson vk_to_json<E>(const VerifyingKey<E>&);                                     \
  template ojson proof_to_json<E>(const Proof<E>&);                                         \
  template ojson public_to_json<E>(const std::vector<E::Fr>&);
SUPERVM_INSTANTIATE(Bls12_381Engine)
SUPERVM_INSTANTIATE(Bn254Engine)
#undef SUPERVM_INSTANTIATE

}  // namespace supervm::zk::formats
