// Multi-scalar multiplication sum_i k_i * P_i (Pippenger's bucket method), for every group.
//
// - Scalars are recoded into signed base-2^c digits in [-2^(c-1), 2^(c-1)), so each window
//   needs only 2^(c-1) buckets; a negative digit adds -P_i (free in affine). The digits come
//   from k + H with H = 2^(c-1) in every window (offset_windows): one bit-field extraction each
//   while the buckets are filled, instead of a digit array written in a pass of its own (-11 ms
//   of ~450 for BLS12-381 G1 at 2^16). The number of windows follows the longest scalar
//   actually present, and zero scalars and points at infinity are left out of the cost model.
// - Buckets accumulate in affine coordinates with batched additions (curve/msm_buckets.h: one
//   inversion per batch of up to 1024 independent additions, ~6 multiplications each) or, where
//   the model says so or when forced, in XYZZ coordinates (curve/msm_xyzz.h). Window sums use
//   the running-sum method in XYZZ.
// - A task owns the buckets of one or more windows for a chunk of the points. Small inputs put
//   several windows into one task, so that a batch still has enough distinct buckets to fill
//   it (batching across windows: a 584-point MSM is as cheap per addition as a large one).
// - The window width c minimises a cost model (field multiplications, below).
// - TBB parallelism over the (window group, chunk of points) tasks; large scratch arrays are
//   filled in parallel without a serial zero-fill; window sums are combined with c doublings
//   each (Horner).
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
#include <bit>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <span>
#include <stdexcept>
#include <vector>

#include "algebra/curve/msm_buckets.h"
#include "algebra/curve/point.h"

