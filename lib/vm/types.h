// Fixed-size byte strings the engine is built from: 32-byte object ids and
// hashes, Ed25519 public keys and signatures. Plain arrays so that they hash,
// compare and copy cheaply.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace supervm::vm {

using Hash32 = std::array<uint8_t, 32>;
using ObjectId = Hash32;
using PublicKey = std::array<uint8_t, 32>;  // Ed25519 public key
using Signature = std::array<uint8_t, 64>;  // Ed25519 detached signature

// Lower-case hex without prefix.
std::string hex(const uint8_t* data, size_t size);
template <size_t N>
std::string hex(const std::array<uint8_t, N>& a) {
  return hex(a.data(), N);
}
// Exactly 2*N hex digits (an optional "0x" prefix is accepted); nullopt otherwise.
template <size_t N>
std::optional<std::array<uint8_t, N>> parse_fixed_hex(std::string_view text);

// Ids are uniformly distributed (hash outputs or public keys), so eight of their
// bytes are a good hash-table hash.
struct Bytes32Hash {
  size_t operator()(const std::array<uint8_t, 32>& a) const noexcept {
    uint64_t h;
    std::memcpy(&h, a.data() + 8, sizeof h);
    return static_cast<size_t>(h);
  }
};

// Equality without a call to memcmp (std::array's operator== is not always
// inlined, and key comparison is the inner loop of every map lookup).
inline bool equal32(const std::array<uint8_t, 32>& a, const std::array<uint8_t, 32>& b) noexcept {
  uint64_t x[4], y[4];
  std::memcpy(x, a.data(), 32);
  std::memcpy(y, b.data(), 32);
  return ((x[0] ^ y[0]) | (x[1] ^ y[1]) | (x[2] ^ y[2]) | (x[3] ^ y[3])) == 0;
}
// Lexicographic byte order (the order of std::array's operator<), as four
// big-endian word comparisons instead of a call to memcmp: sorting dirty keys
// is a hot loop of the state-root update.
inline bool less32(const std::array<uint8_t, 32>& a, const std::array<uint8_t, 32>& b) noexcept {
  for (size_t i = 0; i < 32; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) return __builtin_bswap64(x) < __builtin_bswap64(y);
  }
  return false;
}
struct Bytes32Less {
  bool operator()(const std::array<uint8_t, 32>& a,
                  const std::array<uint8_t, 32>& b) const noexcept {
    return less32(a, b);
  }
};

struct Bytes32Eq {
  bool operator()(const std::array<uint8_t, 32>& a,
                  const std::array<uint8_t, 32>& b) const noexcept {
    return equal32(a, b);
  }
};

}  // namespace supervm::vm
