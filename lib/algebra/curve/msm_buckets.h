// Pippenger buckets of one MSM task (curve/msm.h): a bucket array that one thread fills with
// point additions and then sums window by window.
//
// Batch-affine mode: every bucket holds an affine point; the additions into buckets are queued
// and executed in batches whose slope denominators share one field inversion (Montgomery's
// trick), ~6 multiplications per addition. An addition into a bucket that already has one in
// the pending batch waits for the next batch; a waiting addition that collides again waits
// once more while the waiting list is at most 2 batches long and the batches are well filled.
// Exceptional cases (P + P, P + (-P)) and the waiting additions beyond that go to an XYZZ
// overflow bucket of the same index (bounded work even when every point lands in one bucket).
// Waiting again instead of overflowing at once matters: ~3% of the additions of a 2^16-point
// BLS12-381 G1 MSM collided twice, and each then cost an XYZZ addition (10 multiplications
// instead of ~6) plus 14 more in the window sum of its bucket (bench: -12% MSM time).
// Plain mode: XYZZ buckets only.
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
    if (add_affine({b, neg, p})) flush(true);
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

  // Executes everything pending; call once before window_sum(). Another round for the waiting
  // additions that collide again is worth its inversion only while batches stay well filled.
  void finish() {
    if (!batch_affine_) return;
    while (!pend_.empty() || !queue_.empty()) flush(pend_.size() * 4 >= cap_);
  }

  // sum_{j < count} (j + 1) * bucket[first + j]: segmented batch-affine running sums for large
  // batch-affine windows, else the XYZZ running sum. Call once per range (it may merge the
  // overflow buckets of the range into the affine ones).
  X window_sum(size_t first, size_t count) {
    if (batch_affine_ && count >= kMinSegmentedBuckets && count % kSegments == 0)
      return window_sum_segmented(first, count);
    return window_sum_xyzz(first, count);
  }

  // The XYZZ running sum: running += bucket (10 multiplications), total += running (14).
  X window_sum_xyzz(size_t first, size_t count) const {
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
  // Segmented window sums: S = kSegments independent running sums over consecutive bucket
  // ranges of length L = count / S advance together, so each step is one batch of 2 S affine
  // additions (~6.5 multiplications each) sharing an inversion, instead of 24 multiplications
  // per bucket in XYZZ. With T_s, R_s the weighted and plain sums of segment s (local weights
  // 1..L): sum_j (j + 1) B_j = sum_s T_s + L * sum_s s R_s, the latter two over S terms in XYZZ.
  static constexpr size_t kSegments = 128;
  static constexpr size_t kMinSegmentedBuckets = 1024;
  struct PairOp {  // *acc += *src (affine, both finite, different x)
    Xy* acc;
    const Xy* src;
  };

  // acc += src for finite affine points when x may coincide (doubling or cancellation): rare,
  // so through XYZZ and a field inversion of its own.
  static void add_slow(Xy& acc, uint8_t& acc_inf, const Xy& src) {
    X t;
    t.add_affine(acc.x, acc.y);
    t.add_affine(src.x, src.y);
    to_affine(t, acc, acc_inf);
  }
  static void to_affine(const X& t, Xy& out, uint8_t& inf) {
    if (t.is_infinity()) {
      inf = 1;
      return;
    }
    const F w = field_inverse(t.zzz);  // 1/ZZ = (ZZ / ZZZ)^2 since ZZ^3 = ZZZ^2
    const F zw = t.zz * w;
    out.x = t.x * zw.square();
    out.y = t.y * w;
    inf = 0;
  }

  // Executes *acc += *src for every op with one inversion; an op may read (as src) a point
  // that a LATER op of the list writes (as acc): the ops run backwards.
  void execute_pairs(const std::vector<PairOp>& ops) {
    const size_t m = ops.size();
    if (m == 0) return;
    if (seg_den_.size() < m) {
      seg_den_.resize(m);
      seg_prefix_.resize(m);
    }
    F acc = F::one();
    for (size_t j = 0; j < m; ++j) {
      seg_den_[j] = ops[j].src->x - ops[j].acc->x;
      seg_prefix_[j] = acc;
      acc = acc * seg_den_[j];
    }
    F inv = field_inverse(acc);
    for (size_t j = m; j-- > 0;) {
      const F dinv = inv * seg_prefix_[j];
      inv = inv * seg_den_[j];
      Xy& q = *ops[j].acc;
      const Xy& p = *ops[j].src;
      const F lambda = (p.y - q.y) * dinv;
      const F x3 = lambda.square() - q.x - p.x;
      q.y = lambda * (q.x - x3) - q.y;
      q.x = x3;
    }
  }

  // Folds the overflow buckets of [first, first + count) into the affine ones.
  void merge_overflow(size_t first, size_t count) {
    std::vector<size_t> idx;
    for (size_t b = first; b < first + count; ++b)
      if ((flags_[b] & kHasOverflow) && !ovf_[b].is_infinity()) idx.push_back(b);
    if (idx.empty()) return;
    std::vector<F> w(idx.size());
    for (size_t i = 0; i < idx.size(); ++i) w[i] = ovf_[idx[i]].zzz;
    batch_invert<F>(w);
    std::vector<Xy> conv(idx.size());
    std::vector<PairOp> ops;
    for (size_t i = 0; i < idx.size(); ++i) {
      const X& t = ovf_[idx[i]];
      const F zw = t.zz * w[i];
      conv[i] = {t.x * zw.square(), t.y * w[i]};
      const size_t b = idx[i];
      flags_[b] &= uint8_t(~kHasOverflow);
      if (!(flags_[b] & kHasAffine)) {
        aff_[b] = conv[i];
        flags_[b] |= kHasAffine;
      } else if (field_equal(aff_[b].x, conv[i].x)) {
        uint8_t inf = 0;
        add_slow(aff_[b], inf, conv[i]);
        if (inf) flags_[b] &= uint8_t(~kHasAffine);
      } else {
        ops.push_back({&aff_[b], &conv[i]});
      }
    }
    execute_pairs(ops);
  }

  X window_sum_segmented(size_t first, size_t count) {
    merge_overflow(first, count);
    constexpr size_t S = kSegments;
    const size_t len = count / S;
    std::vector<Xy> run(S), tot(S);
    std::vector<uint8_t> run_inf(S, 1), tot_inf(S, 1);
    std::vector<PairOp> ops;
    std::vector<size_t> defer;
    ops.reserve(2 * S);
    for (size_t l = len; l-- > 0;) {
      ops.clear();
      defer.clear();
      // Running-sum updates first: the ops run backwards, so every total += running below
      // reads its running sum before this step's update.
      for (size_t s = 0; s < S; ++s) {
        const size_t b = first + s * len + l;
        if (!(flags_[b] & kHasAffine)) continue;
        if (run_inf[s]) continue;  // copied below, after the total has used the old value
        if (field_equal(run[s].x, aff_[b].x)) {
          defer.push_back(s);
        } else {
          ops.push_back({&run[s], &aff_[b]});
        }
      }
      for (size_t s = 0; s < S; ++s) {
        if (run_inf[s]) continue;
        if (tot_inf[s]) {
          tot[s] = run[s];
          tot_inf[s] = 0;
        } else if (field_equal(tot[s].x, run[s].x)) {
          add_slow(tot[s], tot_inf[s], run[s]);
        } else {
          ops.push_back({&tot[s], &run[s]});
        }
      }
      execute_pairs(ops);
      for (size_t s : defer) add_slow(run[s], run_inf[s], aff_[first + s * len + l]);
      for (size_t s = 0; s < S; ++s) {
        const size_t b = first + s * len + l;
        if (run_inf[s] && (flags_[b] & kHasAffine)) {
          run[s] = aff_[b];
          run_inf[s] = 0;
        }
      }
    }
    // T_s = tot_s + run_s (the totals lag one step behind); R_s = run_s.
    X sum_t, suffix, weighted;
    for (size_t s = S; s-- > 0;) {
      if (!run_inf[s]) {
        suffix.add_affine(run[s].x, run[s].y);
        sum_t.add_affine(run[s].x, run[s].y);
      }
      if (!tot_inf[s]) sum_t.add_affine(tot[s].x, tot[s].y);
      if (s > 0) weighted.add(suffix);  // sum_{s >= 1} sum_{s' >= s} R_s' = sum_s s R_s
    }
    for (size_t v = len; v > 1; v >>= 1) weighted.dbl();
    sum_t.add(weighted);
    return sum_t;
  }
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
  // the retry waits again if `wait_again` and the waiting list is short, else it goes to the
  // overflow bucket.
  void flush(bool wait_again) {
    execute_batch();
    retry_.swap(queue_);
    const size_t max_wait = wait_again ? 2 * cap_ : 0;
    for (const Pending& e : retry_) {
      if (stamp_[e.b] == cur_) {
        if (queue_.size() < max_wait) {
          queue_.push_back(e);
        } else {
          add_overflow(e.b, e.p, e.neg);
        }
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
  std::vector<F> seg_den_, seg_prefix_;
};

}  // namespace supervm::algebra::curve::msm_detail
