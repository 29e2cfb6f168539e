// Generic prime field in Montgomery form on fixed 64-bit limbs.
//
// Params supplies the modulus and a few small facts; everything else (R mod p,
// R^2, -p^-1 mod 2^64, exponents, the two-adic root of unity) is derived here
// at compile time:
//   struct Params {
//     static constexpr size_t kLimbs;                     // 4 or 6
//     static constexpr std::array<uint64_t, kLimbs> kModulus;  // p, little-endian, p < 2^(64N-1)
//     static constexpr size_t kBytes;                     // canonical encoding length
//     static constexpr uint64_t kGenerator;               // quadratic non-residue; for Fr a
//                                                         // generator of the multiplicative group
//     static constexpr const char* kName;
//   };
//
// Encodings: bytes are exactly kBytes long and must hold a canonical value
// (< p). Decimal strings are canonical too: digits only, no sign or spaces, no
// leading zeros except "0" itself (so "007" is rejected), value < p.
//
// Constant time: add/sub/neg/mul/square/inverse/sqrt/legendre do not branch
// on secret data except sqrt's Tonelli-Shanks loop for p = 1 mod 4 fields and
// the *_vartime functions, which are for public data only.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "algebra/field/bigint.h"
#include "algebra/field/cpu.h"
#include "algebra/field/decimal.h"
#include "algebra/field/mont_portable.h"
#include "algebra/field/mont_x86_gen.h"
#include "algebra/field/safegcd.h"

namespace supervm::algebra {

namespace detail {
template <size_t N>
constexpr bigint::Limbs<N> to_mont(const bigint::Limbs<N>& c, const bigint::Limbs<N>& r2,
                                   const bigint::Limbs<N>& p, uint64_t inv) {
  bigint::Limbs<N> r{};
  mont::mul<N>(r, c, r2, p, inv);
  return r;
}
// base^e for a Montgomery-form base, at compile time (one_mont = R mod p).
template <size_t N>
constexpr bigint::Limbs<N> const_pow_mont(const bigint::Limbs<N>& base, const bigint::Limbs<N>& e,
                                          const bigint::Limbs<N>& one_mont,
                                          const bigint::Limbs<N>& p, uint64_t inv) {
  bigint::Limbs<N> r = one_mont;
  for (unsigned i = bigint::bit_length(e); i-- > 0;) {
    mont::mul<N>(r, r, r, p, inv);
    if (bigint::bit(e, i)) mont::mul<N>(r, r, base, p, inv);
  }
  return r;
}
}  // namespace detail

template <class Params>
class Fp {
 public:
  static constexpr size_t kLimbs = Params::kLimbs;
  static constexpr size_t kBytes = Params::kBytes;
  using Limbs = std::array<uint64_t, kLimbs>;

  // ---- constants derived from the modulus --------------------------------
  static constexpr Limbs kModulus = Params::kModulus;
  static constexpr unsigned kModulusBits = bigint::bit_length(kModulus);
  static_assert(kModulus[0] & 1, "modulus must be odd");
  static_assert(kModulusBits < 64 * kLimbs, "need p < 2^(64N-1) for the carry-saving tricks");
  static_assert(kBytes * 8 >= kModulusBits && kBytes <= 8 * kLimbs);
  static constexpr uint64_t kInv = bigint::neg_inv64(kModulus[0]);           // -p^-1 mod 2^64
  static constexpr Limbs kR = bigint::pow2_mod(64 * kLimbs, kModulus);       // R mod p
  static constexpr Limbs kR2 = bigint::pow2_mod(2 * 64 * kLimbs, kModulus);  // R^2 mod p
  static constexpr Limbs kR3 = bigint::pow2_mod(3 * 64 * kLimbs, kModulus);  // R^3 mod p
  static constexpr Limbs kPMinus1 = [] {
    Limbs r{};
    bigint::sub(r, kModulus, bigint::from_u64<kLimbs>(1));
    return r;
  }();
  static constexpr Limbs kPMinus2 = [] {
    Limbs r{};
    bigint::sub(r, kModulus, bigint::from_u64<kLimbs>(2));
    return r;
  }();
  static constexpr Limbs kHalf = bigint::shr1(kPMinus1);  // (p-1)/2
  // p - 1 = 2^kTwoAdicity * kTrace, kTrace odd.
  static constexpr unsigned kTwoAdicity = bigint::trailing_zeros(kPMinus1);
  static constexpr Limbs kTrace = bigint::shr(kPMinus1, kTwoAdicity);
  static constexpr Limbs kTraceMinus1Half = bigint::shr1(kTrace);  // (t-1)/2
  static constexpr Limbs kPPlus1Quarter = [] {                     // (p+1)/4, used when p = 3 mod 4
    Limbs r{};
    bigint::add(r, kModulus, bigint::from_u64<kLimbs>(1));
    return bigint::shr(r, 2);
  }();

