#include "zk/formats/field_codec.h"

namespace supervm::zk::formats {

std::optional<std::string> decimal_syntax_error(std::string_view s) {
  if (s.empty()) return "empty string is not a number";
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    return "hexadecimal \"0x...\" is not accepted: numbers are decimal strings";
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
      return "whitespace inside a number is not accepted";
    if (c == '+' || c == '-') return "signs are not accepted: numbers are canonical decimals";
    if (c < '0' || c > '9') return "not a decimal string (only the digits 0-9 are allowed)";
  }
  if (s.size() > 1 && s[0] == '0') return "leading zeros are not canonical";
  // 116 digits > 2^384: anything longer is certainly above every modulus we use.
  if (s.size() > 120) return "number is too long";
  return std::nullopt;
}

}  // namespace supervm::zk::formats
