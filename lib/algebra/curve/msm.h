// Multi-scalar multiplication sum_i k_i * P_i (Pippenger's bucket method), for every group.
//
// - Scalars are recoded into signed base-2^c digits in [-2^(c-1), 2^(c-1)], so each window
//   needs only 2^(c-1) buckets; a negative digit adds -P_i (free in affine).
// - The window width c minimises a cost model of the windows times (n bucket additions +
//   2^(c-1) reduction additions).
// - Large inputs accumulate buckets in affine coordinates with batched additions: the
//   denominators of up to kBatch independent affine additions share one field inversion
//   (Montgomery's trick), ~6 multiplications per addition instead of 11 for a mixed
//   Jacobian addition. Additions that would touch a bucket already in the pending batch wait
//   for the next batch; exceptional cases (P + P, P + (-P)) and second collisions go to a
//   Jacobian overflow bucket of the same index. Small inputs use Jacobian buckets only.
// - TBB parallelism over (window, chunk of points) tasks; window sums are combined with c
//   doublings each (Horner).
// - Groups with a cheap endomorphism (BLS12-381 G1: phi, G2: psi) first split every scalar into
//   2 (resp. 4) short ones with extra bases phi(P) (resp. psi^i(P)); this assumes the bases are
//   in the prime-order subgroup, which every decoder in this library enforces.
// Zero scalars, points at infinity and repeated points are all allowed. Not constant time:
// public scalars only.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <span>
#include <stdexcept>
#include <vector>

#include "algebra/curve/point.h"

namespace supervm::algebra::curve {

struct MsmOptions {
  int window = 0;         // c; 0 = chosen from n by a cost model
  int batch_affine = -1;  // -1 = chosen by the cost model, 0 = Jacobian buckets, 1 = batch affine
  bool no_endomorphism = false;  // do not split scalars with GLV/GLS (testing)
};

namespace msm_detail {

// Bits [start, start + c) of a little-endian limb array (c <= 16).
template <size_t N>
inline uint32_t window_bits(const std::array<uint64_t, N>& k, unsigned start, unsigned c) {
  unsigned limb = start / 64, off = start % 64;
  if (limb >= N) return 0;
  uint64_t v = k[limb] >> off;
  if (off + c > 64 && limb + 1 < N) v |= k[limb + 1] << (64 - off);
  return static_cast<uint32_t>(v & ((uint64_t{1} << c) - 1));
}

inline unsigned num_windows(unsigned bits, unsigned c) { return (bits + 1 + c - 1) / c; }

// Pending affine additions per batch: a quarter of the buckets keeps collisions (additions
// that must wait for the next batch) rare; at most 1024 to bound the scratch memory.
inline size_t batch_capacity(uint32_t buckets) {
  return std::clamp<size_t>(buckets / 4, 1, 1024);
}

// Cost model in coordinate-field multiplications: windows * (n additions + 2^(c-1) * 26 for
// the running-sum reduction). A batched affine addition costs ~7 plus its share of the
// inversion (inv_cost / batch); a mixed Jacobian addition ~10.
struct WindowChoice {
  unsigned c;
  bool batch_affine;
};
inline WindowChoice choose_window(size_t n, unsigned bits, double inv_cost, int force_batch) {
  WindowChoice best{2, false};
  double best_cost = 1e300;
  for (unsigned c = 2; c <= 16; ++c) {
    for (int batch = 0; batch <= 1; ++batch) {
      if (force_batch >= 0 && batch != force_batch) continue;
      double add = batch ? 7.0 + inv_cost / double(batch_capacity(1u << (c - 1))) : 10.0;
      double cost = num_windows(bits, c) * (double(n) * add + double(1u << (c - 1)) * 26.0);
      if (cost < best_cost) {
        best_cost = cost;
        best = {c, batch == 1};
      }
    }
  }
  return best;
}

// Buckets of one (window, chunk) task.
template <class Cfg>
class Buckets {
 public:
  using A = Affine<Cfg>;
  using J = Jacobian<Cfg>;
  using F = typename Cfg::Field;
  Buckets(size_t count, bool batch_affine)
      : batch_affine_(batch_affine), batch_cap_(batch_capacity(uint32_t(count))), jac_(count), aff_(batch_affine ? count : 0),
        has_aff_(batch_affine ? count : 0, 0), stamp_(batch_affine ? count : 0, 0) {
    if (batch_affine) {
      batch_bucket_.reserve(batch_cap_);
      batch_point_.reserve(batch_cap_);
      den_.resize(batch_cap_);
      prefix_.resize(batch_cap_);
    }
  }

