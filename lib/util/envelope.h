// The envelope every supervm binary file shares (DESIGN.md §5, man 5
// supervm-formats): a 16-byte header (magic "SVM\0", format version, kind,
// curve id, payload length) then the payload, then a BLAKE2b-256 checksum of
// header and payload.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace supervm::util {

struct EnvelopeHeader {
  uint16_t version = 1;
  uint8_t kind =
      0;  // what the payload is (proving key, proof, ...): defined by the layer that owns it
  uint8_t curve = 0;  // algebra::CurveId, or 0 when the file is not tied to a curve
};

constexpr size_t kEnvelopeHeaderSize = 16;
constexpr size_t kEnvelopeChecksumSize = 32;

// Header + payload + checksum, ready to be written atomically.
std::vector<uint8_t> seal_envelope(const EnvelopeHeader& header, std::span<const uint8_t> payload);

// Checks magic, version, kind, curve, length and checksum and returns the
// payload (a view into `file`). Throws an input error naming `where` and the
// field that does not match.
std::span<const uint8_t> open_envelope(std::span<const uint8_t> file,
                                       const EnvelopeHeader& expected, const std::string& where);

// Reads just the header (for tools that dispatch on kind or curve). Throws like open_envelope.
EnvelopeHeader peek_envelope(std::span<const uint8_t> file, const std::string& where);

}  // namespace supervm::util
