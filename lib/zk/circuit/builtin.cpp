#include "zk/circuit/builtin.h"

#include <charconv>

#include "algebra/bls12_381/fields.h"
#include "algebra/bn254/fields.h"
#include "util/error.h"

namespace supervm::zk {
namespace {

[[noreturn]] void usage(const std::string& what) {
  throw Error(ExitCode::kUsage, what);
}

// Reads an integer parameter in [lo, hi]; `fallback` when absent.
uint64_t param_u64(const CircuitParams& params, std::string_view circuit, const std::string& key,
                   uint64_t fallback, uint64_t lo, uint64_t hi) {
  auto it = params.find(key);
  if (it == params.end()) return fallback;
  uint64_t v = 0;
  const std::string& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty())
    usage("--param " + key + "=" + s + ": not a non-negative integer");
  if (v < lo || v > hi)
    usage("--param " + key + "=" + s + ": circuit " + std::string(circuit) + " needs " + key +
          " in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return v;
}

void check_known(const std::map<std::string, std::string>& given,
                 std::initializer_list<std::string_view> known, std::string_view circuit,
                 std::string_view what) {
  for (const auto& [k, v] : given) {
    bool ok = false;
    for (auto n : known) ok |= (k == n);
    if (!ok)
      usage("circuit " + std::string(circuit) + " has no " + std::string(what) + " '" + k + "'");
  }
}

template <class Fr>
void check_known_inputs(const std::map<std::string, Fr>& inputs,
                        std::initializer_list<std::string_view> known, std::string_view circuit) {
  std::map<std::string, std::string> names;
  for (const auto& [k, v] : inputs) names[k] = "";
  check_known(names, known, circuit, "input");
}

template <class Fr>
Fr input_or(const std::map<std::string, Fr>& inputs, const std::string& key, const Fr& fallback) {
  auto it = inputs.find(key);
  return it == inputs.end() ? fallback : it->second;
}

template <class Fr>
void build_multiply(CircuitBuilder<Fr>& cb, const CircuitParams& params,
                    const std::map<std::string, Fr>& inputs) {
  check_known(params, {}, "multiply", "parameter");
  check_known_inputs(inputs, {"a", "b"}, "multiply");
  Variable a = cb.alloc_private(input_or(inputs, "a", Fr::from_u64(3)));
  Variable b = cb.alloc_private(input_or(inputs, "b", Fr::from_u64(11)));
  Variable c = cb.alloc_public(cb.value(a) * cb.value(b));
  cb.enforce(a, b, c, "c = a*b");
}

template <class Fr>
void build_chain(CircuitBuilder<Fr>& cb, const CircuitParams& params,
                 const std::map<std::string, Fr>& inputs) {
  check_known(params, {"k", "p"}, "chain", "parameter");
  check_known_inputs(inputs, {"x"}, "chain");
  const uint64_t k = param_u64(params, "chain", "k", 16, 1, uint64_t{1} << 26);
  const uint64_t p = param_u64(params, "chain", "p", 1, 1, k);
  Variable y = cb.alloc_private(input_or(inputs, "x", Fr::from_u64(3)));
  for (uint64_t i = 1; i <= k; ++i) {
    Fr v = cb.value(y).square();
    Variable next = (i > k - p) ? cb.alloc_public(v) : cb.alloc_private(v);
    cb.enforce(y, y, next);
    y = next;
  }
}

template <class Fr>
void build_range(CircuitBuilder<Fr>& cb, const CircuitParams& params,
                 const std::map<std::string, Fr>& inputs) {
  check_known(params, {"bits"}, "range", "parameter");
  check_known_inputs(inputs, {"v"}, "range");
  // bits < modulus bits: then sum b_i 2^i < r, so the decomposition is unique (sound).
  const uint64_t n = param_u64(params, "range", "bits", 64, 1, Fr::kModulusBits - 1);
  Fr max = Fr::zero();
  for (uint64_t i = 0; i < n; ++i) max = max.dbl() + Fr::one();  // 2^n - 1
  Variable v = cb.alloc_public(input_or(inputs, "v", max));
  const auto limbs = cb.value(v).to_canonical();
  typename CircuitBuilder<Fr>::LC sum;
  Fr pow2 = Fr::one();
  for (uint64_t i = 0; i < n; ++i) {
    // The witness takes v's low n bits; when v >= 2^n the recomposition constraint fails.
    bool bit = (limbs[i / 64] >> (i % 64)) & 1;
    Variable b = cb.alloc_private(bit ? Fr::one() : Fr::zero());
    cb.enforce(b, b, b, "bit" + std::to_string(i) + " is boolean");
    sum.add_term(b, pow2);
    pow2 = pow2.dbl();
  }
  cb.enforce(sum, Variable::one(), v, "v = sum of bits");
}

}  // namespace

std::vector<BuiltinCircuitInfo> builtin_circuits() {
  return {{"multiply", "c = a * b (public c; inputs a, b)"},
          {"chain", "k squarings y_i = y_{i-1}^2 of private x, last p public (params k, p)"},
          {"range", "public v < 2^bits via bit decomposition (param bits; input v)"}};
}

template <class Fr>
CircuitInstance<Fr> build_builtin_circuit(std::string_view name, const CircuitParams& params,
                                          const std::map<std::string, Fr>& inputs) {
  CircuitBuilder<Fr> cb;
  if (name == "multiply") {
    build_multiply(cb, params, inputs);
  } else if (name == "chain") {
    build_chain(cb, params, inputs);
  } else if (name == "range") {
    build_range(cb, params, inputs);
  } else {
    std::string names;
    for (const auto& c : builtin_circuits())
      names += (names.empty() ? "" : ", ") + std::string(c.name);
    usage("unknown circuit '" + std::string(name) + "' (built-in circuits: " + names + ")");
  }
  return std::move(cb).finish();
}

template CircuitInstance<algebra::bls12_381::Fr> build_builtin_circuit(
    std::string_view, const CircuitParams&, const std::map<std::string, algebra::bls12_381::Fr>&);
template CircuitInstance<algebra::bn254::Fr> build_builtin_circuit(
    std::string_view, const CircuitParams&, const std::map<std::string, algebra::bn254::Fr>&);

}  // namespace supervm::zk
