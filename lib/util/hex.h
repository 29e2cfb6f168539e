// Hex encoding of byte strings (lower case, no prefix on output).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace supervm::util {

std::string to_hex(std::span<const uint8_t> bytes);

// Decodes an even-length string of hex digits (either case). An optional "0x"
// prefix is accepted. Returns nullopt on odd length or a non-hex character.
std::optional<std::vector<uint8_t>> from_hex(std::string_view text);

// Like from_hex, but throws supervm::Error (input error) naming `where` and the
// fault: odd length, or the position of the first bad digit.
std::vector<uint8_t> parse_hex(std::string_view text, const std::string& where);

}  // namespace supervm::util
