// Per-group facts for the typed curve tests: the group order and cofactor as GMP integers
// (from the published curve specs, independent of the library constants), the endomorphism
// and its eigenvalue, and the cofactor-clearing map.
#pragma once

#include <gmpxx.h>

#include <string>
#include <vector>

#include "algebra/bls12_381/g1.h"
#include "algebra/bls12_381/g2.h"
#include "algebra/bn254/g1.h"
#include "algebra/bn254/g2.h"

namespace supervm::algebra::testing {

inline std::vector<uint64_t> limbs_of(const mpz_class& v) {
  size_t n = (mpz_sizeinbase(v.get_mpz_t(), 2) + 63) / 64;
  std::vector<uint64_t> out(n ? n : 1, 0);
  size_t count = 0;
  mpz_export(out.data(), &count, -1, 8, 0, 0, v.get_mpz_t());
  return out;
}

template <class Fr>
mpz_class mpz_of(const Fr& f) {
  auto l = f.to_canonical();
  mpz_class v;
  mpz_import(v.get_mpz_t(), l.size(), -1, 8, 0, 0, l.data());
  return v;
}

template <class Fr>
Fr fr_of(const mpz_class& v) {
  auto l = limbs_of(v);
  typename Fr::Limbs a{};
  for (size_t i = 0; i < l.size() && i < a.size(); ++i) a[i] = l[i];
  return *Fr::from_canonical(a);
}

// BLS12-381: x = -0xd201000000010000, r = x^4 - x^2 + 1 (draft-irtf-cfrg-pairing-friendly-curves).
inline const mpz_class kBlsX("-0xd201000000010000", 0);
inline const mpz_class kBlsR = kBlsX * kBlsX * kBlsX * kBlsX - kBlsX * kBlsX + 1;
inline const mpz_class kBlsP =
    (kBlsX - 1) * (kBlsX - 1) * (kBlsX * kBlsX * kBlsX * kBlsX - kBlsX * kBlsX + 1) / 3 + kBlsX;
// BN254: u = 4965661367192848881 (EIP-196), r = 36u^4 + 36u^3 + 18u^2 + 6u + 1.
inline const mpz_class kBnU("4965661367192848881", 10);
inline const mpz_class kBnR = 36 * kBnU * kBnU * kBnU * kBnU + 36 * kBnU * kBnU * kBnU +
                              18 * kBnU * kBnU + 6 * kBnU + 1;
inline const mpz_class kBnP = 36 * kBnU * kBnU * kBnU * kBnU + 36 * kBnU * kBnU * kBnU +
                              24 * kBnU * kBnU + 6 * kBnU + 1;

template <class J>
struct Group;

template <>
struct Group<bls12_381::G1> {
  using J = bls12_381::G1;
  using A = bls12_381::G1Affine;
  using Fr = bls12_381::Fr;
  static constexpr const char* kName = "bls12_381_g1";
  static mpz_class order() { return kBlsR; }
  static mpz_class cofactor() { return (kBlsX - 1) * (kBlsX - 1) / 3; }
  static constexpr bool kHasCofactor = true;
  static J clear(const J& p) { return bls12_381::g1_clear_cofactor(p); }
  static mpz_class clear_multiplier() { return 1 - kBlsX; }  // h_eff (hash-to-curve 8.8.1)
  static J endo(const J& p) { return bls12_381::g1_phi(p); }
  static mpz_class endo_eigen() { return mpz_class(-kBlsX * kBlsX + kBlsR); }
};

template <>
struct Group<bls12_381::G2> {
  using J = bls12_381::G2;
  using A = bls12_381::G2Affine;
  using Fr = bls12_381::Fr;
  static constexpr const char* kName = "bls12_381_g2";
  static mpz_class order() { return kBlsR; }
  static mpz_class cofactor() {
    const mpz_class& x = kBlsX;
    mpz_class x2 = x * x, x4 = x2 * x2;
    return (x4 * x4 - 4 * x4 * x2 * x + 5 * x4 * x2 - 4 * x4 + 6 * x2 * x - 4 * x2 - 4 * x + 13) /
           9;
  }
  static constexpr bool kHasCofactor = true;
  static J clear(const J& p) { return bls12_381::g2_clear_cofactor(p); }
  // h_eff = 3(x^2 - 1) h2 (draft-irtf-cfrg-hash-to-curve Sec. 8.8.2).
  static mpz_class clear_multiplier() { return 3 * (kBlsX * kBlsX - 1) * cofactor(); }
  static J endo(const J& p) { return bls12_381::g2_psi(p); }
  static mpz_class endo_eigen() { return mpz_class(kBlsX + kBlsR); }
};

template <>
struct Group<bn254::G1> {
  using J = bn254::G1;
  using A = bn254::G1Affine;
  using Fr = bn254::Fr;
  static constexpr const char* kName = "bn254_g1";
  static mpz_class order() { return kBnR; }
  static mpz_class cofactor() { return 1; }
  static constexpr bool kHasCofactor = false;
  static J clear(const J& p) { return p; }
  static mpz_class clear_multiplier() { return 1; }
  static J endo(const J& p) { return bn254::g1_phi(p); }
  static mpz_class endo_eigen() {
    return mpz_class("30644e72e131a029048b6e193fd84104cc37a73fec2bc5e9b8ca0b2d36636f23", 16);
  }
};

template <>
struct Group<bn254::G2> {
  using J = bn254::G2;
  using A = bn254::G2Affine;
  using Fr = bn254::Fr;
  static constexpr const char* kName = "bn254_g2";
  static mpz_class order() { return kBnR; }
  static mpz_class cofactor() { return 2 * kBnP - kBnR; }
  static constexpr bool kHasCofactor = true;
  static J clear(const J& p) { return bn254::g2_clear_cofactor(p); }
  static mpz_class clear_multiplier() { return cofactor(); }
  static J endo(const J& p) { return bn254::g2_psi(p); }
  static mpz_class endo_eigen() { return 6 * kBnU * kBnU; }
};

}  // namespace supervm::algebra::testing