  Limbs mont{};  // Montgomery form a*R mod p, public for hot code

  // ---- construction ---------------------------------------------------------
  static constexpr Fp from_mont(const Limbs& m) {
    Fp r;
    r.mont = m;
    return r;
  }
  static constexpr Fp zero() { return Fp{}; }
  static constexpr Fp one() { return from_mont(kR); }
  static constexpr Fp from_u64(uint64_t x) {
    Fp r;
    mont::mul<kLimbs>(r.mont, bigint::from_u64<kLimbs>(x), kR2, kModulus, kInv);
    return r;
  }
  // Compile-time friendly conversion of a canonical value (no range check).
  static constexpr Fp from_canonical_unchecked(const Limbs& c) {
    Fp r;
    mont::mul<kLimbs>(r.mont, c, kR2, kModulus, kInv);
    return r;
  }
  static std::optional<Fp> from_canonical(const Limbs& c) {
    if (bigint::cmp(c, kModulus) >= 0) return std::nullopt;
    return from_canonical_unchecked(c);
  }
  Limbs to_canonical() const {
    Limbs r{};
    mul_limbs(r, mont, bigint::from_u64<kLimbs>(1));
    return r;
  }

  // The field's multiplicative generator / non-residue (Params::kGenerator).
  static constexpr Fp generator() { return from_u64(Params::kGenerator); }
  // A primitive 2^kTwoAdicity-th root of unity: generator()^kTrace.
  static constexpr Fp two_adic_root_of_unity() { return from_mont(kRootOfUnityMont); }

