// Fixed-base windowed table for many multiplications of one base point (trusted setup:
// powers of tau, proving-key generation). For window width w the table holds
// d * 2^(w*j) * B for every window j and d = 1..2^(w-1) in affine form; a scalar is recoded
// into signed base-2^w digits, so k*B costs one mixed addition per window and no doubling.
// Memory: ceil((bits+1)/w) * 2^(w-1) affine points (w = 8, 255 bits: 32 * 128 points).
// Variable time (public scalars only — trusted-setup secrets must not use it without masking).
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <span>
#include <stdexcept>
#include <vector>

#include "algebra/curve/point.h"

namespace supervm::algebra::curve {

template <class Cfg>
class FixedBaseTable {
 public:
  using A = Affine<Cfg>;
  using J = Jacobian<Cfg>;
  using Scalar = typename Cfg::Scalar;

  explicit FixedBaseTable(const J& base, unsigned scalar_bits = Scalar::kModulusBits,
                          unsigned window = 8)
      : bits_(scalar_bits), w_(window), windows_((scalar_bits + 1 + window - 1) / window),
        half_(1u << (window - 1)) {
    if (window < 2 || window > 16) throw std::invalid_argument("FixedBaseTable: window 2..16");
    std::vector<J> starts(windows_);
    J b = base;
    for (unsigned j = 0; j < windows_; ++j) {
      starts[j] = b;
      for (unsigned i = 0; i < w_; ++i) b = b.dbl();
    }
    table_.resize(size_t(windows_) * half_);
    tbb::parallel_for(tbb::blocked_range<unsigned>(0, windows_, 1), [&](const auto& r) {
      std::vector<J> row(half_);
      for (unsigned j = r.begin(); j < r.end(); ++j) {
        row[0] = starts[j];
        for (unsigned d = 1; d < half_; ++d) row[d] = row[d - 1] + starts[j];
        batch_to_affine<Cfg>(row, std::span<A>(table_.data() + size_t(j) * half_, half_));
      }
    });
  }

  // k * base.
  J mul(const Scalar& k) const {
    auto limbs = k.to_canonical();
    J acc;
    uint32_t carry = 0;
    for (unsigned j = 0; j < windows_; ++j) {
      uint32_t d = bits_at(limbs, j * w_) + carry;
      carry = d > half_ ? 1 : 0;
      int32_t s = carry ? int32_t(d) - int32_t(1u << w_) : int32_t(d);
      const A* row = table_.data() + size_t(j) * half_;
      if (s > 0) acc = acc.add_mixed(row[s - 1]);
      if (s < 0) acc = acc.add_mixed(-row[-s - 1]);
    }
    return acc;
  }

  // k_i * base for every scalar, TBB-parallel, converted to affine in parallel chunks.
  std::vector<A> batch_mul(std::span<const Scalar> ks) const {
    std::vector<A> out(ks.size());
    constexpr size_t kChunk = 1024;
    tbb::parallel_for(tbb::blocked_range<size_t>(0, ks.size(), kChunk), [&](const auto& r) {
      std::vector<J> tmp(r.size());
      for (size_t i = r.begin(); i < r.end(); ++i) tmp[i - r.begin()] = mul(ks[i]);
      batch_to_affine<Cfg>(tmp, std::span<A>(out.data() + r.begin(), r.size()));
    });
    return out;
  }

 private:
  template <size_t N>
  uint32_t bits_at(const std::array<uint64_t, N>& k, unsigned start) const {
    unsigned limb = start / 64, off = start % 64;
    if (limb >= N) return 0;
    uint64_t v = k[limb] >> off;
    if (off + w_ > 64 && limb + 1 < N) v |= k[limb + 1] << (64 - off);
    return static_cast<uint32_t>(v & ((uint64_t{1} << w_) - 1));
  }

  unsigned bits_, w_, windows_;
  uint32_t half_;
  std::vector<A> table_;
};

}  // namespace supervm::algebra::curve
