// Radix2Domain: snarkjs roots (checked with GMP), FFT against Horner evaluation, odd coset,
// Lagrange bases against interpolation and the product formula.
#include "zk/groth16/domain.h"

#include <gmp.h>
#include <gtest/gtest.h>

#include <random>

#include "algebra/bls12_381/fields.h"
#include "algebra/bn254/fields.h"
#include "util/error.h"

namespace supervm::zk {
namespace {

template <class Fr>
class DomainTest : public ::testing::Test {};
using FieldTypes = ::testing::Types<algebra::bls12_381::Fr, algebra::bn254::Fr>;
TYPED_TEST_SUITE(DomainTest, FieldTypes);

template <class Fr>
Fr horner(const std::vector<Fr>& coeffs, const Fr& x) {
  Fr acc = Fr::zero();
  for (size_t i = coeffs.size(); i-- > 0;) acc = acc * x + coeffs[i];
  return acc;
}

// The snarkjs root of order 2^s is g^t, g the smallest quadratic non-residue, computed here with
// GMP (mpz_legendre, mpz_powm) as an independent oracle.
TYPED_TEST(DomainTest, RootsMatchGmpSmallestNonResidue) {
  using Fr = TypeParam;
  mpz_t p, t, g, w;
  mpz_inits(p, t, g, w, nullptr);
  const auto& m = Fr::kModulus;
  mpz_import(p, m.size(), -1, sizeof(uint64_t), 0, 0, m.data());
  mpz_sub_ui(t, p, 1);
  const unsigned s = static_cast<unsigned>(mpz_scan1(t, 0));
  mpz_fdiv_q_2exp(t, t, s);
  EXPECT_EQ(s, Fr::kTwoAdicity);
  mpz_set_ui(g, 2);
  while (mpz_legendre(g, p) != -1) mpz_add_ui(g, g, 1);
  mpz_powm(w, g, t, p);
  typename Fr::Limbs limbs{};
  size_t count = 0;
  mpz_export(limbs.data(), &count, -1, sizeof(uint64_t), 0, 0, w);
  const Fr expected = Fr::from_canonical(limbs).value();
  EXPECT_EQ(Radix2Domain<Fr>::root_of_unity(s), expected);
  mpz_clears(p, t, g, w, nullptr);

  // Orders: omega_k has order exactly 2^k.
  for (unsigned k : {1u, 2u, 5u, 12u}) {
    Fr w = Radix2Domain<Fr>::root_of_unity(k);
    for (unsigned i = 0; i + 1 < k; ++i) w = w.square();
    EXPECT_EQ(w, -Fr::one()) << k;  // omega_k^(2^(k-1)) = -1
  }
}

TYPED_TEST(DomainTest, FftMatchesHornerAndInverts) {
  using Fr = TypeParam;
  std::mt19937_64 rng(0xD0D0);
  for (size_t n : {2u, 4u, 8u, 64u, 4096u}) {
    Radix2Domain<Fr> d(n);
    EXPECT_EQ(d.omega_2n().square(), d.omega());
    std::vector<Fr> coeffs(n);
    for (auto& c : coeffs) c = Fr::random(rng);
    std::vector<Fr> evals = coeffs;
    d.fft(evals);
    const size_t checks = std::min<size_t>(n, 16);
    for (size_t k = 0; k < checks; ++k) {
      const size_t i = (k * 7919) % n;
      Fr x = Fr::one();
      for (size_t j = 0; j < i; ++j) x *= d.omega();
      EXPECT_EQ(d.element(i), x);
      EXPECT_EQ(evals[i], horner(coeffs, x)) << "n=" << n << " i=" << i;
    }
    std::vector<Fr> back = evals;
    d.ifft(back);
    EXPECT_EQ(back, coeffs) << n;

    std::vector<Fr> odd = evals;
    d.to_odd_coset(odd);
    for (size_t k = 0; k < checks; ++k) {
      const size_t i = (k * 31) % n;
      const Fr x = d.omega_2n() * d.element(i);  // omega_2n^(2i+1)
      EXPECT_EQ(odd[i], horner(coeffs, x)) << "n=" << n << " i=" << i;
    }
  }
}

TYPED_TEST(DomainTest, LagrangeBases) {
  using Fr = TypeParam;
  std::mt19937_64 rng(0x1A6);
  for (size_t n : {2u, 4u, 16u}) {
    Radix2Domain<Fr> d(n);
    const Fr tau = Fr::random(rng);
    // Interpolation: sum_i p(omega^i) L_i(tau) == p(tau) for deg p < n.
    std::vector<Fr> coeffs(n);
    for (auto& c : coeffs) c = Fr::random(rng);
    auto lag = d.lagrange_at(tau);
    Fr sum = Fr::zero();
    for (size_t i = 0; i < n; ++i) sum += horner(coeffs, d.element(i)) * lag[i];
    EXPECT_EQ(sum, horner(coeffs, tau));

    // Odd Lagrange polynomials of the 2n domain: product formula prod_{j != k} (tau - x_j)/(x_k -
    // x_j).
    auto odd = d.odd_lagrange_2n_at(tau);
    const Fr w2 = d.omega_2n();
    std::vector<Fr> xs(2 * n);
    xs[0] = Fr::one();
    for (size_t j = 1; j < 2 * n; ++j) xs[j] = xs[j - 1] * w2;
    for (size_t i = 0; i < n; ++i) {
      const size_t k = 2 * i + 1;
      Fr num = Fr::one(), den = Fr::one();
      for (size_t j = 0; j < 2 * n; ++j) {
        if (j == k) continue;
        num *= tau - xs[j];
        den *= xs[k] - xs[j];
      }
      EXPECT_EQ(odd[i], num * den.inverse()) << "n=" << n << " i=" << i;
    }
  }
}

TYPED_TEST(DomainTest, RejectsBadSizes) {
  using Fr = TypeParam;
  EXPECT_THROW(Radix2Domain<Fr>(3), Error);
  EXPECT_THROW(Radix2Domain<Fr>(1), Error);
  EXPECT_THROW(Radix2Domain<Fr>(size_t{1} << Fr::kTwoAdicity), Error);
  EXPECT_EQ(Radix2Domain<Fr>::size_for(5), 8u);
  EXPECT_EQ(Radix2Domain<Fr>::size_for(1), 2u);
}

}  // namespace
}  // namespace supervm::zk
