#include "zk/groth16/batch_verifier.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <optional>

#include "zk/groth16/multiexp.h"

namespace supervm::zk {
namespace {

constexpr size_t kMaxGroupSize = 16;

// (r - 1) / 3 as little-endian limbs (3 divides r - 1 on both curves: Fr has cube roots of 1).
template <class Fr>
typename Fr::Limbs third_of_order_minus_one() {
  typename Fr::Limbs q{};
  unsigned __int128 rem = 0;
  for (size_t i = Fr::kLimbs; i-- > 0;) {
    unsigned __int128 cur = (rem << 64) | Fr::kPMinus1[i];
    q[i] = static_cast<uint64_t>(cur / 3);
    rem = cur % 3;
  }
  return q;
}

// The eigenvalue lambda of the GLV endomorphism phi on G1 (phi(P) = [lambda]P), found as the
// cube root of unity in Fr that matches g1_phi on the generator; nullopt if neither does.
// Random scalars of the form k1 + k2*lambda with 64-bit k1, k2 take 2^128 distinct values (as
// lambda > 2^64) and make r * A cost two interleaved 64-bit multiplications in the curve's GLV
// code instead of a 128-bit one.
template <class E>
std::optional<typename E::Fr> glv_lambda() {
  using Fr = typename E::Fr;
  const auto e = third_of_order_minus_one<Fr>();
  for (uint64_t g = 2; g < 64; ++g) {
    const Fr w = Fr::from_u64(g).pow(e);
    if (w.is_one()) continue;  // g is a cube: try the next one
    const auto gen = E::G1::generator();
    const auto phi = g1_phi(gen);
    for (const Fr& cand : {w, w.square()})
      if (gen * cand == phi) return cand;
    return std::nullopt;
  }
  return std::nullopt;
}

template <class E>
class BatchRun {
 public:
  using Fr = typename E::Fr;
  using G1 = typename E::G1;
  using G1Affine = typename E::G1Affine;
  using Ops = PairingOps<E>;
  using GT = typename Ops::GT;

  BatchRun(const PreparedVerifyingKey<E>& pvk, std::span<const BatchItem<E>> items,
           std::vector<VerifyResult>& out, BatchStats& stats)
      : pvk_(pvk), items_(items), out_(out), stats_(stats) {}

  void run(util::RandomSource& rng, const BatchOptions& opt) {
    for (size_t i = 0; i < items_.size(); ++i) {
      const auto& it = items_[i];
      out_[i].error = it.proof == nullptr ? std::string("missing proof")
                                          : precheck_proof(pvk_, *it.proof, it.public_inputs.size(),
                                                           opt.point_check);
      if (out_[i].error.empty())
        pos_.push_back(i);
      else
        ++stats_.malformed;
    }
    const size_t n = pos_.size();
    if (n == 0) return;
    r_.resize(n);
    static const std::optional<Fr> lambda = glv_lambda<E>();
    for (auto& r : r_) {
      do {  // 2^128 possible values, nonzero: a zero scalar would let a bad proof through
        const uint64_t k1 = rng(), k2 = rng();
        r = lambda ? Fr::from_u64(k1) + Fr::from_u64(k2) * *lambda
                   : Fr::from_canonical({k1, k2, 0, 0}).value();
      } while (r.is_zero());
    }
    size_t g = opt.group_size;
    if (g == 0) {
      const size_t threads =
          static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
      g = std::clamp<size_t>(n / (4 * threads), 1, kMaxGroupSize);
    }
    for (size_t lo = 0; lo < n; lo += g) groups_.push_back({lo, std::min(n, lo + g)});
    group_f_.resize(groups_.size());
    ar_.resize(n);
    single_f_.resize(n);
    tbb::parallel_for(size_t{0}, groups_.size(), [&](size_t k) { group_miller_loop(k); });
    bisect_groups(0, groups_.size(), /*known_bad=*/false);
  }

 private:
  const Proof<E>& proof_at(size_t p) const { return *items_[pos_[p]].proof; }

  // r_p * A_p for the group's proofs (kept for bisection) and the group's multi-Miller loop.
  void group_miller_loop(size_t k) {
    const auto [lo, hi] = groups_[k];
    std::vector<G1> scaled(hi - lo);
    for (size_t p = lo; p < hi; ++p) scaled[p - lo] = G1(proof_at(p).a) * r_[p];
    batch_to_affine(std::span<const G1>(scaled), std::span<G1Affine>(ar_.data() + lo, hi - lo));
    std::vector<typename Ops::G2Prepared> prepared;
    prepared.reserve(hi - lo);
    std::vector<const typename Ops::G2Prepared*> qs;
    for (size_t p = lo; p < hi; ++p) {
      prepared.push_back(Ops::prepare(proof_at(p).b));
      qs.push_back(&prepared.back());
    }
    group_f_[k] = Ops::multi_miller_loop(std::span<const G1Affine>(ar_.data() + lo, hi - lo), qs);
  }

