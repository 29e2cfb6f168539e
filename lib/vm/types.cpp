#include "vm/types.h"

#include "util/hex.h"

namespace supervm::vm {

std::string hex(const uint8_t* data, size_t size) { return util::to_hex({data, size}); }

template <size_t N>
std::optional<std::array<uint8_t, N>> parse_fixed_hex(std::string_view text) {
  auto bytes = util::from_hex(text);
  if (!bytes || bytes->size() != N) return std::nullopt;
  std::array<uint8_t, N> out;
  std::memcpy(out.data(), bytes->data(), N);
  return out;
}

template std::optional<std::array<uint8_t, 32>> parse_fixed_hex<32>(std::string_view);
template std::optional<std::array<uint8_t, 64>> parse_fixed_hex<64>(std::string_view);

}  // namespace supervm::vm