  // ---- encodings ------------------------------------------------------------
  static std::optional<Fp> from_bytes_be(std::span<const uint8_t> b) {
    if (b.size() != kBytes) return std::nullopt;
    Limbs c{};
    for (size_t i = 0; i < kBytes; ++i) c[i / 8] |= uint64_t(b[kBytes - 1 - i]) << (8 * (i % 8));
    return from_canonical(c);
  }
  static std::optional<Fp> from_bytes_le(std::span<const uint8_t> b) {
    if (b.size() != kBytes) return std::nullopt;
    Limbs c{};
    for (size_t i = 0; i < kBytes; ++i) c[i / 8] |= uint64_t(b[i]) << (8 * (i % 8));
    return from_canonical(c);
  }
  // out.size() must be kBytes.
  void to_bytes_be(std::span<uint8_t> out) const {
    Limbs c = to_canonical();
    for (size_t i = 0; i < kBytes && i < out.size(); ++i)
      out[kBytes - 1 - i] = uint8_t(c[i / 8] >> (8 * (i % 8)));
  }
  void to_bytes_le(std::span<uint8_t> out) const {
    Limbs c = to_canonical();
    for (size_t i = 0; i < kBytes && i < out.size(); ++i)
      out[i] = uint8_t(c[i / 8] >> (8 * (i % 8)));
  }
  static std::optional<Fp> from_decimal(std::string_view s) {
    Limbs c{};
    if (!field::parse_decimal(s, c.data(), kLimbs)) return std::nullopt;
    return from_canonical(c);
  }
  std::string to_decimal() const {
    Limbs c = to_canonical();
    return field::to_decimal(c.data(), kLimbs);
  }
  // Little-endian bytes of any length, reduced mod p (hash-to-field).
  static Fp from_bytes_wide_le(std::span<const uint8_t> b) {
    const Fp two64 = from_mont(kTwo64Mont);
    Fp acc;
    size_t words = (b.size() + 7) / 8;
    for (size_t w = words; w-- > 0;) {
      uint64_t x = 0;
      for (size_t k = 0; k < 8 && 8 * w + k < b.size(); ++k) x |= uint64_t(b[8 * w + k]) << (8 * k);
      acc = acc * two64 + from_u64(x);
    }
    return acc;
  }
  // Uniform in [0, p) by rejection sampling; rng() returns uint64_t.
  template <class Rng>
  static Fp random(Rng& rng) {
    constexpr unsigned top_bits = kModulusBits - 64 * (kLimbs - 1);
    constexpr uint64_t top_mask = top_bits == 64 ? ~uint64_t(0) : (uint64_t(1) << top_bits) - 1;
    for (;;) {
      Limbs c{};
      for (auto& x : c) x = uint64_t(rng());
      c[kLimbs - 1] &= top_mask;
      if (bigint::cmp(c, kModulus) < 0) return from_canonical_unchecked(c);
    }
  }

  // ---- arithmetic -----------------------------------------------------------
  // The results go to uninitialized limbs first: `Fp r;` zero-fills (mont{}), and GCC
  // keeps those stores when the ADX and portable branches both write r afterwards
  // (for Fp2 and larger temporaries as a `rep stosq`).
  SUPERVM_INLINE Fp operator+(const Fp& o) const {
    Limbs r;
    add_limbs(r, mont, o.mont);
    return from_mont(r);
  }
  SUPERVM_INLINE Fp operator-(const Fp& o) const {
    Limbs r;
    sub_limbs(r, mont, o.mont);
    return from_mont(r);
  }
  SUPERVM_INLINE Fp operator-() const {
    Limbs r;
    mont::neg<kLimbs>(r, mont, kModulus);
    return from_mont(r);
  }
  SUPERVM_INLINE Fp operator*(const Fp& o) const {
    Limbs r;
    mul_limbs(r, mont, o.mont);
    return from_mont(r);
  }
  SUPERVM_INLINE Fp& operator+=(const Fp& o) { return *this = *this + o; }
  SUPERVM_INLINE Fp& operator-=(const Fp& o) { return *this = *this - o; }
  SUPERVM_INLINE Fp& operator*=(const Fp& o) { return *this = *this * o; }
  SUPERVM_INLINE bool operator==(const Fp& o) const { return mont == o.mont; }
  bool operator!=(const Fp& o) const { return !(*this == o); }

  SUPERVM_INLINE Fp square() const {
    Limbs r;
    sqr_limbs(r, mont);
    return from_mont(r);
  }
  SUPERVM_INLINE Fp dbl() const { return *this + *this; }
  SUPERVM_INLINE bool is_zero() const { return bigint::is_zero(mont); }
  bool is_one() const { return mont == kR; }

  // Square-and-multiply with a fixed 4-bit window; time depends only on the
  // exponent's length, so it is constant time in the base.
  Fp pow(std::span<const uint64_t> e) const {
    Fp table[16];
    table[0] = one();
    for (int i = 1; i < 16; ++i) table[i] = table[i - 1] * *this;
    size_t nbits = 64 * e.size();
    Fp r = one();
    for (size_t w = (nbits + 3) / 4; w-- > 0;) {
      r = r.square().square().square().square();
      unsigned d = unsigned(e[(4 * w) / 64] >> ((4 * w) % 64)) & 15;
      Fp t = table[0];
      for (unsigned k = 1; k < 16; ++k) t = select(k == d, table[k], t);
      r *= t;
    }
    return r;
  }

