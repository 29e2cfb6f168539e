#include "util/hex.h"

#include "util/error.h"

namespace supervm::util {
namespace {

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view strip_prefix(std::string_view text) {
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
    text.remove_prefix(2);
  return text;
}

// Returns the index of the first bad digit, or npos; fills `out` when all are good.
size_t decode(std::string_view text, std::vector<uint8_t>& out) {
  out.resize(text.size() / 2);
  for (size_t i = 0; i < text.size(); i += 2) {
    int hi = digit_value(text[i]);
    if (hi < 0) return i;
    int lo = digit_value(text[i + 1]);
    if (lo < 0) return i + 1;
    out[i / 2] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return std::string_view::npos;
}

}  // namespace

std::string to_hex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return out;
}

std::optional<std::vector<uint8_t>> from_hex(std::string_view text) {
  text = strip_prefix(text);
  if (text.size() % 2 != 0) return std::nullopt;
  std::vector<uint8_t> out;
  if (decode(text, out) != std::string_view::npos) return std::nullopt;
  return out;
}

std::vector<uint8_t> parse_hex(std::string_view text, const std::string& where) {
  std::string_view body = strip_prefix(text);
  if (body.size() % 2 != 0)
    throw_input_error(where, "", "hex string has odd length " + std::to_string(body.size()));
  std::vector<uint8_t> out;
  size_t bad = decode(body, out);
  if (bad != std::string_view::npos)
    throw_input_error(
        where, "",
        "invalid hex digit at position " + std::to_string(bad + (text.size() - body.size())));
  return out;
}

}  // namespace supervm::util
