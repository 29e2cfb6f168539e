// Rank-1 constraint systems over a scalar field Fr: constraints <A_i, w> * <B_i, w> = <C_i, w>.
//
// Variable layout (the circom / snarkjs convention): variable 0 is the constant one, then
// `num_public` public variables (circom: outputs first, then public inputs), then the private
// ones. A witness is the full assignment w[0..num_variables), with w[0] == 1.
//
// Each constraint stores its three linear combinations as sparse lists of (variable, coefficient)
// terms, exactly as a circom .r1cs file lists them, so the parser can fill this type directly.
// Field elements are values (the Fr type hides its Montgomery form); a parser converts from the
// file's encoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace supervm::zk {

// One term c * w[var] of a linear combination.
template <class Fr>
struct Term {
  uint32_t var = 0;
  Fr coeff;
};

// Sum of terms; a variable may appear more than once (terms are added).
template <class Fr>
using SparseRow = std::vector<Term<Fr>>;

// <a, w> for a sparse row; the caller guarantees every var < w.size().
template <class Fr>
Fr evaluate_row(const SparseRow<Fr>& row, std::span<const Fr> w) {
  Fr acc = Fr::zero();
  for (const auto& t : row) acc += t.coeff * w[t.var];
  return acc;
}

template <class Fr>
struct Constraint {
  SparseRow<Fr> a, b, c;
};

// Outcome of checking a witness against the constraints.
struct SatisfactionResult {
  bool ok = true;
  // When !ok and the witness has the right shape: index of the first failing constraint.
  std::optional<size_t> failing_constraint;
  // Human-readable reason, e.g. "constraint 17 (range.bit3) is not satisfied: A*B != C".
  std::string message;
};

template <class Fr>
struct R1cs {
  size_t num_public = 0;     // public variables, not counting the constant one
  size_t num_variables = 1;  // all variables including the constant one
  std::vector<Constraint<Fr>> constraints;
  // Optional names of constraints (same length as `constraints` or empty), used in messages.
  std::vector<std::string> constraint_names;

  size_t num_constraints() const { return constraints.size(); }
  size_t num_private() const { return num_variables - 1 - num_public; }

  // Structural sanity: num_public < num_variables and every term's variable is in range.
  // Returns an error message, or nullopt when well formed.
  std::optional<std::string> validate() const {
    if (num_variables == 0 || num_public + 1 > num_variables)
      return "num_public + 1 exceeds num_variables";
    if (!constraint_names.empty() && constraint_names.size() != constraints.size())
      return "constraint_names has the wrong length";
    for (size_t i = 0; i < constraints.size(); ++i) {
      for (const SparseRow<Fr>* row : {&constraints[i].a, &constraints[i].b, &constraints[i].c})
        for (const auto& t : *row)
          if (t.var >= num_variables)
            return "constraint " + std::to_string(i) + " uses variable " + std::to_string(t.var) +
                   " >= num_variables " + std::to_string(num_variables);
    }
    return std::nullopt;
  }

  std::string constraint_label(size_t i) const {
    std::string s = "constraint " + std::to_string(i);
    if (i < constraint_names.size() && !constraint_names[i].empty())
      s += " (" + constraint_names[i] + ")";
    return s;
  }

  // Checks the witness shape (length, w[0] == 1) and every constraint, stopping at the first
  // failure. Assumes validate() passed.
  SatisfactionResult is_satisfied(std::span<const Fr> w) const {
    SatisfactionResult r;
    if (w.size() != num_variables) {
      r.ok = false;
      r.message = "witness has " + std::to_string(w.size()) + " values, the circuit has " +
                  std::to_string(num_variables) + " variables";
      return r;
    }
    if (w[0] != Fr::one()) {
      r.ok = false;
      r.message = "witness[0] must be 1 (the constant-one variable)";
      return r;
    }
    for (size_t i = 0; i < constraints.size(); ++i) {
      const auto& c = constraints[i];
      if (evaluate_row(c.a, w) * evaluate_row(c.b, w) != evaluate_row(c.c, w)) {
        r.ok = false;
        r.failing_constraint = i;
        r.message = constraint_label(i) + " is not satisfied: A*B != C";
        return r;
      }
    }
    return r;
  }
};

}  // namespace supervm::zk
