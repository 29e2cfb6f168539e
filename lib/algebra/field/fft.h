// Radix-2 number-theoretic transform over a prime field F with two-adicity s:
// evaluation domains {omega^i : 0 <= i < n} for n = 2^k, k <= s, where omega
// is F::two_adic_root_of_unity() squared down to order n.
//
//   fft(a):        coefficients a_0..a_{n-1} -> evaluations A(omega^i), natural order
//   ifft(A):       the inverse
//   coset_fft(a):  evaluations A(g * omega^i), g = F::generator() (a non-residue, so
//                  the coset is disjoint from the domain)
//   coset_ifft(A): the inverse
//
// In place, iterative Cooley-Tukey (decimation in time after a bit-reversal
// permutation) with per-stage contiguous precomputed twiddles. Sizes >= 2^12
// run on TBB: the first stages in independent cache-sized blocks, the later
// stages split over butterflies.
#pragma once

#include <oneapi/tbb/parallel_for.h>

#include <cstddef>
#include <span>
#include <stdexcept>
#include <vector>

namespace supervm::algebra {

template <class F>
class EvaluationDomain {
 public:
  // size must be a power of two no larger than 2^F::kTwoAdicity.
  explicit EvaluationDomain(size_t size) : n_(size) {
    if (size == 0 || (size & (size - 1)) != 0) {
      throw std::invalid_argument("EvaluationDomain: size must be a power of two");
    }
    while ((size_t(1) << log_n_) < n_) ++log_n_;
    if (log_n_ > F::kTwoAdicity) {
      throw std::invalid_argument("EvaluationDomain: size exceeds the field's two-adicity");
    }
    omega_ = F::two_adic_root_of_unity();
    for (unsigned i = log_n_; i < F::kTwoAdicity; ++i) omega_ = omega_.square();
    omega_inv_ = omega_.inverse();
    n_inv_ = F::from_u64(n_).inverse();
    shift_ = F::generator();
    shift_inv_ = shift_.inverse();
    twiddles_ = make_twiddles(omega_);
    inv_twiddles_ = make_twiddles(omega_inv_);
  }

  size_t size() const { return n_; }
  unsigned log_size() const { return log_n_; }
  const F& group_gen() const { return omega_; }
  const F& group_gen_inv() const { return omega_inv_; }
  const F& size_inv() const { return n_inv_; }
  const F& coset_shift() const { return shift_; }
  // omega^i.
  F element(size_t i) const {
    uint64_t e = uint64_t(i % n_);
    return omega_.pow(std::span<const uint64_t>(&e, 1));
  }

  void fft(std::span<F> a) const {
    check(a);
    transform(a, twiddles_);
  }
  void ifft(std::span<F> a) const {
    check(a);
    transform(a, inv_twiddles_);
    scale_by_powers(a, n_inv_, F::one());
  }
  void coset_fft(std::span<F> a) const {
    check(a);
    scale_by_powers(a, F::one(), shift_);
    transform(a, twiddles_);
  }
  void coset_ifft(std::span<F> a) const {
    check(a);
    transform(a, inv_twiddles_);
    scale_by_powers(a, n_inv_, shift_inv_);
  }

  // Below this size everything runs on the calling thread.
  static constexpr size_t kParallelThreshold = size_t(1) << 12;

 private:
  // Stage with half-length m uses w_{2m}^j for j < m, stored at [m, 2m).
  std::vector<F> make_twiddles(const F& w) const {
    std::vector<F> t(n_ < 2 ? 2 : n_);
    for (size_t m = n_ / 2, stride = 1; m >= 1; m /= 2, stride *= 2) {
      F wm = w;  // order 2m root: w^(n / 2m) = w^stride
      for (size_t s = 1; s < stride; s *= 2) wm = wm.square();
      F x = F::one();
      for (size_t j = 0; j < m; ++j) {
        t[m + j] = x;
        x *= wm;
      }
    }
    return t;
  }

  void check(std::span<F> a) const {
    if (a.size() != n_) throw std::invalid_argument("EvaluationDomain: wrong input length");
  }

