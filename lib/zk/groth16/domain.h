// The radix-2 evaluation domain of the QAP, with the roots of unity snarkjs uses.
//
// snarkjs (via ffjavascript's Fr.w[k] and the powers-of-tau Lagrange sections) generates the
// subgroup of order 2^k with w_k = g^(t * 2^(s-k)), g the smallest quadratic non-residue of Fr
// and r - 1 = 2^s t. A .zkey's A/B/H points are Lagrange bases for exactly these roots, in this
// order, so supervm's setup and prover use the same roots (for BLS12-381 g = 5, whereas the
// algebra layer's Fr::two_adic_root_of_unity() is 7^t; for BN254 both are 5^t). That is why this
// domain computes its own roots instead of taking the algebra layer's FFT root.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace supervm::zk {

template <class Fr>
class Radix2Domain {
 public:
  // n must be a power of two with log2(n) < s (so the 2n-th roots exist for the odd coset).
  // Throws supervm::Error (kUsage) otherwise.
  explicit Radix2Domain(size_t n);

  // Smallest power of two >= min_size, at least 2.
  static size_t size_for(size_t min_size);
  // The generator of the subgroup of order 2^log_n in the snarkjs convention.
  static Fr root_of_unity(unsigned log_n);

  size_t size() const { return n_; }
  unsigned log_size() const { return log_n_; }
  const Fr& omega() const { return omega_; }        // primitive n-th root
  const Fr& omega_2n() const { return omega_2n_; }  // primitive 2n-th root, omega_2n^2 = omega
  Fr element(size_t i) const;                       // omega^i

  // In place: coefficients -> evaluations at omega^i (natural order both ways).
  void fft(std::span<Fr> a) const;
  // In place: evaluations -> coefficients.
  void ifft(std::span<Fr> a) const;
  // Evaluations on the domain -> evaluations on the odd coset omega_2n * <omega>, i.e. at the
  // points omega_2n^(2i+1): ifft, scale coefficient k by omega_2n^k, fft (snarkjs's "odd" trick).
  void to_odd_coset(std::span<Fr> a) const;

  // L_i(tau) for i < n: the Lagrange basis of this domain evaluated at tau, which must not be a
  // domain element. L_i(X) = omega^i (X^n - 1) / (n (X - omega^i)).
  std::vector<Fr> lagrange_at(const Fr& tau) const;
  // L'_{2i+1}(tau) for i < n: the Lagrange polynomials of the 2n-domain at its odd points. The
  // H query of a proving key is these over delta (see groth16/types.h).
  std::vector<Fr> odd_lagrange_2n_at(const Fr& tau) const;

 private:
  void transform(std::span<Fr> a, const std::vector<Fr>& twiddles) const;

  size_t n_;
  unsigned log_n_;
  Fr omega_, omega_inv_, omega_2n_, n_inv_;
  std::vector<Fr> twiddles_, inv_twiddles_;  // omega^j and omega^-j for j < n/2
};

}  // namespace supervm::zk
