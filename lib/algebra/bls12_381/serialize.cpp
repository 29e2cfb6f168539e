#include "algebra/bls12_381/serialize.h"

#include <vector>

namespace supervm::algebra::bls12_381 {
namespace {

constexpr uint8_t kCompressionFlag = 0x80;
constexpr uint8_t kInfinityFlag = 0x40;
constexpr uint8_t kSignFlag = 0x20;
constexpr uint8_t kAllFlags = kCompressionFlag | kInfinityFlag | kSignFlag;

template <class A, size_t N>
std::array<uint8_t, N> encode(const A& p, bool compressed) {
  using F = typename A::Field;
  constexpr size_t n = curve::coord_bytes<F>();
  std::array<uint8_t, N> out{};
  if (p.infinity) {
    out[0] = kInfinityFlag | (compressed ? kCompressionFlag : 0);
    return out;
  }
  curve::write_coord(p.x, out.data());
  if (compressed) {
    out[0] |= kCompressionFlag;
    if (p.y.is_lexicographically_largest()) out[0] |= kSignFlag;
  } else {
    curve::write_coord(p.y, out.data() + n);
  }
  return out;
}

template <class A>
Decoded<A> decode(std::span<const uint8_t> in, bool compressed, Validation v) {
  using F = typename A::Field;
  constexpr size_t n = curve::coord_bytes<F>();
  if (in.size() != (compressed ? n : 2 * n)) return {A(), DecodeError::kWrongLength};
  const uint8_t flags = in[0] & kAllFlags;
  const bool c = flags & kCompressionFlag, inf = flags & kInfinityFlag, sign = flags & kSignFlag;
  if (c != compressed) return {A(), DecodeError::kBadFlags};
  if (inf && sign) return {A(), DecodeError::kBadFlags};
  if (!compressed && sign) return {A(), DecodeError::kBadFlags};
  // Coordinates without the flag bits.
  std::vector<uint8_t> buf(in.begin(), in.end());
  buf[0] &= static_cast<uint8_t>(~kAllFlags);
  if (inf) {
    if (!curve::all_zero(buf)) return {A(), DecodeError::kNonCanonicalInfinity};
    return {A(), DecodeError::kOk};
  }
  auto x = curve::read_coord<F>(buf.data());
  if (!x) return {A(), DecodeError::kCoordinateTooLarge};
  if (compressed) {
    auto p = A::from_x(*x, sign);
    if (!p) return {A(), DecodeError::kNoSquareRoot};
    if (sign && p->y.is_zero()) return {A(), DecodeError::kBadFlags};  // y = 0 has no sign
    if (v == Validation::kFull && !p->is_in_subgroup()) return {A(), DecodeError::kNotInSubgroup};
    return {*p, DecodeError::kOk};
  }
  auto y = curve::read_coord<F>(buf.data() + n);
  if (!y) return {A(), DecodeError::kCoordinateTooLarge};
  return curve::validate_point(A(*x, *y), v);
}

}  // namespace

std::array<uint8_t, kG1CompressedBytes> g1_encode_compressed(const G1Affine& p) {
  return encode<G1Affine, kG1CompressedBytes>(p, true);
}
std::array<uint8_t, kG1UncompressedBytes> g1_encode_uncompressed(const G1Affine& p) {
  return encode<G1Affine, kG1UncompressedBytes>(p, false);
}
std::array<uint8_t, kG2CompressedBytes> g2_encode_compressed(const G2Affine& p) {
  return encode<G2Affine, kG2CompressedBytes>(p, true);
}
std::array<uint8_t, kG2UncompressedBytes> g2_encode_uncompressed(const G2Affine& p) {
  return encode<G2Affine, kG2UncompressedBytes>(p, false);
}

Decoded<G1Affine> g1_decode_compressed(std::span<const uint8_t> in, Validation v) {
  return decode<G1Affine>(in, true, v);
}
Decoded<G1Affine> g1_decode_uncompressed(std::span<const uint8_t> in, Validation v) {
  return decode<G1Affine>(in, false, v);
}
Decoded<G2Affine> g2_decode_compressed(std::span<const uint8_t> in, Validation v) {
  return decode<G2Affine>(in, true, v);
}
Decoded<G2Affine> g2_decode_uncompressed(std::span<const uint8_t> in, Validation v) {
  return decode<G2Affine>(in, false, v);
}

}  // namespace supervm::algebra::bls12_381
