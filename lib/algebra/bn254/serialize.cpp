#include "algebra/bn254/serialize.h"

#include <vector>

namespace supervm::algebra::bn254 {
namespace {

constexpr uint8_t kFlagMask = 0xc0;
constexpr uint8_t kSmallest = 0x80;
constexpr uint8_t kLargest = 0xc0;
constexpr uint8_t kInfinity = 0x40;

template <class A, size_t N>
std::array<uint8_t, N> encode_uncompressed(const A& p) {
  constexpr size_t n = curve::coord_bytes<typename A::Field>();
  static_assert(N == 2 * n);
  std::array<uint8_t, N> out{};
  if (p.infinity) return out;
  curve::write_coord(p.x, out.data());
  curve::write_coord(p.y, out.data() + n);
  return out;
}

template <class A, size_t N>
std::array<uint8_t, N> encode_compressed(const A& p) {
  static_assert(N == curve::coord_bytes<typename A::Field>());
  std::array<uint8_t, N> out{};
  if (p.infinity) {
    out[0] = kInfinity;
    return out;
  }
  curve::write_coord(p.x, out.data());
  out[0] |= p.y.is_lexicographically_largest() ? kLargest : kSmallest;
  return out;
}

template <class A>
Decoded<A> decode_uncompressed(std::span<const uint8_t> in, Validation v) {
  using F = typename A::Field;
  constexpr size_t n = curve::coord_bytes<F>();
  if (in.size() != 2 * n) return {A(), DecodeError::kWrongLength};
  if (curve::all_zero(in)) return {A(), DecodeError::kOk};
  auto x = curve::read_coord<F>(in.data());
  auto y = curve::read_coord<F>(in.data() + n);
  if (!x || !y) return {A(), DecodeError::kCoordinateTooLarge};
  return curve::validate_point(A(*x, *y), v);
}

template <class A>
Decoded<A> decode_compressed(std::span<const uint8_t> in, Validation v) {
  using F = typename A::Field;
  constexpr size_t n = curve::coord_bytes<F>();
  if (in.size() != n) return {A(), DecodeError::kWrongLength};
  const uint8_t flags = in[0] & kFlagMask;
  if (flags == 0) return {A(), DecodeError::kBadFlags};
  std::vector<uint8_t> buf(in.begin(), in.end());
  buf[0] &= static_cast<uint8_t>(~kFlagMask);
  if (flags == kInfinity) {
    if (!curve::all_zero(buf)) return {A(), DecodeError::kNonCanonicalInfinity};
    return {A(), DecodeError::kOk};
  }
  auto x = curve::read_coord<F>(buf.data());
  if (!x) return {A(), DecodeError::kCoordinateTooLarge};
  const bool largest = flags == kLargest;
  auto p = A::from_x(*x, largest);
  if (!p) return {A(), DecodeError::kNoSquareRoot};
  if (largest && p->y.is_zero()) return {A(), DecodeError::kBadFlags};  // y = 0 has no sign
  if (v == Validation::kFull && !p->is_in_subgroup()) return {A(), DecodeError::kNotInSubgroup};
  return {*p, DecodeError::kOk};
}

}  // namespace

std::array<uint8_t, kG1CompressedBytes> g1_encode_compressed(const G1Affine& p) {
  return encode_compressed<G1Affine, kG1CompressedBytes>(p);
}
std::array<uint8_t, kG1UncompressedBytes> g1_encode_uncompressed(const G1Affine& p) {
  return encode_uncompressed<G1Affine, kG1UncompressedBytes>(p);
}
std::array<uint8_t, kG2CompressedBytes> g2_encode_compressed(const G2Affine& p) {
  return encode_compressed<G2Affine, kG2CompressedBytes>(p);
}
std::array<uint8_t, kG2UncompressedBytes> g2_encode_uncompressed(const G2Affine& p) {
  return encode_uncompressed<G2Affine, kG2UncompressedBytes>(p);
}

Decoded<G1Affine> g1_decode_compressed(std::span<const uint8_t> in, Validation v) {
  return decode_compressed<G1Affine>(in, v);
}
Decoded<G1Affine> g1_decode_uncompressed(std::span<const uint8_t> in, Validation v) {
  return decode_uncompressed<G1Affine>(in, v);
}
Decoded<G2Affine> g2_decode_compressed(std::span<const uint8_t> in, Validation v) {
  return decode_compressed<G2Affine>(in, v);
}
Decoded<G2Affine> g2_decode_uncompressed(std::span<const uint8_t> in, Validation v) {
  return decode_uncompressed<G2Affine>(in, v);
}

}  // namespace supervm::algebra::bn254
