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
  int window = 0;        // c; 0 = chosen from n
  int batch_affine = -1; // -1 = automatic (n >= 256), 0 = Jacobian buckets only, 1 = batch affine
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

// Cost model in field multiplications; add_cost ~ 6 (batch affine) or 10 (mixed Jacobian).
inline unsigned choose_window(size_t n, unsigned bits, double add_cost) {
  unsigned best = 2;
  double best_cost = 1e300;
  for (unsigned c = 2; c <= 16; ++c) {
    double cost = num_windows(bits, c) * (double(n) * add_cost + double(1u << (c - 1)) * 26.0);
    if (cost < best_cost) {
      best_cost = cost;
      best = c;
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
  static constexpr size_t kBatch = 256;

  Buckets(size_t count, bool batch_affine)
      : batch_affine_(batch_affine), jac_(count), aff_(batch_affine ? count : 0),
        has_aff_(batch_affine ? count : 0, 0), stamp_(batch_affine ? count : 0, 0) {
    if (batch_affine) {
      batch_bucket_.reserve(kBatch);
      batch_point_.reserve(kBatch);
      den_.resize(kBatch);
      prefix_.resize(kBatch);
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
    if (aff_[b].x == p.x) {  // doubling or cancellation: rare, handled in Jacobian
      jac_[b] = jac_[b].add_mixed(p);
      return;
    }
    stamp_[b] = cur_;
    batch_bucket_.push_back(b);
    batch_point_.push_back(p);
    if (batch_bucket_.size() == kBatch) flush();
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

template <class Cfg>
Jacobian<Cfg> msm_impl(std::span<const Affine<Cfg>> bases,
                       std::span<const typename Cfg::Scalar> scalars, MsmOptions opt) {
  using J = Jacobian<Cfg>;
  using Scalar = typename Cfg::Scalar;
  if (bases.size() != scalars.size()) throw std::invalid_argument("msm: size mismatch");
  const size_t n = bases.size();
  if (n == 0) return J();
  const unsigned bits = Scalar::kModulusBits;
  const bool batch = opt.batch_affine < 0 ? n >= 256 : opt.batch_affine == 1;
  const unsigned c = opt.window > 0 ? static_cast<unsigned>(opt.window)
                                    : choose_window(n, bits, batch ? 6.5 : 10.0);
  const unsigned windows = num_windows(bits, c);
  const uint32_t half = 1u << (c - 1);

  // Signed digits, window-major: digit[w * n + i].
  std::vector<int32_t> digits(size_t(windows) * n);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 1024), [&](const auto& r) {
    for (size_t i = r.begin(); i < r.end(); ++i) {
      auto k = scalars[i].to_canonical();
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
