#include "zk_witness.h"

#include <cstring>

#include "util/error.h"
#include "zk/formats/circom_wtns.h"
#include "zk/formats/snarkjs_json.h"
#include "zk/groth16/engine.h"

namespace supervm::cli {

zk::CircuitParams parse_params(const std::vector<std::string>& kv) {
  zk::CircuitParams params;
  for (const auto& item : kv) {
    size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw_input_error("--param", item, "expected KEY=VALUE");
    params[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return params;
}

namespace {

template <class Fr>
Fr parse_scalar(const nlohmann::json& v, const std::string& where, const std::string& field) {
  if (!v.is_string()) throw_input_error(where, field, "expected a decimal string");
  auto x = Fr::from_decimal(v.get<std::string>());
  if (!x) throw_input_error(where, field, "not a canonical decimal below the field modulus r");
  return *x;
}

}  // namespace

template <class Fr>
std::vector<Fr> witness_from_json(const nlohmann::json& j, const BuiltinSelection& builtin,
                                  const std::string& where) {
  if (j.is_array()) {
    std::vector<Fr> w;
    w.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i)
      w.push_back(parse_scalar<Fr>(j[i], where, "[" + std::to_string(i) + "]"));
    return w;
  }
  if (j.is_object()) {
    if (builtin.name.empty())
      throw_input_error(where, "",
                        "a JSON object of inputs needs --circuit NAME (a built-in circuit)");
    std::map<std::string, Fr> inputs;
    for (const auto& [k, v] : j.items()) inputs[k] = parse_scalar<Fr>(v, where, k);
    return zk::build_builtin_circuit<Fr>(builtin.name, builtin.params, inputs).witness;
  }
  throw_input_error(where, "",
                    "a witness is a JSON array of decimal strings or an object of inputs");
}

template <class Fr>
std::vector<Fr> witness_from_bytes(std::span<const uint8_t> bytes, const BuiltinSelection& builtin,
                                   const std::string& where) {
  if (bytes.size() >= 4 && std::memcmp(bytes.data(), "wtns", 4) == 0)
    return zk::formats::read_wtns<Fr>(bytes, where);
  std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return witness_from_json<Fr>(zk::formats::parse_json_text(text, where), builtin, where);
}

#define SUPERVM_INSTANTIATE(Fr)                                                                  \
  template std::vector<Fr> witness_from_json<Fr>(const nlohmann::json&, const BuiltinSelection&, \
                                                 const std::string&);                            \
  template std::vector<Fr> witness_from_bytes<Fr>(std::span<const uint8_t>,                      \
                                                  const BuiltinSelection&, const std::string&);
SUPERVM_INSTANTIATE(zk::Bls12_381Engine::Fr)
SUPERVM_INSTANTIATE(zk::Bn254Engine::Fr)
#undef SUPERVM_INSTANTIATE

}  // namespace supervm::cli
