#include "zk_keys.h"

#include <cstring>

#include "util/envelope.h"
#include "zk/formats/snarkjs_json.h"
#include "zk/formats/snarkjs_zkey.h"

namespace supervm::cli {

KeyFileFormat detect_key_format(std::span<const uint8_t> bytes, const std::string& where) {
  if (bytes.size() >= 4 && std::memcmp(bytes.data(), "zkey", 4) == 0) return KeyFileFormat::kZkey;
  if (bytes.size() >= 4 && std::memcmp(bytes.data(), "SVM\0", 4) == 0)
    return KeyFileFormat::kSupervmBinary;
  for (uint8_t c : bytes) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '{') return KeyFileFormat::kSnarkjsJson;
    break;
  }
  throw_input_error(
      where, "", "not a key file: expected snarkjs JSON, a snarkjs .zkey or a supervm binary key");
}

algebra::CurveId key_curve(std::span<const uint8_t> bytes, const std::string& where) {
  switch (detect_key_format(bytes, where)) {
    case KeyFileFormat::kZkey:
      return zk::formats::zkey_curve(bytes, where);
    case KeyFileFormat::kSupervmBinary: {
      auto curve = algebra::CurveId{util::peek_envelope(bytes, where).curve};
      if (curve != algebra::CurveId::kBls12_381 && curve != algebra::CurveId::kBn254)
        throw_input_error(where, "curve",
                          "unknown curve id " + std::to_string(static_cast<int>(curve)));
      return curve;
    }
    case KeyFileFormat::kSnarkjsJson: {
      std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      return zk::formats::snarkjs_curve(zk::formats::parse_json_text(text, where), where);
    }
  }
  throw Error(ExitCode::kInternal, "unreachable key format");
}

}  // namespace supervm::cli
