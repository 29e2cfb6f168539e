#include "zk/groth16/domain.h"

#include <tbb/parallel_for.h>

#include <bit>
#include <string>

#include "algebra/bls12_381/fields.h"
#include "algebra/bn254/fields.h"
#include "util/error.h"

namespace supervm::zk {
namespace {

// Butterflies of one stage are independent; below this many a stage runs serially.
constexpr size_t kParallelGrain = 1024;

template <class Fr>
Fr smallest_non_residue() {
  Fr g = Fr::from_u64(2);
  while (g.legendre() != -1) g += Fr::one();
  return g;
}

template <class Fr>
void bit_reverse(std::span<Fr> a, unsigned log_n) {
  const size_t n = a.size();
  for (size_t i = 0; i < n; ++i) {
    size_t j = 0;
    for (unsigned b = 0; b < log_n; ++b) j |= ((i >> b) & 1) << (log_n - 1 - b);
    if (i < j) std::swap(a[i], a[j]);
  }
}

}  // namespace

template <class Fr>
Fr Radix2Domain<Fr>::root_of_unity(unsigned log_n) {
  static const Fr top = smallest_non_residue<Fr>().pow(Fr::kTrace);  // order 2^s
  Fr w = top;
  for (unsigned i = log_n; i < Fr::kTwoAdicity; ++i) w = w.square();
  return w;
}

template <class Fr>
size_t Radix2Domain<Fr>::size_for(size_t min_size) {
  size_t n = 2;
  while (n < min_size) n <<= 1;
  return n;
}

template <class Fr>
Radix2Domain<Fr>::Radix2Domain(size_t n) : n_(n) {
  if (n < 2 || !std::has_single_bit(n))
    throw Error(ExitCode::kUsage,
                "QAP domain size " + std::to_string(n) + " is not a power of two >= 2");
  log_n_ = static_cast<unsigned>(std::countr_zero(n));
  if (log_n_ >= Fr::kTwoAdicity)
    throw Error(ExitCode::kUsage, "circuit too large: QAP domain 2^" + std::to_string(log_n_) +
                                      " needs 2^" + std::to_string(log_n_ + 1) +
                                      "-th roots of unity, the scalar field has only 2^" +
                                      std::to_string(Fr::kTwoAdicity));
  omega_2n_ = root_of_unity(log_n_ + 1);
  omega_ = omega_2n_.square();
  omega_inv_ = omega_.inverse();
  n_inv_ = Fr::from_u64(n).inverse();
  twiddles_.resize(n / 2);
  inv_twiddles_.resize(n / 2);
  Fr w = Fr::one(), wi = Fr::one();
  for (size_t j = 0; j < n / 2; ++j) {
    twiddles_[j] = w;
    inv_twiddles_[j] = wi;
    w *= omega_;
    wi *= omega_inv_;
  }
}

template <class Fr>
Fr Radix2Domain<Fr>::element(size_t i) const {
  i &= n_ - 1;
  if (i < n_ / 2) return twiddles_[i];
  return -twiddles_[i - n_ / 2];  // omega^(n/2) = -1
}

template <class Fr>
void Radix2Domain<Fr>::transform(std::span<Fr> a, const std::vector<Fr>& tw) const {
  if (a.size() != n_) throw Error(ExitCode::kInternal, "FFT input length != domain size");
  bit_reverse(a, log_n_);
  for (size_t half = 1; half < n_; half <<= 1) {
    const size_t step = n_ / (2 * half);
    auto butterflies = [&](size_t lo, size_t hi) {
      for (size_t b = lo; b < hi; ++b) {
        const size_t j = b & (half - 1);
        const size_t i = (b - j) * 2 + j;
        Fr v = a[i + half] * tw[j * step];
        a[i + half] = a[i] - v;
        a[i] += v;
      }
    };
    if (n_ / 2 < 2 * kParallelGrain) {
      butterflies(0, n_ / 2);
    } else {
      tbb::parallel_for(
          tbb::blocked_range<size_t>(0, n_ / 2, kParallelGrain),
          [&](const tbb::blocked_range<size_t>& r) { butterflies(r.begin(), r.end()); });
    }
  }
}

template <class Fr>
void Radix2Domain<Fr>::fft(std::span<Fr> a) const {
  transform(a, twiddles_);
}

template <class Fr>
void Radix2Domain<Fr>::ifft(std::span<Fr> a) const {
  transform(a, inv_twiddles_);
  for (auto& x : a) x *= n_inv_;
}

template <class Fr>
void Radix2Domain<Fr>::to_odd_coset(std::span<Fr> a) const {
  ifft(a);
  Fr g = Fr::one();
  for (auto& x : a) {
    x *= g;
    g *= omega_2n_;
  }
  fft(a);
}

template <class Fr>
std::vector<Fr> Radix2Domain<Fr>::lagrange_at(const Fr& tau) const {
  Fr z = tau;
  for (unsigned i = 0; i < log_n_; ++i) z = z.square();
  z -= Fr::one();  // tau^n - 1
  std::vector<Fr> out(n_);
  for (size_t i = 0; i < n_; ++i) out[i] = tau - element(i);
  Fr::batch_inverse(out);
  const Fr k = z * n_inv_;
  for (size_t i = 0; i < n_; ++i) out[i] *= k * element(i);
  return out;
}

template <class Fr>
std::vector<Fr> Radix2Domain<Fr>::odd_lagrange_2n_at(const Fr& tau) const {
  Fr z = tau;
  for (unsigned i = 0; i <= log_n_; ++i) z = z.square();
  z -= Fr::one();  // tau^(2n) - 1
  std::vector<Fr> points(n_), out(n_);
  for (size_t i = 0; i < n_; ++i) {
    points[i] = omega_2n_ * element(i);  // omega_2n^(2i+1)
    out[i] = tau - points[i];
  }
  Fr::batch_inverse(out);
  const Fr k = z * Fr::from_u64(2 * n_).inverse();
  for (size_t i = 0; i < n_; ++i) out[i] *= k * points[i];
  return out;
}

template class Radix2Domain<algebra::bls12_381::Fr>;
template class Radix2Domain<algebra::bn254::Fr>;

}  // namespace supervm::zk
