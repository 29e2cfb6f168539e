// File I/O with the guarantees of DESIGN.md §4: writes are atomic (temporary
// file in the same directory, fsync, rename, fsync of the directory), reads of
// large inputs are memory-mapped. Errors are supervm::Error naming the path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace supervm::util {

// Replaces `path` with `data` atomically: a crash leaves the old file or the
// new one, never a mix. Throws supervm::Error (I/O class) on failure, leaving
// the old file untouched and no temporary behind.
void write_file_atomic(const std::string& path, std::span<const uint8_t> data);
void write_file_atomic(const std::string& path, std::string_view text);

// Streams a file into place atomically: writes go to a temporary file in the
// target's directory; commit() fsyncs it, renames it over the target and
// fsyncs the directory. Destroyed without commit(), the temporary is removed
// and the target is untouched.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  void write(std::span<const uint8_t> data);
  void write(std::string_view text);
  void commit();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string temp_;
  int fd_ = -1;
};

// Test hook: called after the temporary file is written and fsynced and before
// the rename; tests use it to kill the process at the worst moment.
void set_atomic_write_hook(std::function<void(const std::string& temp_path)> hook);

// Reads a whole file; throws supervm::Error naming the path when it is missing
// or unreadable ("-" reads standard input).
std::vector<uint8_t> read_file(const std::string& path);
std::string read_text_file(const std::string& path);

// A read-only memory map of a whole file. Empty files and missing files are
// errors (a key or proof file is never empty).
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;

  std::span<const uint8_t> bytes() const { return {data_, size_}; }
  size_t size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace supervm::util
