#include "zk/groth16/prover.h"

#include <tbb/task_group.h>

#include <bit>
#include <memory>
#include <mutex>
#include <vector>

#include "util/error.h"
#include "zk/groth16/domain.h"
#include "zk/groth16/multiexp.h"

namespace supervm::zk {
namespace {

[[noreturn]] void usage(const std::string& what) {
  throw Error(ExitCode::kUsage, what);
}

template <class Fr>
std::string check_rows(const std::vector<QapEntry<Fr>>& rows, size_t num_rows, size_t num_vars,
                       const char* name) {
  for (size_t k = 0; k < rows.size(); ++k) {
    if (rows[k].row >= num_rows)
      return std::string(name) + " entry " + std::to_string(k) + ": row " +
             std::to_string(rows[k].row) + " >= " + std::to_string(num_rows);
    if (rows[k].var >= num_vars)
      return std::string(name) + " entry " + std::to_string(k) + ": variable " +
             std::to_string(rows[k].var) + " >= " + std::to_string(num_vars);
  }
  return {};
}

// out[row] = sum of value * w[var] over the entries.
template <class Fr>
std::vector<Fr> evaluate_rows(const std::vector<QapEntry<Fr>>& rows, std::span<const Fr> w,
                              size_t n) {
  std::vector<Fr> out(n, Fr::zero());
  for (const auto& e : rows) out[e.row] += e.value * w[e.var];
  return out;
}

template <class E>
bool same_vk(const VerifyingKey<E>& a, const VerifyingKey<E>& b) {
  return a.alpha_g1 == b.alpha_g1 && a.beta_g2 == b.beta_g2 && a.gamma_g2 == b.gamma_g2 &&
         a.delta_g2 == b.delta_g2 && a.ic == b.ic;
}

// The prepared key for the self-check of .zkey proofs, reused across calls (many proofs under
// one key would otherwise prepare it every time). One entry per curve, validated by comparing
// the verifying key itself, so a different key at a reused address never hits.
template <class E>
std::shared_ptr<const PreparedVerifyingKey<E>> cached_prepared_key(const VerifyingKey<E>& vk) {
  static std::mutex mu;
  static std::shared_ptr<const PreparedVerifyingKey<E>> last;
  {
    std::lock_guard lock(mu);
    if (last && same_vk(last->vk, vk)) return last;
  }
  auto fresh = std::make_shared<const PreparedVerifyingKey<E>>(
      prepare_verifying_key(vk, InputTables::kSkip));
  std::lock_guard lock(mu);
  last = fresh;
  return fresh;
}

}  // namespace

template <class E>
std::string check_proving_key(const ProvingKey<E>& pk) {
  const size_t n = pk.domain_size, nv = pk.num_variables, np = pk.num_public;
  if (n < 2 || !std::has_single_bit(n))
    return "domain size " + std::to_string(n) + " is not a power of two >= 2";
  if (nv < np + 1) return "num_public + 1 exceeds num_variables";
  if (pk.vk.ic.size() != np + 1)
    return "IC has " + std::to_string(pk.vk.ic.size()) + " points, expected num_public + 1";
  if (pk.a_query.size() != nv)
    return "A query has " + std::to_string(pk.a_query.size()) + " points, expected num_variables";
  if (pk.b_g1_query.size() != nv) return "B1 query has the wrong length";
  if (pk.b_g2_query.size() != nv) return "B2 query has the wrong length";
  if (pk.l_query.size() != nv - np - 1)
    return "C (L) query has " + std::to_string(pk.l_query.size()) +
           " points, expected num_variables - num_public - 1";
  if (pk.h_query.size() != n)
    return "H query has " + std::to_string(pk.h_query.size()) + " points, expected domain_size";
  if (auto e = check_rows(pk.a_rows, n, nv, "A coefficients"); !e.empty()) return e;
  if (auto e = check_rows(pk.b_rows, n, nv, "B coefficients"); !e.empty()) return e;
  if (pk.c_rows)
    if (auto e = check_rows(*pk.c_rows, n, nv, "C coefficients"); !e.empty()) return e;
  return {};
}

template <class E>
ProverTables<E>::ProverTables(const ProvingKey<E>& pk) {
  using C1 = typename E::G1Affine::Config;
  using C2 = typename E::G2Affine::Config;
  tbb::task_group tg;
  tg.run([&] { a = algebra::curve::MsmTable<C1>(pk.a_query); });
  tg.run([&] { b1 = algebra::curve::MsmTable<C1>(pk.b_g1_query); });
  tg.run([&] { l = algebra::curve::MsmTable<C1>(pk.l_query); });
  tg.run([&] { h = algebra::curve::MsmTable<C1>(pk.h_query); });
  b2 = algebra::curve::MsmTable<C2>(pk.b_g2_query);
  tg.wait();
}

template <class E>
size_t ProverTables<E>::memory_for(const ProvingKey<E>& pk) {
  using T1 = algebra::curve::MsmTable<typename E::G1Affine::Config>;
  using T2 = algebra::curve::MsmTable<typename E::G2Affine::Config>;
  return T1::memory_for(pk.a_query.size()) + T1::memory_for(pk.b_g1_query.size()) +
         T1::memory_for(pk.l_query.size()) + T1::memory_for(pk.h_query.size()) +
         T2::memory_for(pk.b_g2_query.size());
}

template <class E>
size_t ProverTables<E>::memory_bytes() const {
  return a.memory_bytes() + b1.memory_bytes() + l.memory_bytes() + h.memory_bytes() +
         b2.memory_bytes();
}

template <class E>
Proof<E> prove(const ProvingKey<E>& pk, std::span<const typename E::Fr> w, util::RandomSource& rng,
               const ProveOptions<E>& options) {
  using Fr = typename E::Fr;
  using G1 = typename E::G1;
  using G2 = typename E::G2;
  if (auto e = check_proving_key(pk); !e.empty()) usage("inconsistent proving key: " + e);
  if (w.size() != pk.num_variables)
    usage("witness has " + std::to_string(w.size()) + " values, the proving key expects " +
          std::to_string(pk.num_variables));
  if (w[0] != Fr::one()) usage("witness[0] must be 1 (the constant-one signal)");
  if (options.r1cs != nullptr) {
    if (options.r1cs->num_variables != pk.num_variables ||
        options.r1cs->num_public != pk.num_public)
      usage("the R1CS does not match the proving key (variable or public-input counts differ)");
    if (auto r = options.r1cs->is_satisfied(w); !r.ok)
      usage("witness does not satisfy the circuit: " + r.message);
  }

  const size_t n = pk.domain_size;
  const Radix2Domain<Fr> domain(n);
  std::vector<Fr> a = evaluate_rows(pk.a_rows, w, n);
  std::vector<Fr> b = evaluate_rows(pk.b_rows, w, n);
  std::vector<Fr> c(n);
  for (size_t i = 0; i < n; ++i) c[i] = a[i] * b[i];
  if (pk.c_rows) {
    const std::vector<Fr> cw = evaluate_rows(*pk.c_rows, w, n);
    for (size_t i = 0; i < n; ++i)
      if (c[i] != cw[i])
        usage("witness does not satisfy constraint " + std::to_string(i) + " (A*B != C)");
  }

  const auto wit = w;
  const auto priv = w.subspan(pk.num_public + 1);
  G1 pa, pb1, pl, ph;
  G2 pb2;
  const ProverTables<E>* tab = options.tables;
  if (tab != nullptr &&
      (tab->a.size() != pk.a_query.size() || tab->b1.size() != pk.b_g1_query.size() ||
       tab->b2.size() != pk.b_g2_query.size() || tab->l.size() != pk.l_query.size() ||
       tab->h.size() != pk.h_query.size()))
    throw Error(ExitCode::kInternal, "prover tables do not match the proving key");
  tbb::task_group tg;
  tg.run([&] {
    tbb::task_group coset;
    coset.run([&] { domain.to_odd_coset(a); });
    coset.run([&] { domain.to_odd_coset(b); });
    domain.to_odd_coset(c);
    coset.wait();
    for (size_t i = 0; i < n; ++i) a[i] = a[i] * b[i] - c[i];
    ph = tab ? tab->h.msm(std::span<const Fr>(a))
             : multiexp<G1>(std::span<const typename E::G1Affine>(pk.h_query),
                            std::span<const Fr>(a));
  });
  tg.run([&] {
    pa = tab ? tab->a.msm(wit)
             : multiexp<G1>(std::span<const typename E::G1Affine>(pk.a_query), wit);
  });
  tg.run([&] {
    pb1 = tab ? tab->b1.msm(wit)
              : multiexp<G1>(std::span<const typename E::G1Affine>(pk.b_g1_query), wit);
  });
  tg.run([&] {
    pl = tab ? tab->l.msm(priv)
             : multiexp<G1>(std::span<const typename E::G1Affine>(pk.l_query), priv);
  });
  pb2 = tab ? tab->b2.msm(wit)
            : multiexp<G2>(std::span<const typename E::G2Affine>(pk.b_g2_query), wit);
  tg.wait();

  Fr r = Fr::random(rng), s = Fr::random(rng);
  const G1 delta1(pk.delta_g1);
  G1 A = pa + pk.vk.alpha_g1 + delta1 * r;
  G2 B = pb2 + pk.vk.beta_g2 + G2(pk.vk.delta_g2) * s;
  G1 B1 = pb1 + pk.beta_g1 + delta1 * s;
  Fr rs = r * s;
  G1 C = pl + ph + A * s + B1 * r - delta1 * rs;
  util::secure_wipe(&r, sizeof r);
  util::secure_wipe(&s, sizeof s);
  util::secure_wipe(&rs, sizeof rs);
  util::secure_wipe(a.data(), a.size() * sizeof(Fr));
  util::secure_wipe(b.data(), b.size() * sizeof(Fr));
  util::secure_wipe(c.data(), c.size() * sizeof(Fr));

  Proof<E> proof{A.to_affine(), B.to_affine(), C.to_affine()};
  if (!pk.c_rows) {
    // No C matrix (a .zkey): an unsatisfying witness shows up as a proof that does not verify.
    std::shared_ptr<const PreparedVerifyingKey<E>> own;
    const PreparedVerifyingKey<E>* pvk = options.pvk;
    if (pvk == nullptr) pvk = (own = cached_prepared_key(pk.vk)).get();
    auto res = verify(*pvk, proof, w.subspan(1, pk.num_public), PointCheck::kSkip);
    if (!res.valid)
      usage(
          "witness does not satisfy the circuit: the proof fails verification (the key has no "
          "C matrix, so the failing constraint cannot be named)");
  }
  return proof;
}

#define SUPERVM_INSTANTIATE(E)                                                               \
  template struct ProverTables<E>;                                                           \
  template std::string check_proving_key(const ProvingKey<E>&);                              \
  template Proof<E> prove(const ProvingKey<E>&, std::span<const E::Fr>, util::RandomSource&, \
                          const ProveOptions<E>&);
SUPERVM_INSTANTIATE(Bls12_381Engine)
SUPERVM_INSTANTIATE(Bn254Engine)
#undef SUPERVM_INSTANTIATE

}  // namespace supervm::zk
