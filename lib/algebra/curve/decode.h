// Results of decoding a point from bytes: the point or exactly one reason for rejection, plus
// small helpers to read and write coordinates (Fp: big endian; Fp2: c1 then c0, the order of
// both the zkcrypto BLS12-381 format and the Ethereum BN254 precompiles).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace supervm::algebra::curve {

enum class DecodeError : uint8_t {
  kOk = 0,
  kWrongLength,            // input length differs from the format's length
  kCoordinateTooLarge,     // a coordinate (or Fp2 component) is >= p
  kBadFlags,               // flag bits not allowed by this format (or contradicting each other)
  kNonCanonicalInfinity,   // infinity flag set but other bits non-zero
  kNotOnCurve,             // (x, y) does not satisfy the curve equation
  kNoSquareRoot,           // compressed x for which x^3 + b is not a square
  kNotInSubgroup,          // on the curve, but not in the prime-order subgroup
};

// A short human-readable reason, e.g. "point is not in the prime-order subgroup".
const char* to_string(DecodeError e);

// Whether decoding checks subgroup membership. kOnCurveOnly is for data that was validated
// before (e.g. our own proving keys guarded by a checksum); everything external uses kFull.
enum class Validation : uint8_t { kFull, kOnCurveOnly };

template <class P>
struct Decoded {
  P point{};
  DecodeError error = DecodeError::kOk;
  bool ok() const { return error == DecodeError::kOk; }
  const char* message() const { return to_string(error); }
};

// Number of bytes of one coordinate.
template <class F>
constexpr size_t coord_bytes() {
  if constexpr (requires { F::kBytes; }) {
    return F::kBytes;
  } else {
    return 2 * decltype(F{}.c0)::kBytes;
  }
}

template <class F>
void write_coord(const F& v, uint8_t* out) {
  if constexpr (requires { F::kBytes; }) {
    v.to_bytes_be(std::span<uint8_t>(out, F::kBytes));
  } else {
    constexpr size_t n = decltype(v.c0)::kBytes;
    v.c1.to_bytes_be(std::span<uint8_t>(out, n));
    v.c0.to_bytes_be(std::span<uint8_t>(out + n, n));
  }
}

// nullopt if any component is >= p.
template <class F>
std::optional<F> read_coord(const uint8_t* in) {
  if constexpr (requires { F::kBytes; }) {
    return F::from_bytes_be(std::span<const uint8_t>(in, F::kBytes));
  } else {
    using B = decltype(F{}.c0);
    constexpr size_t n = B::kBytes;
    auto c1 = B::from_bytes_be(std::span<const uint8_t>(in, n));
    auto c0 = B::from_bytes_be(std::span<const uint8_t>(in + n, n));
    if (!c0 || !c1) return std::nullopt;
    return F{*c0, *c1};
  }
}

inline bool all_zero(std::span<const uint8_t> b) {
  uint8_t acc = 0;
  for (uint8_t v : b) acc |= v;
  return acc == 0;
}

}  // namespace supervm::algebra::curve

namespace supervm::algebra::curve {

// Final checks shared by every format: on the curve, then (kFull) in the subgroup.
template <class A>
Decoded<A> validate_point(const A& p, Validation v) {
  if (!p.is_on_curve()) return {A(), DecodeError::kNotOnCurve};
  if (v == Validation::kFull && !p.is_in_subgroup()) return {A(), DecodeError::kNotInSubgroup};
  return {p, DecodeError::kOk};
}

}  // namespace supervm::algebra::curve