namespace supervm::algebra::curve {

struct MsmOptions {
  int window = 0;         // c; 0 = chosen from n by a cost model
  int batch_affine = -1;  // -1 = chosen by the cost model, 0 = XYZZ buckets, 1 = batch affine
  bool no_endomorphism = false;  // do not split scalars with GLV/GLS (testing)
  int task_buckets = 0;  // batch affine: windows share a task until it has this many buckets
                         // (0 = kTaskBuckets; 1 = one window per task)
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

// The signed recoding can carry out of the top bit, hence bits + 1 (MsmTable).
inline unsigned num_windows(unsigned bits, unsigned c) {
  return (bits + 1 + c - 1) / c;
}

// Windows of the offset recoding of msm_core: digit w of k is
// window_bits(k + H, w c, c) - 2^(c-1) with H = sum_w 2^(c-1) 2^(c w), so each digit is read on
// its own (no carry chain between windows). Exact when k + H < 2^(c W), which needs
// c W >= bits + 2 (H alone is just above 2^(c W - 1)).
inline unsigned offset_windows(unsigned bits, unsigned c) {
  return (bits + 2 + c - 1) / c;
}

// How the windows are grouped into tasks and how large a batch is.
struct Plan {
  unsigned c = 2;
  bool batch_affine = false;
  unsigned windows = 1;
  unsigned windows_per_task = 1;
  size_t batch_cap = 1;
};

// A task should have at least this many buckets in batch-affine mode: a batch of a quarter of
// them keeps collisions (additions that must wait for the next batch) rare, and the bucket
// array stays cache-resident. Measured on 2^10-point MSMs (bench_algebra,
// SUPERVM_MSM_TASK_BUCKETS): 512 beat 1 (one window per task), 1024, 2048 and 4096 on
// BLS12-381 G1 and BN254 G1/G2 by 5-25%; the larger sets lose to cache misses.
constexpr size_t kTaskBuckets = 512;
// A top window that reaches fewer buckets than this uses XYZZ buckets (msm_core).
constexpr size_t kMinTopBuckets = 128;

inline Plan make_plan(unsigned bits, unsigned c, bool batch, size_t task_buckets) {
  Plan p;
  p.c = c;
  p.batch_affine = batch;
  p.windows = offset_windows(bits, c);
  const size_t half = size_t{1} << (c - 1);
  if (batch) {
    unsigned wpt =
        static_cast<unsigned>(std::min<size_t>(p.windows, (task_buckets + half - 1) / half));
    const unsigned groups = (p.windows + wpt - 1) / wpt;
    p.windows_per_task = (p.windows + groups - 1) / groups;
    p.batch_cap = std::clamp<size_t>(p.windows_per_task * half / 4, 1, 1024);
  }
  return p;
}

// Cost model in multiplications of the coordinate field, for n active points: per window n
// bucket additions plus 2^(c-1) * 24 for the running-sum reduction (XYZZ madd 10 + add 14);
// a batched affine addition costs ~6.5 plus its share of an inversion, an XYZZ madd 10; every
// task ends with one more inversion.
inline double plan_cost(const Plan& p, size_t n, double inv_cost) {
  const double half = double(size_t{1} << (p.c - 1));
  double add = 10.0;
  double tail = 0.0;
  if (p.batch_affine) {
    const double per_task = double(n) * p.windows_per_task;
    add = 6.5 + inv_cost / std::min(double(p.batch_cap), std::max(per_task, 1.0));
    tail = inv_cost * ((p.windows + p.windows_per_task - 1) / p.windows_per_task);
  }
  return p.windows * (double(n) * add + half * 24.0) + tail;
}

inline Plan choose_plan(size_t n, unsigned bits, double inv_cost, const MsmOptions& opt) {
  const int force_window = opt.window, force_batch = opt.batch_affine;
  const size_t task_buckets = opt.task_buckets > 0 ? size_t(opt.task_buckets) : kTaskBuckets;
  Plan best;
  double best_cost = 1e300;
  for (unsigned c = 2; c <= 16; ++c) {
    if (force_window > 0 && c != unsigned(force_window)) continue;
    for (int batch = 0; batch <= 1; ++batch) {
      if (force_batch >= 0 && batch != force_batch) continue;
      Plan p = make_plan(bits, c, batch == 1, task_buckets);
      double cost = plan_cost(p, n, inv_cost);
      if (cost < best_cost) {
        best_cost = cost;
        best = p;
      }
    }
  }
  if (force_window > 0 && best_cost == 1e300)  // c > 16 forced: plain buckets
    best = make_plan(bits, unsigned(force_window), force_batch == 1, task_buckets);
  return best;
}

// Core: bases with scalars given as canonical little-endian limbs of at most `bits` bits; the
// L limbs leave room for the offset H (64 L >= bits + 2 + 15). The scalars are overwritten.
template <class Cfg, size_t L>
Jacobian<Cfg> msm_core(std::span<const Affine<Cfg>> bases,
                       std::span<std::array<uint64_t, L>> scalars, unsigned bits, MsmOptions opt) {
  using J = Jacobian<Cfg>;
  const size_t n = bases.size();
  if (n == 0) return J();

  // Active terms and the longest scalar among them.
  size_t active = 0;
  std::array<uint64_t, L> any{};
  for (size_t i = 0; i < n; ++i) {
    const auto& k = scalars[i];
    uint64_t nonzero = 0;
    for (size_t l = 0; l < L; ++l) nonzero |= k[l];
    if (bases[i].infinity || nonzero == 0) continue;
    ++active;
    for (size_t l = 0; l < L; ++l) any[l] |= k[l];
  }
  if (active == 0) return J();
  unsigned top = 0;
  for (size_t l = L; l-- > 0;) {
    if (any[l]) {
      top = 64 * unsigned(l) + unsigned(std::bit_width(any[l]));
      break;
    }
  }
  bits = std::min(bits, top);

  // Inversion cost in multiplications of the coordinate field (measured: ~280 for Fp of both
  // curves with the variable-time inversion, ~100 Fp2 multiplications for Fp2).
  constexpr bool kPrimeField = requires {
    Cfg::Field::kLimbs;
  };
  const double inv_cost = kPrimeField ? 280.0 : 100.0;
  const Plan plan = choose_plan(active, bits, inv_cost, opt);
  const unsigned c = plan.c;
  const unsigned windows = plan.windows;
  const uint32_t half = 1u << (c - 1);
  if (size_t(c) * windows > 64 * L) throw std::logic_error("msm: scalar limbs too short");

  // k += H (offset_windows); digit(i, w) is then one bit-field extraction.
  std::array<uint64_t, L> offset{};
  for (unsigned w = 0; w < windows; ++w) {
    const unsigned bit = w * c + c - 1;
    offset[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 4096), [&](const auto& r) {
    for (size_t i = r.begin(); i < r.end(); ++i) {
      auto& k = scalars[i];
      unsigned __int128 carry = 0;
      for (size_t l = 0; l < L; ++l) {
        carry += static_cast<unsigned __int128>(k[l]) + offset[l];
        k[l] = static_cast<uint64_t>(carry);
        carry >>= 64;
      }
    }
  });
  const auto digit = [&](size_t i, size_t w) {
    return int32_t(window_bits(scalars[i], unsigned(w) * c, c)) - int32_t(half);
  };
  // The top window holds only the bits of k above c (W - 1) (plus a carry): |digit| <=
  // 2^(bits - c (W - 1)), often far fewer than 2^(c-1) buckets (BN254 without GLV at c = 13:
  // 129 of 4096). Its batches are sized to the buckets it can reach, so they fill instead of
  // most additions waiting for a batch that never does; below kMinTopBuckets buckets a batch
  // would be too small to pay for its inversion and the window uses XYZZ buckets.
  const unsigned top_bits = bits > c * (windows - 1) ? bits - c * (windows - 1) : 0;
  const size_t top_buckets = std::min<size_t>(half, (size_t{1} << std::min(top_bits, c)) + 1);

  // Tasks: every group of windows, split into chunks of points when the groups alone cannot
  // occupy the threads and the chunks stay large compared with the bucket count.
  const unsigned wpt = plan.windows_per_task;
  const size_t groups = (windows + wpt - 1) / wpt;
  const size_t threads = static_cast<size_t>(tbb::this_task_arena::max_concurrency());
  size_t chunks = 1;
  if (threads > 1 && groups < 2 * threads) {
    chunks = std::min<size_t>((2 * threads + groups - 1) / groups,
                              std::max<size_t>(1, active / (4 * half)));
  }
  const size_t chunk_len = (n + chunks - 1) / chunks;
  std::vector<J> sums(size_t(windows) * chunks);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, groups * chunks, 1), [&](const auto& r) {
    for (size_t t = r.begin(); t < r.end(); ++t) {
      const size_t g = t / chunks, ch = t % chunks;
      const size_t w0 = g * wpt, w1 = std::min<size_t>(windows, w0 + wpt);
      const size_t lo = ch * chunk_len, hi = std::min(n, lo + chunk_len);
      size_t cap = plan.batch_cap;
      bool batch_affine = plan.batch_affine;
      if (w0 + 1 == windows && w1 - w0 == 1) {
        cap = std::clamp<size_t>(top_buckets / 4, 1, cap);
        batch_affine = batch_affine && top_buckets >= kMinTopBuckets;
      }
      Buckets<Cfg> buckets((w1 - w0) * half, batch_affine, cap);
      if (w1 - w0 == 1) {
        constexpr size_t kAhead = 8;  // prefetch distance, in points
        for (size_t i = lo; i < hi; ++i) {
          if (i + kAhead < hi) {
            const int32_t da = digit(i + kAhead, w0);
            if (da != 0) buckets.prefetch(static_cast<uint32_t>((da > 0 ? da : -da) - 1));
          }
          const int32_t d = digit(i, w0);
          if (d == 0 || bases[i].infinity) continue;
          buckets.add(static_cast<uint32_t>((d > 0 ? d : -d) - 1), &bases[i], d < 0);
        }
      } else {
        for (size_t i = lo; i < hi; ++i) {
          if (bases[i].infinity) continue;
          for (size_t w = w0; w < w1; ++w) {
            const int32_t d = digit(i, w);
            if (d == 0) continue;
            const uint32_t b = static_cast<uint32_t>((w - w0) * half) +
                               static_cast<uint32_t>((d > 0 ? d : -d) - 1);
            buckets.add(b, &bases[i], d < 0);
          }
        }
      }
      buckets.finish();
      for (size_t w = w0; w < w1; ++w)
        sums[w * chunks + ch] = buckets.window_sum((w - w0) * half, half).to_jacobian();
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
//   static void msm_split(const Affine&, const Scalar&, Affine* m_points, std::array<uint64_t,4>*
//   m_scalars);
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
      RawArray<A> pts_mem = raw_array<A>(n * m);
      RawArray<std::array<uint64_t, 4>> ks_mem = raw_array<std::array<uint64_t, 4>>(n * m);
      A* pts = pts_mem.get();
      std::array<uint64_t, 4>* ks = ks_mem.get();
      tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 1024), [&](const auto& r) {
        for (size_t i = r.begin(); i < r.end(); ++i)
          Cfg::msm_split(bases[i], scalars[i], &pts[i * m], &ks[i * m]);
      });
      static_assert(Cfg::kMsmSplitBits + 2 + 15 <= 256);
      return msm_core<Cfg, 4>(std::span<const A>(pts, n * m),
                              std::span<std::array<uint64_t, 4>>(ks, n * m), Cfg::kMsmSplitBits,
                              opt);
    }
  }
  // A fifth limb for the offset H of the digits (up to 256 + 15 bits).
  RawArray<std::array<uint64_t, 5>> ks = raw_array<std::array<uint64_t, 5>>(n);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 1024), [&](const auto& r) {
    for (size_t i = r.begin(); i < r.end(); ++i) {
      auto l = scalars[i].to_canonical();
      static_assert(l.size() == 4);
      ks[i] = {l[0], l[1], l[2], l[3], 0};
    }
  });
  return msm_core<Cfg, 5>(bases, std::span<std::array<uint64_t, 5>>(ks.get(), n),
                          Cfg::Scalar::kModulusBits, opt);
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
