// Variables and linear combinations for the circuit builder (zk/circuit/builder.h).
//
// While a circuit is being built, public and private variables are numbered in two separate
// sequences, because circuits allocate them interleaved but the R1CS layout puts every public
// variable before every private one (zk/r1cs/r1cs.h). The builder renumbers when it finishes.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace supervm::zk {

struct Variable {
  enum class Kind : uint8_t { kOne, kPublic, kPrivate };
  Kind kind = Kind::kOne;
  uint32_t index = 0;  // position among variables of the same kind

  static Variable one() { return Variable{}; }
  bool operator==(const Variable&) const = default;
};

// sum_i coeff_i * var_i. Terms are kept as written (duplicates allowed, summed on evaluation).
template <class Fr>
class LinearCombination {
 public:
  struct Term {
    Variable var;
    Fr coeff;
  };

  LinearCombination() = default;
  LinearCombination(Variable v) : terms_{{v, Fr::one()}} {}  // NOLINT(google-explicit-constructor)
  static LinearCombination constant(const Fr& c) {
    LinearCombination lc;
    lc.terms_.push_back({Variable::one(), c});
    return lc;
  }

  const std::vector<Term>& terms() const { return terms_; }

  LinearCombination& add_term(Variable v, const Fr& c) {
    if (!c.is_zero()) terms_.push_back({v, c});
    return *this;
  }
  LinearCombination& operator+=(const LinearCombination& o) {
    terms_.insert(terms_.end(), o.terms_.begin(), o.terms_.end());
    return *this;
  }
  LinearCombination& operator-=(const LinearCombination& o) {
    for (const auto& t : o.terms_) terms_.push_back({t.var, -t.coeff});
    return *this;
  }
  LinearCombination& operator*=(const Fr& c) {
    for (auto& t : terms_) t.coeff *= c;
    return *this;
  }
  friend LinearCombination operator+(LinearCombination a, const LinearCombination& b) {
    return a += b;
  }
  friend LinearCombination operator-(LinearCombination a, const LinearCombination& b) {
    return a -= b;
  }
  friend LinearCombination operator*(LinearCombination a, const Fr& c) { return a *= c; }
  friend LinearCombination operator*(const Fr& c, LinearCombination a) { return a *= c; }

 private:
  std::vector<Term> terms_;
};

}  // namespace supervm::zk
