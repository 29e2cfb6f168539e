// Test helpers: conversions between field elements and GMP integers (the
// independent oracle), and edge values for every field.
#pragma once

#include <gmpxx.h>

#include <random>
#include <vector>

#include "algebra/bls12_381/fields.h"
#include "algebra/bn254/fields.h"

namespace supervm::algebra::testing {

template <size_t N>
inline mpz_class to_mpz(const std::array<uint64_t, N>& limbs) {
  mpz_class z;
  mpz_import(z.get_mpz_t(), N, -1, sizeof(uint64_t), 0, 0, limbs.data());
  return z;
}

template <size_t N>
inline std::array<uint64_t, N> from_mpz(const mpz_class& z) {
  std::array<uint64_t, N> r{};
  mpz_class m = z;
  for (size_t i = 0; i < N; ++i) {
    mpz_class lo = m & mpz_class("18446744073709551615");
    r[i] = lo.get_ui();
    static_assert(sizeof(unsigned long) == 8);
    m >>= 64;
  }
  return r;
}

template <class F>
mpz_class modulus() {
  return to_mpz(F::kModulus);
}

template <class F>
mpz_class value(const F& a) {
  return to_mpz(a.to_canonical());
}

template <class F>
F from_value(const mpz_class& z) {
  mpz_class m = z % modulus<F>();
  if (m < 0) m += modulus<F>();
  return *F::from_canonical(from_mpz<F::kLimbs>(m));
}

// 0, 1, 2, p-1, p-2, (p-1)/2, (p+1)/2, 2^k, p - 2^k, and values with every
// high limb set (all ones below the top limb of p).
template <class F>
std::vector<F> edge_values() {
  mpz_class p = modulus<F>();
  std::vector<mpz_class> v = {0, 1, 2, 3, p - 1, p - 2, (p - 1) / 2, (p + 1) / 2};
  for (unsigned k = 0; k < F::kModulusBits - 1; k += 7) {
    mpz_class two_k = mpz_class(1) << k;
    v.push_back(two_k);
    v.push_back(p - two_k);
  }
  mpz_class high = (mpz_class(1) << (64 * (F::kLimbs - 1))) - 1;  // low limbs all ones
  v.push_back(high);
  v.push_back(p - 1 - high);  // top limb of p, low limbs zero
  v.push_back(((p >> (64 * (F::kLimbs - 1))) << (64 * (F::kLimbs - 1))) - 1);
  std::vector<F> out;
  for (auto& z : v) out.push_back(from_value<F>(z));
  return out;
}

// n random elements (fixed seed) after the edge values.
template <class F>
std::vector<F> sample(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<F> out = edge_values<F>();
  // Values just below p exercise the final subtraction.
  for (size_t i = 0; i < 64; ++i) out.push_back(from_value<F>(modulus<F>() - 1 - (rng() & 0xffff)));
  while (out.size() < n) out.push_back(F::random(rng));
  return out;
}

using AllFields = ::testing::Types<bls12_381::Fp, bls12_381::Fr, bn254::Fp, bn254::Fr>;

struct FieldNames {
  template <class F>
  static std::string GetName(int) {
    if (std::is_same_v<F, bls12_381::Fp>) return "Bls12381Fp";
    if (std::is_same_v<F, bls12_381::Fr>) return "Bls12381Fr";
    if (std::is_same_v<F, bn254::Fp>) return "Bn254Fp";
    return "Bn254Fr";
  }
};

}  // namespace supervm::algebra::testing
