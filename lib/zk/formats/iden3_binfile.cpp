#include "zk/formats/iden3_binfile.h"

#include <cstring>

#include "util/error.h"
#include "zk/formats/byte_reader.h"

namespace supervm::zk::formats {

std::string section_field(uint32_t type, const std::string& name) {
  return "section " + std::to_string(type) + " (" + name + ")";
}

Iden3File::Iden3File(std::span<const uint8_t> data, const char magic[4], uint32_t version,
                     std::string where)
    : where_(std::move(where)) {
  ByteReader r(data, where_);
  auto m = r.bytes(4, "magic");
  if (std::memcmp(m.data(), magic, 4) != 0)
    throw_input_error(where_, "magic",
                      std::string("not a ") + std::string(magic, 4) + " file (magic bytes differ)");
  version_ = r.u32("version");
  if (version_ != version)
    throw_input_error(where_, "version",
                      "version " + std::to_string(version_) + " is not supported (expected " +
                          std::to_string(version) + ")");
  uint32_t n = r.u32("number of sections");
  r.require_items(n, 12, "number of sections");  // each section has a 12-byte header
  for (uint32_t i = 0; i < n; ++i) {
    std::string f = "section header " + std::to_string(i);
    uint32_t type = r.u32(f);
    uint64_t size = r.u64(f);
    if (size > r.remaining())
      throw_input_error(where_, section_field(type, "size"),
                        "section of " + std::to_string(size) +
                            " bytes extends past the end of "
                            "the file (" +
                            std::to_string(r.remaining()) + " bytes left)");
    sections_[type].push_back(r.bytes(static_cast<size_t>(size), f));
  }
  r.expect_end("end of file");
}

std::span<const uint8_t> Iden3File::section(uint32_t type, const std::string& name) const {
  auto it = sections_.find(type);
  if (it == sections_.end())
    throw_input_error(where_, section_field(type, name), "section is missing");
  if (it->second.size() != 1)
    throw_input_error(where_, section_field(type, name),
                      "section appears " + std::to_string(it->second.size()) + " times");
  return it->second.front();
}

}  // namespace supervm::zk::formats
