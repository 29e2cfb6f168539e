// Uncompressed affine points as little-endian Montgomery coordinates: x then y, each an Fp
// element or an Fp2 element (c0 then c1). This is ffjavascript's "LEM" representation used by
// snarkjs .zkey files, and supervm proving keys use it too so that loading is a copy plus an
// on-curve check (no square roots, no conversions). The point at infinity is all zero bytes
// ((0, 0) is never on y^2 = x^3 + b with b != 0).
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

#include "util/error.h"
#include "zk/formats/field_codec.h"

namespace supervm::zk::formats {

template <class F>
constexpr bool kIsExtension = requires(F f) {
  f.c1;
};

template <class F>
constexpr size_t mont_field_bytes() {
  if constexpr (kIsExtension<F>) {
    return 2 * 8 * F::Base::kLimbs;
  } else {
    return 8 * F::kLimbs;
  }
}

template <class Affine>
constexpr size_t mont_point_bytes() {
  return 2 * mont_field_bytes<typename Affine::Field>();
}

// One coordinate: little-endian Montgomery limbs, copied as they are (every host supervm builds
// for is little-endian; others take field_codec's byte loop). Returns false when some limb
// group is >= p; clears `zero` if any limb is nonzero.
template <class F>
bool load_mont_coordinate(const uint8_t* p, F& out, bool& zero) {
  if constexpr (kIsExtension<F>) {
    using B = typename F::Base;
    return load_mont_coordinate<B>(p, out.c0, zero) &
           load_mont_coordinate<B>(p + mont_field_bytes<B>(), out.c1, zero);
  } else if constexpr (std::endian::native == std::endian::little) {
    typename F::Limbs c;
    std::memcpy(c.data(), p, sizeof(c));
    for (uint64_t l : c) zero = zero && l == 0;
    out = F::from_mont(c);
    return limbs_below_modulus<F>(c);
  } else {
    auto v = field_from_mont_le<F>(std::span<const uint8_t>(p, mont_field_bytes<F>()));
    if (!v) return false;
    out = *v;
    zero = zero && v->is_zero();
    return true;
  }
}

template <class F>
void field_to_mont_bytes(const F& x, uint8_t* out) {
  if constexpr (kIsExtension<F>) {
    field_to_mont_le(x.c0, out);
    field_to_mont_le(x.c1, out + mont_field_bytes<typename F::Base>());
  } else {
    field_to_mont_le(x, out);
  }
}

enum class PointCheck { kOnCurve, kSubgroup };

// Decodes mont_point_bytes<Affine>() bytes into `out`. Returns nullptr on success, otherwise
// why not: a coordinate >= p, not on the curve, or (with kSubgroup) not in the prime-order
// subgroup. No allocation on the success path (proving keys hold ~10^5 points).
template <class Affine>
const char* try_decode_mont_point(std::span<const uint8_t> b, PointCheck check, Affine& out) {
  using F = typename Affine::Field;
  bool zero = true;
  F x, y;
  const bool canonical = load_mont_coordinate(b.data(), x, zero) &
                         load_mont_coordinate(b.data() + mont_field_bytes<F>(), y, zero);
  if (zero) {
    out = Affine();
    return nullptr;
  }
  if (!canonical) return "coordinate is not canonical (>= p)";
  out = Affine(x, y);
  if (!out.is_on_curve()) return "point is not on the curve";
  if (check == PointCheck::kSubgroup && !out.is_in_subgroup())
    return "point is not in the prime-order subgroup";
  return nullptr;
}

// The same, throwing "<where>: <field>: <why>" on failure.
template <class Affine>
Affine decode_mont_point(std::span<const uint8_t> b, PointCheck check, const std::string& where,
                         const std::string& field) {
  Affine p;
  if (const char* err = try_decode_mont_point(b, check, p)) throw_input_error(where, field, err);
  return p;
}

template <class Affine>
void encode_mont_point(const Affine& p, uint8_t* out) {
  using F = typename Affine::Field;
  constexpr size_t h = mont_field_bytes<F>();
  if (p.is_infinity()) {
    std::fill(out, out + 2 * h, uint8_t(0));
    return;
  }
  field_to_mont_bytes(p.x, out);
  field_to_mont_bytes(p.y, out + h);
}

}  // namespace supervm::zk::formats
