// Uncompressed affine points as little-endian Montgomery coordinates: x then y, each an Fp
// element or an Fp2 element (c0 then c1). This is ffjavascript's "LEM" representation used by
// snarkjs .zkey files, and supervm proving keys use it too so that loading is a copy plus an
// on-curve check (no square roots, no conversions). The point at infinity is all zero bytes
// ((0, 0) is never on y^2 = x^3 + b with b != 0).
#pragma once

#include <algorithm>
#include <cstdint>
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

template <class F>
bool field_from_mont_bytes(std::span<const uint8_t> b, F& out) {
  if constexpr (kIsExtension<F>) {
    constexpr size_t h = mont_field_bytes<typename F::Base>();
    auto c0 = field_from_mont_le<typename F::Base>(b.first(h));
    auto c1 = field_from_mont_le<typename F::Base>(b.subspan(h, h));
    if (!c0 || !c1) return false;
    out = F{*c0, *c1};
  } else {
    auto v = field_from_mont_le<F>(b);
    if (!v) return false;
    out = *v;
  }
  return true;
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
  constexpr size_t h = mont_field_bytes<F>();
  bool all_zero = true;
  for (uint8_t x : b.first(2 * h)) all_zero = all_zero && x == 0;
  if (all_zero) {
    out = Affine();
    return nullptr;
  }
  F x, y;
  if (!field_from_mont_bytes(b.first(h), x) || !field_from_mont_bytes(b.subspan(h, h), y))
    return "coordinate is not canonical (>= p)";
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