  void add(uint32_t b, const A& p) {
    if (!batch_affine_) {
      jac_[b] = jac_[b].add_mixed(p);
      return;
    }
    if (stamp_[b] == cur_) {  // bucket already in the pending batch: wait for the next one
      queue_.push_back({b, p});
      return;
    }
    add_affine(b, p);
  }

  // sum_b (b + 1) * bucket_b by the running-sum method.
  J reduce() {
    if (batch_affine_) {
      while (!batch_bucket_.empty() || !queue_.empty()) flush();
    }
    J running, total;
    for (size_t b = jac_.size(); b-- > 0;) {
      if (batch_affine_ && has_aff_[b]) running = running.add_mixed(aff_[b]);
      if (!jac_[b].is_infinity()) running = running + jac_[b];
      total = total + running;
    }
    return total;
  }

 private:
  struct Pending {
    uint32_t b;
    A p;
  };

  void add_affine(uint32_t b, const A& p) {
    if (!has_aff_[b]) {
      aff_[b] = p;
      has_aff_[b] = 1;
      return;
    }
    if (field_equal(aff_[b].x, p.x)) {  // doubling or cancellation: rare, handled in Jacobian
      jac_[b] = jac_[b].add_mixed(p);
      return;
    }
    stamp_[b] = cur_;
    batch_bucket_.push_back(b);
    batch_point_.push_back(p);
    if (batch_bucket_.size() == batch_cap_) flush();
  }

  // Executes the pending affine additions with one inversion, then retries the waiting ones;
  // a waiting addition that collides again goes to the Jacobian bucket (bounded latency even
  // when every point lands in the same bucket).
  void flush() {
    const size_t m = batch_bucket_.size();
    if (m) {
      F acc = F::one();
      for (size_t j = 0; j < m; ++j) {
        den_[j] = batch_point_[j].x - aff_[batch_bucket_[j]].x;
        prefix_[j] = acc;
        acc = acc * den_[j];
      }
      F inv = field_inverse(acc);
      for (size_t j = m; j-- > 0;) {
        F dinv = inv * prefix_[j];
        inv = inv * den_[j];
        A& q = aff_[batch_bucket_[j]];
        const A& p = batch_point_[j];
        F lambda = (p.y - q.y) * dinv;
        F x3 = lambda.square() - q.x - p.x;
        q.y = lambda * (q.x - x3) - q.y;
        q.x = x3;
      }
      batch_bucket_.clear();
      batch_point_.clear();
    }
    ++cur_;
    std::vector<Pending> waiting;
    waiting.swap(queue_);
    for (const auto& w : waiting) {
      if (stamp_[w.b] == cur_) {
        jac_[w.b] = jac_[w.b].add_mixed(w.p);
      } else {
        add_affine(w.b, w.p);
      }
    }
  }

  bool batch_affine_;
  size_t batch_cap_;
  std::vector<J> jac_;
  std::vector<A> aff_;
  std::vector<uint8_t> has_aff_;
  std::vector<uint32_t> stamp_;
  uint32_t cur_ = 1;
  std::vector<uint32_t> batch_bucket_;
  std::vector<A> batch_point_;
  std::vector<F> den_, prefix_;
  std::vector<Pending> queue_;
};

// Core: bases with scalars given as canonical little-endian limbs of at most `bits` bits.
template <class Cfg>
Jacobian<Cfg> msm_core(std::span<const Affine<Cfg>> bases,
                       std::span<const std::array<uint64_t, 4>> scalars, unsigned bits,
                       MsmOptions opt) {
  using J = Jacobian<Cfg>;
  const size_t n = bases.size();
  if (n == 0) return J();
  // Inversion cost in multiplications of the coordinate field (measured: ~280 for Fp of both
  // curves with the variable-time inversion, ~100 Fp2 multiplications for Fp2).
  constexpr bool kPrimeField = requires { Cfg::Field::kLimbs; };
  const double inv_cost = kPrimeField ? 280.0 : 100.0;
  WindowChoice choice = choose_window(n, bits, inv_cost, opt.batch_affine);
  const bool batch = choice.batch_affine;
  const unsigned c = opt.window > 0 ? static_cast<unsigned>(opt.window) : choice.c;
  const unsigned windows = num_windows(bits, c);
  const uint32_t half = 1u << (c - 1);

  // Signed digits, window-major: digit[w * n + i].
  std::vector<int32_t> digits(size_t(windows) * n);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 1024), [&](const auto& r) {
    for (size_t i = r.begin(); i < r.end(); ++i) {
      const auto& k = scalars[i];
      uint32_t carry = 0;
      for (unsigned w = 0; w < windows; ++w) {
        uint32_t d = window_bits(k, w * c, c) + carry;
        carry = d > half ? 1 : 0;
        digits[size_t(w) * n + i] = carry ? int32_t(d) - int32_t(1u << c) : int32_t(d);
      }
    }
  });

