#include "zk/groth16/setup.h"

#include <string>
#include <vector>

#include "algebra/curve/fixed_base.h"
#include "util/error.h"
#include "zk/groth16/domain.h"

namespace supervm::zk {
namespace {

template <class Fr>
void wipe(std::vector<Fr>& v) {
  util::secure_wipe(v.data(), v.size() * sizeof(Fr));
  v.clear();
}

template <class Fr>
void wipe(Fr& x) {
  util::secure_wipe(&x, sizeof(Fr));
}

template <class Fr>
Fr random_nonzero(util::RandomSource& rng) {
  for (;;) {
    Fr x = Fr::random(rng);
    if (!x.is_zero()) return x;
  }
}

// [s_i] * base for every scalar, in parallel, with a fixed-base window table (one mixed
// addition per window, no doublings). The table's arithmetic is variable time; that is the usual
// practice for Groth16 setups, whose outputs are published, and the machine running a
// single-party setup is trusted anyway.
template <class Jacobian, class Fr>
std::vector<typename Jacobian::AffineT> fixed_base_mul(
    const algebra::curve::FixedBaseTable<typename Jacobian::AffineT::Config>& table,
    const std::vector<Fr>& scalars) {
  return table.batch_mul(std::span<const Fr>(scalars));
}

template <class Fr>
void to_qap_rows(const R1cs<Fr>& r1cs, std::vector<QapEntry<Fr>>& a, std::vector<QapEntry<Fr>>& b,
                 std::vector<QapEntry<Fr>>& c) {
  const size_t m = r1cs.num_constraints();
  for (size_t i = 0; i < m; ++i) {
    const auto row = static_cast<uint32_t>(i);
    for (const auto& t : r1cs.constraints[i].a) a.push_back({row, t.var, t.coeff});
    for (const auto& t : r1cs.constraints[i].b) b.push_back({row, t.var, t.coeff});
    for (const auto& t : r1cs.constraints[i].c) c.push_back({row, t.var, t.coeff});
  }
  // Input-consistency rows (snarkjs zkey_new.js): A[m + j][j] = 1 for j = 0..num_public.
  for (size_t j = 0; j <= r1cs.num_public; ++j)
    a.push_back({static_cast<uint32_t>(m + j), static_cast<uint32_t>(j), Fr::one()});
}

// Per-variable polynomial values at tau: out[var] += value * L[row].
template <class Fr>
std::vector<Fr> evaluate_at_tau(const std::vector<QapEntry<Fr>>& rows,
                                const std::vector<Fr>& lagrange, size_t num_variables) {
  std::vector<Fr> out(num_variables, Fr::zero());
  for (const auto& e : rows) out[e.var] += e.value * lagrange[e.row];
  return out;
}

}  // namespace

size_t qap_domain_size(size_t num_constraints, size_t num_public) {
  size_t n = 2;
  while (n < num_constraints + num_public + 1) n <<= 1;
  return n;
}

template <class E>
ProvingKey<E> generate_keys(const R1cs<typename E::Fr>& r1cs, util::RandomSource& rng) {
  using Fr = typename E::Fr;
  if (auto err = r1cs.validate()) throw Error(ExitCode::kUsage, "invalid R1CS: " + *err);
  const size_t nv = r1cs.num_variables, np = r1cs.num_public;
  const size_t n = qap_domain_size(r1cs.num_constraints(), np);
  const Radix2Domain<Fr> domain(n);  // throws when the field has too few roots of unity

  ProvingKey<E> pk;
  pk.num_variables = nv;
  pk.num_public = np;
  pk.domain_size = n;
  pk.num_constraints = r1cs.num_constraints();
  std::vector<QapEntry<Fr>> c_rows;
  to_qap_rows(r1cs, pk.a_rows, pk.b_rows, c_rows);

  // Toxic waste. tau must avoid the 2n-th roots of unity (the Lagrange formulas divide by
  // tau - x); the chance of resampling is negligible.
  Fr tau;
  for (;;) {
    tau = random_nonzero<Fr>(rng);
    Fr t = tau;
    for (unsigned i = 0; i <= domain.log_size(); ++i) t = t.square();
    if (t != Fr::one()) break;
  }
  Fr alpha = random_nonzero<Fr>(rng), beta = random_nonzero<Fr>(rng);
  Fr gamma = random_nonzero<Fr>(rng), delta = random_nonzero<Fr>(rng);
  Fr gamma_inv = gamma.inverse(), delta_inv = delta.inverse();

  std::vector<Fr> lagrange = domain.lagrange_at(tau);
  std::vector<Fr> at = evaluate_at_tau(pk.a_rows, lagrange, nv);
  std::vector<Fr> bt = evaluate_at_tau(pk.b_rows, lagrange, nv);
  std::vector<Fr> ct = evaluate_at_tau(c_rows, lagrange, nv);
  wipe(lagrange);

  std::vector<Fr> ic(np + 1), l(nv - np - 1);
  for (size_t j = 0; j < nv; ++j) {
    Fr v = beta * at[j] + alpha * bt[j] + ct[j];
    if (j <= np)
      ic[j] = v * gamma_inv;
    else
      l[j - np - 1] = v * delta_inv;
    wipe(v);
  }
  wipe(ct);
  std::vector<Fr> h = domain.odd_lagrange_2n_at(tau);
  for (auto& x : h) x *= delta_inv;

  const auto g1 = E::G1::generator();
  const auto g2 = E::G2::generator();
  using G1Cfg = typename E::G1Affine::Config;
  using G2Cfg = typename E::G2Affine::Config;
  const algebra::curve::FixedBaseTable<G1Cfg> t1(g1);
  const algebra::curve::FixedBaseTable<G2Cfg> t2(g2);
  pk.a_query = fixed_base_mul<typename E::G1>(t1, at);
  pk.b_g1_query = fixed_base_mul<typename E::G1>(t1, bt);
  pk.b_g2_query = fixed_base_mul<typename E::G2>(t2, bt);
  pk.l_query = fixed_base_mul<typename E::G1>(t1, l);
  pk.h_query = fixed_base_mul<typename E::G1>(t1, h);
  pk.vk.ic = fixed_base_mul<typename E::G1>(t1, ic);
  wipe(at);
  wipe(bt);
  wipe(l);
  wipe(h);
  wipe(ic);

  pk.vk.alpha_g1 = t1.mul(alpha).to_affine();
  pk.beta_g1 = t1.mul(beta).to_affine();
  pk.delta_g1 = t1.mul(delta).to_affine();
  pk.vk.beta_g2 = t2.mul(beta).to_affine();
  pk.vk.gamma_g2 = t2.mul(gamma).to_affine();
  pk.vk.delta_g2 = t2.mul(delta).to_affine();
  for (Fr* x : {&tau, &alpha, &beta, &gamma, &delta, &gamma_inv, &delta_inv}) wipe(*x);

  pk.c_rows = std::move(c_rows);
  return pk;
}

template ProvingKey<Bls12_381Engine> generate_keys(const R1cs<Bls12_381Engine::Fr>&,
                                                   util::RandomSource&);
template ProvingKey<Bn254Engine> generate_keys(const R1cs<Bn254Engine::Fr>&, util::RandomSource&);

}  // namespace supervm::zk
