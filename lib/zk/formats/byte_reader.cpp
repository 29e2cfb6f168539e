#include "zk/formats/byte_reader.h"

#include "util/error.h"

namespace supervm::zk::formats {

void ByteReader::fail(const std::string& field, const std::string& what) const {
  throw_input_error(where_, field, what);
}

std::span<const uint8_t> ByteReader::bytes(size_t n, const std::string& field) {
  if (n > remaining())
    fail(field, "file ends early: need " + std::to_string(n) + " bytes at offset " +
                    std::to_string(pos_) + ", only " + std::to_string(remaining()) + " left");
  auto out = data_.subspan(pos_, n);
  pos_ += n;
  return out;
}

uint32_t ByteReader::u32(const std::string& field) {
  auto b = bytes(4, field);
  return static_cast<uint32_t>(b[0]) | static_cast<uint32_t>(b[1]) << 8 |
         static_cast<uint32_t>(b[2]) << 16 | static_cast<uint32_t>(b[3]) << 24;
}

uint64_t ByteReader::u64(const std::string& field) {
  uint64_t lo = u32(field);
  uint64_t hi = u32(field);
  return lo | hi << 32;
}

void ByteReader::require_items(uint64_t count, size_t item_size, const std::string& field) const {
  // Division instead of multiplication: count * item_size may overflow.
  if (item_size != 0 && count > remaining() / item_size)
    fail(field, "count " + std::to_string(count) + " of " + std::to_string(item_size) +
                    "-byte items does not fit in the " + std::to_string(remaining()) +
                    " bytes left");
}

void ByteReader::expect_end(const std::string& field) const {
  if (remaining() != 0)
    fail(field, std::to_string(remaining()) + " unexpected trailing bytes at offset " +
                    std::to_string(pos_));
}

}  // namespace supervm::zk::formats