  // Fermat: a^(p-2). inverse(0) == 0.
  Fp inverse() const { return pow_public(kPMinus2); }

  // a^e for a public exponent: sliding window of width 5 with direct table
  // lookups. The sequence of operations depends only on e, so it is constant
  // time in the base (used for inverse, sqrt and legendre).
  Fp pow_public(const Limbs& e) const {
    constexpr unsigned kW = 5;
    Fp table[1 << (kW - 1)];  // odd powers a^1, a^3, ..., a^31
    table[0] = *this;
    const Fp a2 = square();
    for (unsigned i = 1; i < (1u << (kW - 1)); ++i) table[i] = table[i - 1] * a2;
    Fp r = one();
    bool started = false;
    int i = int(bigint::bit_length(e)) - 1;
    while (i >= 0) {
      if (!bigint::bit(e, unsigned(i))) {
        if (started) r = r.square();
        --i;
        continue;
      }
      // Longest window [j, i] of at most kW bits that ends in a set bit.
      int j = std::max(i - int(kW) + 1, 0);
      while (!bigint::bit(e, unsigned(j))) ++j;
      unsigned d = 0;
      for (int k = i; k >= j; --k) d = (d << 1) | unsigned(bigint::bit(e, unsigned(k)));
      if (started) {
        for (int k = i; k >= j; --k) r = r.square();
        r *= table[d >> 1];
      } else {
        r = table[d >> 1];
        started = true;
      }
      i = j - 1;
    }
    return r;
  }

  // Bernstein-Yang divsteps, 62 at a time (safegcd.h), on the Montgomery representation,
  // then a correction by R^3. Variable time: public data only. inverse_vartime(0) == 0.
  Fp inverse_vartime() const {
    if (is_zero()) return Fp{};
    // x = (aR)^-1 = a^-1 R^-1; Montgomery-multiplying by R^3 gives a^-1 R.
    const Limbs x = safegcd::inverse_vartime<kLimbs>(mont, kModulus, kInv);
    Fp r;
    mul_limbs(r.mont, x, kR3);
    return r;
  }

  // Montgomery's trick: one inversion for the whole span. Zeros stay zero.
  static void batch_inverse(std::span<Fp> v) {
    if (v.empty()) return;
    std::unique_ptr<Fp[]> prefix(new Fp[v.size()]);
    Fp acc = one();
    for (size_t i = 0; i < v.size(); ++i) {
      prefix[i] = acc;
      if (!v[i].is_zero()) acc *= v[i];
    }
    Fp inv = acc.inverse();
    for (size_t i = v.size(); i-- > 0;) {
      if (v[i].is_zero()) continue;
      Fp vi = v[i];
      v[i] = inv * prefix[i];
      inv *= vi;
    }
  }

  // 0 for zero, 1 for a non-zero square, -1 otherwise (Euler's criterion).
  int legendre() const {
    Fp e = pow_public(kHalf);
    if (e.is_zero()) return 0;
    return e.is_one() ? 1 : -1;
  }

  // A square root, or nullopt for non-residues. p = 3 mod 4: a^((p+1)/4);
  // otherwise Tonelli-Shanks with the two-adic root of unity.
  std::optional<Fp> sqrt() const {
    if constexpr ((kModulus[0] & 3) == 3) {
      Fp x = pow_public(kPPlus1Quarter);
      if (x.square() != *this) return std::nullopt;
      return x;
    } else {
      if (is_zero()) return Fp{};
      Fp w = pow_public(kTraceMinus1Half);  // a^((t-1)/2)
      Fp x = *this * w;                     // a^((t+1)/2)
      Fp b = x * w;                         // a^t
      Fp z = two_adic_root_of_unity();
      unsigned v = kTwoAdicity;
      while (!b.is_one()) {
        unsigned k = 0;
        Fp b2k = b;
        while (!b2k.is_one()) {
          b2k = b2k.square();
          ++k;
          if (k >= v) return std::nullopt;
        }
        Fp ww = z;
        for (unsigned i = 0; i + k + 1 < v; ++i) ww = ww.square();
        z = ww.square();
        b *= z;
        x *= ww;
        v = k;
      }
      return x;
    }
  }

