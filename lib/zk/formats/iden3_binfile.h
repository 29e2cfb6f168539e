// The iden3 binary container shared by circom's .r1cs, .wtns and snarkjs' .zkey
// (github.com/iden3/binfileutils, src/binfileutils.js): magic (4 ASCII bytes), version
// (u32 LE), number of sections (u32 LE), then sections of {type u32 LE, size u64 LE, bytes}.
// Sections may come in any order (circom writes .r1cs with the constraints before the
// header). This reader is stricter than binfileutils: every section must lie inside the file,
// the file must end exactly after the last section, and a section a reader needs must appear
// exactly once.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace supervm::zk::formats {

class Iden3File {
 public:
  // Parses the container; throws supervm::Error (usage class) naming `where`.
  Iden3File(std::span<const uint8_t> data, const char magic[4], uint32_t version,
            std::string where);

  uint32_t version() const { return version_; }
  // The bytes of section `type`; throws if it is missing or duplicated. `name` is used in
  // error messages ("section 2 (constraints)").
  std::span<const uint8_t> section(uint32_t type, const std::string& name) const;
  bool has_section(uint32_t type) const { return sections_.count(type) != 0; }
  const std::string& where() const { return where_; }

 private:
  std::string where_;
  uint32_t version_ = 0;
  std::map<uint32_t, std::vector<std::span<const uint8_t>>> sections_;
};

// "section 2 (constraints)": the field name used for errors inside a section.
std::string section_field(uint32_t type, const std::string& name);

}  // namespace supervm::zk::formats