  // The batch equation for the proofs at positions [lo, hi), whose product of per-proof Miller
  // loop values is f.
  bool check(GT f, size_t lo, size_t hi) {
    ++stats_.batch_checks;
    const size_t np = pvk_.num_public();
    std::vector<Fr> ic_scalars(np + 1, Fr::zero());  // [0]: sum of r (the constant-one input)
    Fr& r_sum = ic_scalars[0];
    std::vector<G1Affine> cs;
    cs.reserve(hi - lo);
    for (size_t p = lo; p < hi; ++p) {
      r_sum += r_[p];
      const auto x = items_[pos_[p]].public_inputs;
      for (size_t j = 0; j < np; ++j) ic_scalars[j + 1] += r_[p] * x[j];
      cs.push_back(proof_at(p).c);
    }
    G1 ic = pvk_.ic_combination(ic_scalars);
    G1 c =
        multiexp<G1>(std::span<const G1Affine>(cs), std::span<const Fr>(r_.data() + lo, hi - lo));
    G1 a = pvk_.neg_alpha_times(r_sum);
    std::array<G1, 3> jac{ic, c, a};
    std::array<G1Affine, 3> ps;
    batch_to_affine(std::span<const G1>(jac), std::span<G1Affine>(ps));
    const std::array<const typename Ops::Fixed*, 3> qs{&pvk_.neg_gamma, &pvk_.neg_delta,
                                                       &pvk_.beta};
    f *= Ops::mixed_miller_loop({}, {}, ps, qs);
    return Ops::final_exponentiation(f) == GT::one();
  }

  void mark(size_t lo, size_t hi, bool valid) {
    for (size_t p = lo; p < hi; ++p) {
      out_[pos_[p]].valid = valid;
      if (!valid) out_[pos_[p]].error = "pairing check failed";
    }
  }

  GT product(const std::vector<GT>& v, size_t lo, size_t hi) const {
    GT f = v[lo];
    for (size_t i = lo + 1; i < hi; ++i) f *= v[i];
    return f;
  }

  // Groups [glo, ghi); known_bad: the set is known to fail its equation.
  void bisect_groups(size_t glo, size_t ghi, bool known_bad) {
    const size_t lo = groups_[glo].first, hi = groups_[ghi - 1].second;
    if (!known_bad && check(product(group_f_, glo, ghi), lo, hi)) return mark(lo, hi, true);
    if (ghi - glo == 1) {
      // Split the failing group into single proofs, each with its own Miller loop.
      stats_.single_miller_loops += hi - lo;
      tbb::parallel_for(lo, hi, [&](size_t p) {
        const auto b = Ops::prepare(proof_at(p).b);
        const std::array<const typename Ops::G2Prepared*, 1> q{&b};
        single_f_[p] = Ops::multi_miller_loop(std::span<const G1Affine>(&ar_[p], 1), q);
      });
      return bisect_singles(lo, hi, /*known_bad=*/true);
    }
    const size_t mid = glo + (ghi - glo) / 2;
    if (check(product(group_f_, glo, mid), lo, groups_[mid - 1].second)) {
      mark(lo, groups_[mid - 1].second, true);
      bisect_groups(mid, ghi, true);
    } else {
      bisect_groups(glo, mid, true);
      bisect_groups(mid, ghi, false);
    }
  }

  void bisect_singles(size_t lo, size_t hi, bool known_bad) {
    if (!known_bad && check(product(single_f_, lo, hi), lo, hi)) return mark(lo, hi, true);
    if (hi - lo == 1) return mark(lo, hi, false);
    const size_t mid = lo + (hi - lo) / 2;
    if (check(product(single_f_, lo, mid), lo, mid)) {
      mark(lo, mid, true);
      bisect_singles(mid, hi, true);
    } else {
      bisect_singles(lo, mid, true);
      bisect_singles(mid, hi, false);
    }
  }

  const PreparedVerifyingKey<E>& pvk_;
  std::span<const BatchItem<E>> items_;
  std::vector<VerifyResult>& out_;
  BatchStats& stats_;
  std::vector<size_t> pos_;  // item index of each well-formed proof
  std::vector<Fr> r_;
  std::vector<G1Affine> ar_;  // r_p * A_p
  std::vector<std::pair<size_t, size_t>> groups_;
  std::vector<GT> group_f_, single_f_;
};

}  // namespace

template <class E>
std::vector<VerifyResult> verify_batch(const PreparedVerifyingKey<E>& pvk,
                                       std::span<const BatchItem<E>> items, util::RandomSource& rng,
                                       const BatchOptions& options, BatchStats* stats) {
  std::vector<VerifyResult> out(items.size());
  BatchStats local;
  BatchRun<E>(pvk, items, out, stats ? *stats : local).run(rng, options);
  return out;
}

template std::vector<VerifyResult> verify_batch(const PreparedVerifyingKey<Bls12_381Engine>&,
                                                std::span<const BatchItem<Bls12_381Engine>>,
                                                util::RandomSource&, const BatchOptions&,
                                                BatchStats*);
template std::vector<VerifyResult> verify_batch(const PreparedVerifyingKey<Bn254Engine>&,
                                                std::span<const BatchItem<Bn254Engine>>,
                                                util::RandomSource&, const BatchOptions&,
                                                BatchStats*);

}  // namespace supervm::zk