  // Canonical value > (p-1)/2 (the "largest" of {a, -a}; BLS12-381 flag bit).
  bool is_lexicographically_largest() const { return bigint::cmp(to_canonical(), kHalf) > 0; }

  // Branch-free choice: c ? a : b.
  static Fp select(bool c, const Fp& a, const Fp& b) {
    uint64_t m = 0 - uint64_t(c);
    Fp r;
    for (size_t i = 0; i < kLimbs; ++i) r.mont[i] = (a.mont[i] & m) | (b.mont[i] & ~m);
    return r;
  }

  // r = a +- b mod p (a, b < p): one x86-64 block (two carry chains and CMOVs; plain
  // x86-64, no ADX needed) in optimized builds, mont::add / mont::sub otherwise.
  SUPERVM_INLINE static void add_limbs(Limbs& r, const Limbs& a, const Limbs& b) {
#ifdef SUPERVM_MONT_X86_ADDSUB
    if constexpr (kLimbs == 4) {
      return mont::x86::add_mod_4(r.data(), a.data(), b.data(), kModulus.data());
    } else if constexpr (kLimbs == 6) {
      return mont::x86::add_mod_6(r.data(), a.data(), b.data(), kModulus.data());
    }
#endif
    mont::add<kLimbs>(r, a, b, kModulus);
  }
  SUPERVM_INLINE static void sub_limbs(Limbs& r, const Limbs& a, const Limbs& b) {
#ifdef SUPERVM_MONT_X86_ADDSUB
    if constexpr (kLimbs == 4) {
      return mont::x86::sub_mod_4(r.data(), a.data(), b.data(), kModulus.data());
    } else if constexpr (kLimbs == 6) {
      return mont::x86::sub_mod_6(r.data(), a.data(), b.data(), kModulus.data());
    }
#endif
    mont::sub<kLimbs>(r, a, b, kModulus);
  }

  // Raw Montgomery product / square on limbs with the run-time ADX choice.
  SUPERVM_INLINE static void mul_limbs(Limbs& r, const Limbs& a, const Limbs& b) {
#ifdef SUPERVM_HAVE_MONT_ADX
    if constexpr (kLimbs == 4 || kLimbs == 6) {
      if (field::g_use_adx) {
        // The kernel's second operand goes into RDX one limb per row; the first
        // one's limbs are MULX memory operands of every row. `a` (the left factor:
        // the accumulator in x = x * y, x *= y, pow, Miller loops) as the RDX
        // operand makes such chains 6 (6 limbs) to 9 (4 limbs) cycles shorter per
        // product than the other order (bench: fp_mul vs fp_mul_rchain).
        if constexpr (kLimbs == 4) {
          mont::x86::mul_adx_4(r.data(), b.data(), a.data(), kModulus.data(), kInv);
        } else {
          mont::x86::mul_adx_6(r.data(), b.data(), a.data(), kModulus.data(), kInv);
        }
        return;
      }
    }
#endif
    mont::mul<kLimbs>(r, a, b, kModulus, kInv);
  }
  // ---- lazy reduction (Fp2 and higher) --------------------------------------
  // A double-width product: a*b < 2^(128N), not reduced.
  using Wide = std::array<uint64_t, 2 * kLimbs>;
  // r = a * b without reduction; any a, b < 2^(64N).
  SUPERVM_INLINE static void mul_wide_limbs(Wide& r, const Limbs& a, const Limbs& b) {
#ifdef SUPERVM_HAVE_MONT_ADX
    if constexpr (kLimbs == 4 || kLimbs == 6) {
      if (field::g_use_adx) {
        // Left factor as the RDX operand, as in mul_limbs.
        if constexpr (kLimbs == 4) {
          mont::x86::mul_wide_adx_4(r.data(), b.data(), a.data());
        } else {
          mont::x86::mul_wide_adx_6(r.data(), b.data(), a.data());
        }
        return;
      }
    }
#endif
    mont::mul_wide<kLimbs>(r, a, b);
  }
  // r = t / R mod p, fully reduced; requires t < p * R.
  SUPERVM_INLINE static void redc_limbs(Limbs& r, const Wide& t) {
#ifdef SUPERVM_HAVE_MONT_ADX
    if constexpr (kLimbs == 4 || kLimbs == 6) {
      if (field::g_use_adx) {
        // The kernel includes the final conditional subtraction.
        if constexpr (kLimbs == 4) {
          mont::x86::redc_adx_4(r.data(), t.data(), kModulus.data(), kInv);
        } else {
          mont::x86::redc_adx_6(r.data(), t.data(), kModulus.data(), kInv);
        }
        return;
      }
    }
#endif
    mont::redc<kLimbs>(r, t, kModulus, kInv);
  }