  // Tasks: every window, split into chunks of points when windows alone cannot occupy the
  // threads and the chunks stay large compared with the bucket count.
  const size_t threads = static_cast<size_t>(tbb::this_task_arena::max_concurrency());
  size_t chunks = 1;
  if (threads > 1 && windows < 2 * threads) {
    chunks = std::min<size_t>((2 * threads + windows - 1) / windows, std::max<size_t>(1, n / (4 * half)));
  }
  const size_t chunk_len = (n + chunks - 1) / chunks;
  std::vector<J> sums(size_t(windows) * chunks);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, sums.size(), 1), [&](const auto& r) {
    for (size_t t = r.begin(); t < r.end(); ++t) {
      const size_t w = t / chunks, ch = t % chunks;
      const size_t lo = ch * chunk_len, hi = std::min(n, lo + chunk_len);
      Buckets<Cfg> buckets(half, batch);
      const int32_t* dw = digits.data() + w * n;
      for (size_t i = lo; i < hi; ++i) {
        const int32_t d = dw[i];
        if (d == 0 || bases[i].infinity) continue;
        if (d > 0) {
          buckets.add(static_cast<uint32_t>(d - 1), bases[i]);
        } else {
          buckets.add(static_cast<uint32_t>(-d - 1), -bases[i]);
        }
      }
      sums[t] = buckets.reduce();
    }
  });

  J acc;
  for (size_t w = windows; w-- > 0;) {
    for (unsigned i = 0; i < c; ++i) acc = acc.dbl();
    for (size_t ch = 0; ch < chunks; ++ch) acc = acc + sums[w * chunks + ch];
  }
  return acc;
}

// Groups with an efficient endomorphism declare in their config
//   static constexpr size_t kMsmSplit;        // m: points per input point
//   static constexpr unsigned kMsmSplitBits;  // bit length of the split scalars
//   static void msm_split(const Affine&, const Scalar&, Affine* m_points, std::array<uint64_t,4>* m_scalars);
// so that k*P = sum_j k_j * P_j with short k_j (GLV/GLS): fewer windows, same number of
// bucket additions. Valid for points of the prime-order subgroup only.
template <class Cfg>
Jacobian<Cfg> msm_impl(std::span<const Affine<Cfg>> bases,
                       std::span<const typename Cfg::Scalar> scalars, MsmOptions opt) {
  using A = Affine<Cfg>;
  if (bases.size() != scalars.size()) throw std::invalid_argument("msm: size mismatch");
  const size_t n = bases.size();
  if constexpr (requires { Cfg::kMsmSplit; }) {
    if (!opt.no_endomorphism) {
      constexpr size_t m = Cfg::kMsmSplit;
      std::vector<A> pts(n * m);
      std::vector<std::array<uint64_t, 4>> ks(n * m);
      tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 1024), [&](const auto& r) {
        for (size_t i = r.begin(); i < r.end(); ++i)
          Cfg::msm_split(bases[i], scalars[i], &pts[i * m], &ks[i * m]);
      });
      return msm_core<Cfg>(pts, ks, Cfg::kMsmSplitBits, opt);
    }
  }
  std::vector<std::array<uint64_t, 4>> ks(n);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 1024), [&](const auto& r) {
    for (size_t i = r.begin(); i < r.end(); ++i) {
      auto l = scalars[i].to_canonical();
      static_assert(l.size() == 4);
      ks[i] = {l[0], l[1], l[2], l[3]};
    }
  });
  return msm_core<Cfg>(bases, ks, Cfg::Scalar::kModulusBits, opt);
}

}  // namespace msm_detail

// sum_i scalars[i] * bases[i]; bases and scalars are contiguous ranges of equal length
// (std::vector or std::span of Affine<Cfg> and Fr). Throws std::invalid_argument on mismatch.
template <class BaseRange, class ScalarRange>
auto msm(const BaseRange& bases, const ScalarRange& scalars, MsmOptions opt = {}) {
  using A = std::ranges::range_value_t<BaseRange>;
  using Cfg = typename A::Config;
  return msm_detail::msm_impl<Cfg>(
      std::span<const A>(std::ranges::data(bases), std::ranges::size(bases)),
      std::span<const typename Cfg::Scalar>(std::ranges::data(scalars), std::ranges::size(scalars)),
      opt);
}

}  // namespace supervm::algebra::curve