  static void butterflies(F* a, size_t n, size_t m_begin, size_t m_end, const F* tw) {
    for (size_t m = m_begin; m < m_end; m *= 2) {
      const F* w = tw + m;
      for (size_t k = 0; k < n; k += 2 * m) {
        F* x = a + k;
        F* y = x + m;
        {  // j = 0: twiddle is 1
          F t = y[0];
          y[0] = x[0] - t;
          x[0] = x[0] + t;
        }
        for (size_t j = 1; j < m; ++j) {
          F t = y[j] * w[j];
          y[j] = x[j] - t;
          x[j] = x[j] + t;
        }
      }
    }
  }

  void bit_reverse(std::span<F> a) const {
    auto body = [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        size_t r = reverse_bits(i);
        if (i < r) std::swap(a[i], a[r]);
      }
    };
    if (n_ >= kParallelThreshold) {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, n_, 4096),
                        [&](const tbb::blocked_range<size_t>& r) { body(r.begin(), r.end()); });
    } else {
      body(0, n_);
    }
  }

  size_t reverse_bits(size_t i) const {
    if (log_n_ == 0) return 0;
    uint64_t r = uint64_t(i);
    r = ((r >> 1) & 0x5555555555555555ull) | ((r & 0x5555555555555555ull) << 1);
    r = ((r >> 2) & 0x3333333333333333ull) | ((r & 0x3333333333333333ull) << 2);
    r = ((r >> 4) & 0x0f0f0f0f0f0f0f0full) | ((r & 0x0f0f0f0f0f0f0f0full) << 4);
    r = __builtin_bswap64(r);
    return size_t(r >> (64 - log_n_));
  }

  void transform(std::span<F> a, const std::vector<F>& tw) const {
    if (n_ == 1) return;
    bit_reverse(a);
    F* data = a.data();
    if (n_ < kParallelThreshold) {
      butterflies(data, n_, 1, n_, tw.data());
      return;
    }
    // Stages with 2m <= kBlock stay inside independent blocks of kBlock elements.
    constexpr size_t kBlock = size_t(1) << 10;
    tbb::parallel_for(tbb::blocked_range<size_t>(0, n_ / kBlock),
                      [&](const tbb::blocked_range<size_t>& r) {
                        for (size_t b = r.begin(); b < r.end(); ++b)
                          butterflies(data + b * kBlock, kBlock, 1, kBlock, tw.data());
                      });
    for (size_t m = kBlock; m < n_; m *= 2) {
      const F* w = tw.data() + m;
      // Butterfly index q in [0, n/2): block k = q / m, offset j = q % m.
      tbb::parallel_for(tbb::blocked_range<size_t>(0, n_ / 2, 2048),
                        [&](const tbb::blocked_range<size_t>& r) {
                          for (size_t q = r.begin(); q < r.end(); ++q) {
                            size_t j = q & (m - 1);
                            F* x = data + 2 * (q - j) + j;
                            F* y = x + m;
                            F t = *y * w[j];
                            *y = *x - t;
                            *x = *x + t;
                          }
                        });
    }
  }

  // a[i] *= c * g^i.
  void scale_by_powers(std::span<F> a, const F& c, const F& g) const {
    const bool constant = g.is_one();  // ifft: one multiplication per element
    auto body = [&](size_t begin, size_t end) {
      if (constant) {
        for (size_t i = begin; i < end; ++i) a[i] *= c;
        return;
      }
      uint64_t e = uint64_t(begin);
      F x = c * g.pow(std::span<const uint64_t>(&e, 1));
      for (size_t i = begin; i < end; ++i) {
        a[i] *= x;
        x *= g;
      }
    };
    if (n_ >= kParallelThreshold) {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, n_, 4096),
                        [&](const tbb::blocked_range<size_t>& r) { body(r.begin(), r.end()); });
    } else {
      body(0, n_);
    }
  }

  size_t n_;
  unsigned log_n_ = 0;
  F omega_, omega_inv_, n_inv_, shift_, shift_inv_;
  std::vector<F> twiddles_, inv_twiddles_;
};

}  // namespace supervm::algebra
