// Frobenius coefficients of the tower Fp2 -> Fp6 -> Fp12, derived once at start-up from the
// non-residue xi and p (xi^((p^k - 1)/d) by exponentiation), instead of copied tables.
// tests/algebra/tower checks Frobenius == x^(p^k) against plain exponentiation.
#pragma once

#include <array>
#include <cstdint>

#include "algebra/tower/nat.h"
#include "algebra/tower/pow.h"

namespace supervm::algebra {

// Cfg: `using Fp2`, `static Fp2 nonresidue()` (xi, with v^3 = xi and w^2 = v, so w^6 = xi).
template <class Cfg>
struct TowerFrobenius {
  using Fp2 = typename Cfg::Fp2;
  using Fp = decltype(Fp2{}.c0);

  // Index k = 0..3 is the power of the Frobenius map (k = 0 is the identity).
  std::array<Fp2, 4> v1;  // xi^((p^k - 1)/3): v^(p^k) = v1[k] * v
  std::array<Fp2, 4> v2;  // xi^(2(p^k - 1)/3): (v^2)^(p^k) = v2[k] * v^2
  std::array<Fp2, 4> w1;  // xi^((p^k - 1)/6): w^(p^k) = w1[k] * w
  std::array<Fp2, 4> w3;  // xi^((p^k - 1)/2): (w^3)^(p^k) = w3[k] * w^3 (twist Frobenius)

  static const TowerFrobenius& get() {
    static const TowerFrobenius instance = compute();
    return instance;
  }

  // xi^((p^k - 1)/d) for small k and d | p^k - 1.
  static Fp2 nonresidue_power(unsigned k, uint64_t d, uint64_t mult = 1) {
    auto pm1 = (-Fp::one()).to_canonical();  // p - 1, canonical limbs
    nat::Nat p = nat::add_small(nat::from_limbs(pm1), 1);
    nat::Nat e = nat::div_exact_small(nat::sub_small(nat::pow(p, k), 1), d);
    if (mult != 1) e = nat::mul(e, nat::Nat{mult});
    return pow_vartime(Cfg::nonresidue(), std::span<const uint64_t>(e));
  }

 private:
  // One exponentiation: g = xi^((p-1)/6); then xi^((p^k-1)/6) = (xi^((p^(k-1)-1)/6))^p * g
  // (the p-power on Fp2 is conjugation), and the /3, 2/3, /2 powers are its 2nd, 4th and
  // 3rd powers.
  static TowerFrobenius compute() {
    TowerFrobenius t;
    const Fp2 g = nonresidue_power(1, 6);
    t.w1[0] = Fp2::one();
    for (unsigned k = 1; k <= 3; ++k) t.w1[k] = t.w1[k - 1].conjugate() * g;
    for (unsigned k = 0; k <= 3; ++k) {
      t.v1[k] = t.w1[k].square();
      t.v2[k] = t.v1[k].square();
      t.w3[k] = t.v1[k] * t.w1[k];
    }
    return t;
  }
};

}  // namespace supervm::algebra
