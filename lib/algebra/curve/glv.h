// GLV / GLS scalar decomposition (Gallant–Lambert–Vanstone, CRYPTO 2001, Sec. 4): for an
// endomorphism acting as [lambda] on the subgroup of order r, write k = k1 + k2*lambda (mod r)
// with |k1|, |k2| ~ sqrt(r) using a reduced lattice basis {(a1, b1), (a2, b2)} of
// {(a, b) : a + b*lambda = 0 mod r} and Babai rounding. Variable time (public scalars only).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include <gmpxx.h>

namespace supervm::algebra::curve {

struct GlvHalf {
  std::array<uint64_t, 3> limbs{};  // |k_i|, little endian (at most ~130 bits in practice)
  bool negative = false;
};

class GlvLattice {
 public:
  // Signed hex strings ("-0x..." allowed) of the basis vectors; lambda only for checking.
  GlvLattice(std::string_view a1, std::string_view b1, std::string_view a2, std::string_view b2);
  // k: canonical scalar, little-endian limbs. Returns k1, k2 with k = k1 + k2*lambda mod r.
  std::array<GlvHalf, 2> split(std::span<const uint64_t> k) const;

 private:
  mpz_class a1_, b1_, a2_, b2_, det_;
};

// Little-endian 64-bit limbs <-> GMP integers (helpers shared by the curve code and tests).
mpz_class mpz_from_limbs(std::span<const uint64_t> limbs);
void mpz_to_limbs(const mpz_class& v, std::span<uint64_t> out);  // |v| must fit

}  // namespace supervm::algebra::curve
