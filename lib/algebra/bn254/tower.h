// BN254 (alt_bn128) extension tower: Fp6 = Fp2[v]/(v^3 - (9 + u)), Fp12 = Fp6[w]/(w^2 - v),
// the tower of the Ethereum precompiles (EIP-197) and go-ethereum / gnark-crypto.
// Fp12 is also the target group GT of the pairing.
#pragma once

#include "algebra/bn254/fields.h"
#include "algebra/tower/fp12.h"
#include "algebra/tower/fp6.h"

namespace supervm::algebra::bn254 {

struct TowerConfig {
  using Fp2 = bn254::Fp2;
  // xi = 9 + u
  static Fp2 nonresidue() { return Fp2{Fp::from_u64(9), Fp::one()}; }
  // (a + b u)(9 + u) = (9a - b) + (a + 9b) u = (9a + (p - b)) + (9b + a) u. In optimized
  // x86-64 builds each part is one nine_x_plus_y block (a MULX carry chain and a
  // quotient-estimate reduction) instead of three doublings, an addition and a
  // subtraction mod p.
  static Fp2 mul_by_nonresidue(const Fp2& a) {
#ifdef SUPERVM_MONT_X86_ADDSUB
    Fp::Limbs minus_b, r0, r1;
    bigint::sub(minus_b, Fp::kModulus, a.c1.mont);  // p - b in [1, p]
    nine_x_plus_y(r0, a.c0.mont, minus_b);
    nine_x_plus_y(r1, a.c1.mont, a.c0.mont);
    return Fp2{Fp::from_mont(r0), Fp::from_mont(r1)};
#else
    Fp a9 = a.c0.dbl().dbl().dbl() + a.c0;
    Fp b9 = a.c1.dbl().dbl().dbl() + a.c1;
    return Fp2{a9 - a.c1, a.c0 + b9};
#endif
  }

#ifdef SUPERVM_MONT_X86_ADDSUB
  // r = (9x + y) mod p for x < p, y <= p, branch-free (Montgomery form is linear, so this
  // works on the representatives). w = 9x + y < 10p < 2^258; q = floor(h M / 2^32) with
  // h = floor(w / 2^250) and M = floor(2^282 / p) never exceeds floor(w / p) and falls
  // short by less than 2^250 / p + 1 < 1.09, so w - q p < 2p fits 4 words and one
  // conditional subtraction finishes (tests/algebra/tower: edge values and 10,000 random
  // elements against the generic product by xi).
  static void nine_x_plus_y(Fp::Limbs& r, const Fp::Limbs& x, const Fp::Limbs& y) {
    const uint64_t* p = Fp::kModulus.data();
    uint64_t w0, w1, w2, w3, w4, l0, l1, l2, l3, h1;
    asm("movl $9, %%edx\n\t"
        "mulxq 0(%[x]), %[w0], %[l0]\n\t"
        "mulxq 8(%[x]), %[w1], %[l1]\n\t"
        "mulxq 16(%[x]), %[w2], %[l2]\n\t"
        "mulxq 24(%[x]), %[w3], %[w4]\n\t"
        "addq %[l0], %[w1]\n\t"
        "adcq %[l1], %[w2]\n\t"
        "adcq %[l2], %[w3]\n\t"
        "adcq $0, %[w4]\n\t"
        "addq 0(%[y]), %[w0]\n\t"
        "adcq 8(%[y]), %[w1]\n\t"
        "adcq 16(%[y]), %[w2]\n\t"
        "adcq 24(%[y]), %[w3]\n\t"
        "adcq $0, %[w4]\n\t"
        "shldq $6, %[w3], %[w4]\n\t"          // h = w >> 250
        "imulq $355015960, %[w4], %%rdx\n\t"  // M = floor(2^282 / p)
        "shrq $32, %%rdx\n\t"                 // q
        "mulxq %[p0], %[l0], %[w4]\n\t"
        "mulxq %[p1], %[l1], %[h1]\n\t"
        "addq %[w4], %[l1]\n\t"
        "mulxq %[p2], %[l2], %[w4]\n\t"
        "adcq %[h1], %[l2]\n\t"
        "mulxq %[p3], %[l3], %[h1]\n\t"
        "adcq %[w4], %[l3]\n\t"
        "subq %[l0], %[w0]\n\t"  // w -= q p (low four words; the result is < 2p)
        "sbbq %[l1], %[w1]\n\t"
        "sbbq %[l2], %[w2]\n\t"
        "sbbq %[l3], %[w3]\n\t"
        "movq %[w0], %[l0]\n\t"
        "subq %[p0], %[l0]\n\t"
        "movq %[w1], %[l1]\n\t"
        "sbbq %[p1], %[l1]\n\t"
        "movq %[w2], %[l2]\n\t"
        "sbbq %[p2], %[l2]\n\t"
        "movq %[w3], %[l3]\n\t"
        "sbbq %[p3], %[l3]\n\t"
        "cmovcq %[w0], %[l0]\n\t"
        "cmovcq %[w1], %[l1]\n\t"
        "cmovcq %[w2], %[l2]\n\t"
        "cmovcq %[w3], %[l3]\n\t"
        : [w0] "=&r"(w0), [w1] "=&r"(w1), [w2] "=&r"(w2), [w3] "=&r"(w3), [w4] "=&r"(w4),
          [l0] "=&r"(l0), [l1] "=&r"(l1), [l2] "=&r"(l2), [l3] "=&r"(l3), [h1] "=&r"(h1)
        : [x] "r"(x.data()), [y] "r"(y.data()), [p0] "m"(p[0]), [p1] "m"(p[1]), [p2] "m"(p[2]),
          [p3] "m"(p[3]), "m"(x), "m"(y)
        : "rdx", "cc");
    r = {l0, l1, l2, l3};
  }
#endif
};

using Fp6 = algebra::Fp6<TowerConfig>;
using Fp12 = algebra::Fp12<TowerConfig>;

}  // namespace supervm::algebra::bn254
