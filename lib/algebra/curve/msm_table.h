// MSM with precomputed bases, for bases that serve many MSMs (a proving key's queries over many
// proofs). For a window width c and W = ceil((bits + 1) / c) windows the table stores
// T[i][w] = 2^(c w) * P_i, so that
//   sum_i k_i P_i = sum_i sum_w d_{i,w} * T[i][w]      (d: signed base-2^c digits of k_i)
// is one Pippenger window over n * W points: a single set of 2^(c-1) buckets and one running-sum
// reduction instead of W of each, and no doublings between windows. The additions are the same
// batched affine ones as curve/msm.h. Memory: n * W affine points. Building costs n * W * c
// doublings, about as much as a few MSMs, so it pays from a handful of uses on.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <span>
#include <stdexcept>
#include <vector>

#include "algebra/curve/msm.h"
#include "algebra/curve/msm_buckets.h"
#include "algebra/curve/point.h"

namespace supervm::algebra::curve {

template <class Cfg>
class MsmTable {
 public:
  using A = Affine<Cfg>;
  using J = Jacobian<Cfg>;
  using Scalar = typename Cfg::Scalar;

  MsmTable() = default;
  // c = 0 picks the width from the number of bases (cost model below).
  explicit MsmTable(std::span<const A> bases, unsigned c = 0)
      : c_(c != 0 ? c : choose_window(bases.size())),
        windows_(msm_detail::num_windows(Scalar::kModulusBits, c_)),
        n_(bases.size()),
        points_(n_ * windows_) {
    if (c_ < 2 || c_ > 16) throw std::invalid_argument("MsmTable: window width must be 2..16");
    tbb::parallel_for(tbb::blocked_range<size_t>(0, n_, 64), [&](const auto& r) {
      std::vector<J> row(windows_ * (r.end() - r.begin()));
      for (size_t i = r.begin(); i < r.end(); ++i) {
        J p(bases[i]);
        J* out = &row[(i - r.begin()) * windows_];
        for (unsigned w = 0; w < windows_; ++w) {
          out[w] = p;
          if (w + 1 < windows_)
            for (unsigned k = 0; k < c_; ++k) p = p.dbl();
        }
      }
      std::vector<A> aff(row.size());
      batch_to_affine<Cfg>(row, aff);
      std::copy(aff.begin(), aff.end(), points_.begin() + ptrdiff_t(r.begin() * windows_));
    });
  }

  size_t size() const { return n_; }
  unsigned window() const { return c_; }
  size_t memory_bytes() const { return points_.size() * sizeof(A); }
  // Bytes a table for n bases would take.
  static size_t memory_for(size_t n) {
    return n * msm_detail::num_windows(Scalar::kModulusBits, choose_window(n)) * sizeof(A);
  }

  // Cost per window width (field multiplications): n * W batched affine additions (6.5 plus an
  // inversion shared by a batch of a quarter of the buckets) and one reduction of 2^(c-1)
  // buckets (24 each).
  static unsigned choose_window(size_t n) {
    constexpr bool kPrimeField = requires {
      Cfg::Field::kLimbs;
    };
    const double inv_cost = kPrimeField ? 280.0 : 100.0;
    unsigned best = 2;
    double best_cost = 1e300;
    for (unsigned c = 2; c <= 16; ++c) {
      const double half = double(size_t{1} << (c - 1));
      const double cap = std::clamp(half / 4, 1.0, 1024.0);
      const double cost =
          double(n) * msm_detail::num_windows(Scalar::kModulusBits, c) * (6.5 + inv_cost / cap) +
          half * 24.0;
      if (cost < best_cost) {
        best_cost = cost;
        best = c;
      }
    }
    return best;
  }

  // sum_i scalars[i] * bases[i]; scalars.size() must equal size() (std::invalid_argument).
  J msm(std::span<const Scalar> scalars) const {
    if (scalars.size() != n_) throw std::invalid_argument("MsmTable::msm: size mismatch");
    if (n_ == 0) return J();
    const uint32_t half = 1u << (c_ - 1);
    const size_t threads = static_cast<size_t>(tbb::this_task_arena::max_concurrency());
    const size_t chunks =
        std::clamp<size_t>(n_ * windows_ / (16 * size_t(half)), 1, std::max<size_t>(threads, 1));
    const size_t chunk_len = (n_ + chunks - 1) / chunks;
    std::vector<J> sums(chunks);
    tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks, 1), [&](const auto& r) {
      for (size_t ch = r.begin(); ch < r.end(); ++ch) {
        const size_t lo = ch * chunk_len, hi = std::min(n_, lo + chunk_len);
        msm_detail::Buckets<Cfg> buckets(half, true, std::clamp<size_t>(half / 4, 1, 1024));
        for (size_t i = lo; i < hi; ++i) {
          const A* row = &points_[i * windows_];
          if (row[0].infinity || scalars[i].is_zero()) continue;
          const auto l = scalars[i].to_canonical();
          static_assert(l.size() == 4);
          const std::array<uint64_t, 4> k{l[0], l[1], l[2], l[3]};
          uint32_t carry = 0;
          for (unsigned w = 0; w < windows_; ++w) {
            uint32_t v = msm_detail::window_bits(k, w * c_, c_) + carry;
            carry = v > half ? 1 : 0;
            const int32_t dw = carry ? int32_t(v) - int32_t(1u << c_) : int32_t(v);
            if (dw != 0)
              buckets.add(static_cast<uint32_t>((dw > 0 ? dw : -dw) - 1), &row[w], dw < 0);
          }
        }
        buckets.finish();
        sums[ch] = buckets.window_sum(0, half).to_jacobian();
      }
    });
    J acc;
    for (const J& s : sums) acc = acc + s;
    return acc;
  }

 private:
  unsigned c_ = 2;
  unsigned windows_ = 0;
  size_t n_ = 0;
  std::vector<A> points_;  // points_[i * windows_ + w] = 2^(c w) * bases[i]
};

}  // namespace supervm::algebra::curve
