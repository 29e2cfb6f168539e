// Pippenger buckets of one MSM task (curve/msm.h): a bucket array that one thread fills with
// point additions and then sums window by window.
//
// Batch-affine mode: every bucket holds an affine point; the additions into buckets are queued
// and executed in batches whose slope denominators share one field inversion (Montgomery's
// trick), ~6 multiplications per addition. An addition into a bucket that already has one in
// the pending batch waits for the next batch; exceptional cases (P + P, P + (-P)) and waiting
// additions that collide again go to an XYZZ overflow bucket of the same index (bounded work
// even when every point lands in one bucket). Plain mode: XYZZ buckets only.
// Pending additions refer to the input points (plus a sign) instead of copying them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

#include "algebra/curve/msm_xyzz.h"
#include "algebra/curve/point.h"

namespace supervm::algebra::curve::msm_detail {

// An uninitialized array of trivially copyable objects (each written before it is read), so
// large scratch buffers are not zero-filled serially.
template <class T>
struct RawDelete {
  void operator()(T* p) const { ::operator delete(p, std::align_val_t(alignof(T))); }
};
template <class T>
using RawArray = std::unique_ptr<T[], RawDelete<T>>;
template <class T>
RawArray<T> raw_array(size_t n) {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
  return RawArray<T>(static_cast<T*>(
      ::operator new(std::max<size_t>(n, 1) * sizeof(T), std::align_val_t(alignof(T)))));
}

template <class Cfg>
class Buckets {
 public:
  using A = Affine<Cfg>;
  using F = typename Cfg::Field;
  using X = Xyzz<Cfg>;

  // `batch_cap` pending affine additions per inversion (ignored in plain mode).
  Buckets(size_t count, bool batch_affine, size_t batch_cap)
      : batch_affine_(batch_affine),
        cap_(std::max<size_t>(batch_cap, 1)),
        flags_(count, 0),
        ovf_(raw_array<X>(count)) {
    if (batch_affine_) {
      aff_ = raw_array<Xy>(count);
      stamp_.assign(count, 0);
      pend_.reserve(cap_);
      den_ = raw_array<F>(cap_);
      prefix_ = raw_array<F>(cap_);
    }
  }

  // bucket b += (neg ? -p : p); p is not infinity and outlives finish().
  void add(uint32_t b, const A* p, bool neg) {
    if (!batch_affine_) {
      add_overflow(b, p, neg);
      return;
    }
    if (stamp_[b] == cur_) {  // already in the pending batch: wait for the next one
      queue_.push_back({b, neg, p});
      return;
    }
    if (add_affine({b, neg, p})) flush();
  }

  // Hint that bucket b will be added to soon: its affine point is fetched into the cache while
  // earlier additions run (the bucket array of a 2^12-bucket window is larger than L1).
  void prefetch(uint32_t b) const {
    if (batch_affine_) {
      const char* p = reinterpret_cast<const char*>(&aff_[b]);
      __builtin_prefetch(p);
      __builtin_prefetch(p + sizeof(Xy) - 1);
    }
  }

  // Executes everything pending; call once before window_sum().
  void finish() {
    if (!batch_affine_) return;
    while (!pend_.empty() || !queue_.empty()) flush();
  }

  // sum_{j < count} (j + 1) * bucket[first + j] by the running-sum method.
  X window_sum(size_t first, size_t count) const {
    X running, total;
    for (size_t j = count; j-- > 0;) {
      const size_t b = first + j;
      if (flags_[b] & kHasAffine) running.add_affine(aff_[b].x, aff_[b].y);
      if (flags_[b] & kHasOverflow) running.add(ovf_[b]);
      total.add(running);
    }
    return total;
  }

 private:
  static constexpr uint8_t kHasAffine = 1, kHasOverflow = 2;
  struct Xy {
    F x, y;
  };
  struct Pending {
    uint32_t b;
    bool neg;
    const A* p;
  };

  static F y_of(const Pending& e) { return e.neg ? -e.p->y : e.p->y; }

  void add_overflow(uint32_t b, const A* p, bool neg) {
    if (!(flags_[b] & kHasOverflow)) {
      ovf_[b] = X();
      flags_[b] |= kHasOverflow;
    }
    ovf_[b].add_affine(p->x, neg ? -p->y : p->y);
  }

  // Adds to the pending batch (or fills an empty bucket). True when the batch is full.
  bool add_affine(const Pending& e) {
    const uint32_t b = e.b;
    if (!(flags_[b] & kHasAffine)) {
      aff_[b] = {e.p->x, y_of(e)};
      flags_[b] |= kHasAffine;
      return false;
    }
    if (field_equal(aff_[b].x, e.p->x)) {  // doubling or cancellation: rare, not affine-batched
      add_overflow(b, e.p, e.neg);
      return false;
    }
    stamp_[b] = cur_;
    pend_.push_back(e);
    return pend_.size() == cap_;
  }

  // The pending affine additions with one inversion; starts a new batch generation.
  void execute_batch() {
    const size_t m = pend_.size();
    if (m) {
      F acc = F::one();
      for (size_t j = 0; j < m; ++j) {
        den_[j] = pend_[j].p->x - aff_[pend_[j].b].x;
        prefix_[j] = acc;
        acc = acc * den_[j];
      }
      F inv = field_inverse(acc);
      for (size_t j = m; j-- > 0;) {
        const F dinv = inv * prefix_[j];
        inv = inv * den_[j];
        Xy& q = aff_[pend_[j].b];
        const A& p = *pend_[j].p;
        const F lambda = (y_of(pend_[j]) - q.y) * dinv;
        const F x3 = lambda.square() - q.x - p.x;
        q.y = lambda * (q.x - x3) - q.y;
        q.x = x3;
      }
      pend_.clear();
    }
    ++cur_;
  }

  // Executes the batch, then retries the waiting additions; one that collides again within
  // the retry goes to the overflow bucket.
  void flush() {
    execute_batch();
    retry_.swap(queue_);
    for (const Pending& e : retry_) {
      if (stamp_[e.b] == cur_) {
        add_overflow(e.b, e.p, e.neg);
      } else if (add_affine(e)) {
        execute_batch();
      }
    }
    retry_.clear();
  }

  bool batch_affine_;
  size_t cap_;
  std::vector<uint8_t> flags_;
  RawArray<X> ovf_;
  RawArray<Xy> aff_;
  std::vector<uint32_t> stamp_;
  uint32_t cur_ = 1;
  std::vector<Pending> pend_, queue_, retry_;
  RawArray<F> den_, prefix_;
};

}  // namespace supervm::algebra::curve::msm_detail