  // r = a * a without reduction: the cross products once (N(N-1)/2 instead of N^2
  // multiplications). r must not overlap a.
  SUPERVM_INLINE static void sqr_wide_limbs(Wide& r, const Limbs& a) {
#ifdef SUPERVM_HAVE_MONT_ADX
    if constexpr (kLimbs == 4 || kLimbs == 6) {
      if (field::g_use_adx) {
        if constexpr (kLimbs == 4) {
          mont::x86::sqr_wide_adx_4(r.data(), a.data());
        } else {
          mont::x86::sqr_wide_adx_6(r.data(), a.data());
        }
        return;
      }
    }
#endif
    mont::sqr_wide<kLimbs>(r, a);
  }

  // Montgomery square. x86: the multiply kernel with a as both factors. The wide square
  // (N(N-1)/2 fewer MULX) plus a separate reduction and final subtraction was slower on
  // Zen 4 (BLS12-381 33.8 vs 31.1 ns, BN254 18.7 vs 17.8 ns in one chain harness).
  SUPERVM_INLINE static void sqr_limbs(Limbs& r, const Limbs& a) {
#ifdef SUPERVM_HAVE_MONT_ADX
    if constexpr (kLimbs == 4 || kLimbs == 6) {
      if (field::g_use_adx) {
        if constexpr (kLimbs == 4) {
          mont::x86::mul_adx_4(r.data(), a.data(), a.data(), kModulus.data(), kInv);
        } else {
          mont::x86::mul_adx_6(r.data(), a.data(), a.data(), kModulus.data(), kInv);
        }
        return;
      }
    }
#endif
    mont::sqr<kLimbs>(r, a, kModulus, kInv);
  }

 private:
  static constexpr Limbs kTwo64Mont = bigint::pow2_mod(64 + 64 * kLimbs, kModulus);
  // For p = 3 mod 4 the root of order 2 is -1 (and clang's constexpr step limit
  // would not allow a 380-bit exponentiation anyway).
  static constexpr Limbs kMinusOneMont = [] {
    Limbs r{};
    bigint::sub(r, kModulus, kR);
    return r;
  }();
  static constexpr Limbs kRootOfUnityMont =
      kTwoAdicity == 1
          ? kMinusOneMont
          : detail::const_pow_mont(
                detail::to_mont(bigint::from_u64<kLimbs>(Params::kGenerator), kR2, kModulus, kInv),
                kTrace, kR, kModulus, kInv);
};

}  // namespace supervm::algebra
