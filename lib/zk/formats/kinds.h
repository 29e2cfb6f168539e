// The kinds of supervm binary files (the `kind` byte of the util/envelope.h header, DESIGN.md §5,
// man 5 supervm-formats). One list for the whole project so that no two layers reuse a value;
// values are part of the file format and never change meaning.
#pragma once

#include <cstdint>
#include <string>

namespace supervm::zk::formats {

enum class FileKind : uint8_t {
  kProvingKey = 1,    // Groth16 proving key: uncompressed affine points (fast, mmap-friendly)
  kVerifyingKey = 2,  // Groth16 verifying key: compressed points
  kProof = 3,         // Groth16 proof: compressed points
  kWitness = 4,       // full R1CS assignment: canonical little-endian Fr values
  // 5..15 reserved for lib/zk; 16 and up for other layers (add them here).
};

// "proving key", "proof", ... or "kind N" for values this build does not know.
std::string file_kind_name(uint8_t kind);

// Binary format version of each kind above (the envelope `version` field).
inline constexpr uint16_t kFormatVersion = 1;

}  // namespace supervm::zk::formats
