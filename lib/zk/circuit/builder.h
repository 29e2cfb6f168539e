// Circuit builder: the same code allocates variables with their values and emits constraints,
// so the witness and the constraint system cannot drift apart (as in bellman / arkworks, but
// values are always present: setup runs the circuit on sample inputs, since constraints never
// depend on values).
//
//   CircuitBuilder<Fr> cb;
//   Variable a = cb.alloc_private(Fr::from_u64(3), "a");
//   Variable b = cb.alloc_private(Fr::from_u64(5), "b");
//   Variable c = cb.alloc_public(cb.value(a) * cb.value(b), "c");
//   cb.enforce(a, b, c, "c = a*b");
//   CircuitInstance<Fr> inst = std::move(cb).finish();   // R1CS + witness, public first
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "zk/circuit/linear_combination.h"
#include "zk/r1cs/r1cs.h"

namespace supervm::zk {

template <class Fr>
struct CircuitInstance {
  R1cs<Fr> r1cs;
  std::vector<Fr> witness;  // r1cs.num_variables values, witness[0] == 1
  std::vector<Fr> public_inputs() const {
    return {witness.begin() + 1, witness.begin() + 1 + static_cast<ptrdiff_t>(r1cs.num_public)};
  }
};

template <class Fr>
class CircuitBuilder {
 public:
  using LC = LinearCombination<Fr>;

  Variable one() const { return Variable::one(); }

  Variable alloc_public(const Fr& value) {
    public_values_.push_back(value);
    return Variable{Variable::Kind::kPublic, static_cast<uint32_t>(public_values_.size() - 1)};
  }
  Variable alloc_private(const Fr& value) {
    private_values_.push_back(value);
    return Variable{Variable::Kind::kPrivate, static_cast<uint32_t>(private_values_.size() - 1)};
  }

  // Adds the constraint <a> * <b> = <c>. `name` appears in is_satisfied messages.
  void enforce(const LC& a, const LC& b, const LC& c, std::string name = {}) {
    pending_.push_back({a, b, c});
    names_.push_back(std::move(name));
  }

  Fr value(Variable v) const {
    switch (v.kind) {
      case Variable::Kind::kOne:
        return Fr::one();
      case Variable::Kind::kPublic:
        return public_values_[v.index];
      case Variable::Kind::kPrivate:
        return private_values_[v.index];
    }
    return Fr::zero();
  }
  Fr value(const LC& lc) const {
    Fr acc = Fr::zero();
    for (const auto& t : lc.terms()) acc += t.coeff * value(t.var);
    return acc;
  }

  size_t num_constraints() const { return pending_.size(); }
  size_t num_public() const { return public_values_.size(); }
  size_t num_private() const { return private_values_.size(); }

  // Lays the variables out as [one, public..., private...] and returns the R1CS and witness.
  CircuitInstance<Fr> finish() && {
    CircuitInstance<Fr> out;
    const size_t np = public_values_.size();
    out.r1cs.num_public = np;
    out.r1cs.num_variables = 1 + np + private_values_.size();
    out.witness.reserve(out.r1cs.num_variables);
    out.witness.push_back(Fr::one());
    out.witness.insert(out.witness.end(), public_values_.begin(), public_values_.end());
    out.witness.insert(out.witness.end(), private_values_.begin(), private_values_.end());
    auto index_of = [np](Variable v) -> uint32_t {
      switch (v.kind) {
        case Variable::Kind::kOne:
          return 0;
        case Variable::Kind::kPublic:
          return 1 + v.index;
        case Variable::Kind::kPrivate:
          return static_cast<uint32_t>(1 + np + v.index);
      }
      return 0;
    };
    auto convert = [&](const LC& lc) {
      SparseRow<Fr> row;
      row.reserve(lc.terms().size());
      for (const auto& t : lc.terms()) row.push_back({index_of(t.var), t.coeff});
      return row;
    };
    out.r1cs.constraints.reserve(pending_.size());
    for (const auto& p : pending_)
      out.r1cs.constraints.push_back({convert(p.a), convert(p.b), convert(p.c)});
    bool any_name = false;
    for (const auto& n : names_) any_name |= !n.empty();
    if (any_name) out.r1cs.constraint_names = std::move(names_);
    return out;
  }

 private:
  struct Pending {
    LC a, b, c;
  };
  std::vector<Fr> public_values_;
  std::vector<Fr> private_values_;
  std::vector<Pending> pending_;
  std::vector<std::string> names_;
};

}  // namespace supervm::zk
