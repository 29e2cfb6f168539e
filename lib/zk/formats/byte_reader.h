// A bounds-checked little-endian cursor over an untrusted byte buffer. Every read names the
// field it is reading, so a truncated or inconsistent file fails with a message like
// "circuit.r1cs: constraints[17].A[2].wire: file ends after 1203 of 1207 bytes".
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace supervm::zk::formats {

class ByteReader {
 public:
  // `where` names the input in error messages (a path or "proof.bin").
  ByteReader(std::span<const uint8_t> data, std::string where)
      : data_(data), where_(std::move(where)) {}

  uint32_t u32(const std::string& field);
  uint64_t u64(const std::string& field);
  // The next n bytes as a view into the buffer.
  std::span<const uint8_t> bytes(size_t n, const std::string& field);
  // Checks that `count` items of `item_size` bytes fit in what is left, before the caller
  // allocates anything for them (a hostile count must not trigger a huge allocation).
  void require_items(uint64_t count, size_t item_size, const std::string& field) const;
  // Fails unless every byte has been consumed (trailing garbage is an error).
  void expect_end(const std::string& field) const;

  size_t pos() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  const std::string& where() const { return where_; }

  [[noreturn]] void fail(const std::string& field, const std::string& what) const;

 private:
  std::span<const uint8_t> data_;
  std::string where_;
  size_t pos_ = 0;
};

}  // namespace supervm::zk::formats
