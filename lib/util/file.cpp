#include "util/file.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <mutex>
#include <random>

#include "util/error.h"

namespace supervm::util {
namespace {

std::mutex g_hook_mutex;
std::function<void(const std::string&)> g_hook;

void write_all(int fd, const uint8_t* data, size_t size, const std::string& where) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_io_error(where, "write failed", errno);
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
}

std::string temp_name_for(const std::filesystem::path& target) {
  std::random_device rd;
  std::string name = fmt::format(".{}.tmp-{}-{}", target.filename().string(), ::getpid(), rd());
  return (target.parent_path() / name).string();
}

}  // namespace

void set_atomic_write_hook(std::function<void(const std::string&)> hook) {
  std::lock_guard<std::mutex> lock(g_hook_mutex);
  g_hook = std::move(hook);
}

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)) {
  std::filesystem::path target(path_);
  if (target.filename().empty()) throw_input_error(path_, "", "output path names a directory");
  temp_ = temp_name_for(target);
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd_ < 0) throw_io_error(path_, "cannot create temporary file " + temp_, errno);
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(temp_.c_str());
  }
}

void AtomicFileWriter::write(std::span<const uint8_t> data) {
  if (fd_ < 0) throw Error(ExitCode::kInternal, path_ + ": write after commit");
  write_all(fd_, data.data(), data.size(), path_);
}

void AtomicFileWriter::write(std::string_view text) {
  write(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

void AtomicFileWriter::commit() {
  if (fd_ < 0) throw Error(ExitCode::kInternal, path_ + ": commit twice");
  if (::fsync(fd_) != 0) throw_io_error(path_, "fsync failed", errno);
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    int e = errno;
    ::unlink(temp_.c_str());
    throw_io_error(path_, "close failed", e);
  }
  {
    std::lock_guard<std::mutex> lock(g_hook_mutex);
    if (g_hook) g_hook(temp_);
  }
  if (::rename(temp_.c_str(), path_.c_str()) != 0) {
    int e = errno;
    ::unlink(temp_.c_str());
    throw_io_error(path_, "rename failed", e);
  }
  // Make the rename itself durable.
  std::filesystem::path dir = std::filesystem::path(path_).parent_path();
  if (dir.empty()) dir = ".";
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

void write_file_atomic(const std::string& path, std::span<const uint8_t> data) {
  AtomicFileWriter w(path);
  w.write(data);
  w.commit();
}

void write_file_atomic(const std::string& path, std::string_view text) {
  write_file_atomic(
      path, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

std::vector<uint8_t> read_file(const std::string& path) {
  if (path == "-") {
    std::vector<uint8_t> out;
    std::istreambuf_iterator<char> it(std::cin), end;
    for (; it != end; ++it) out.push_back(static_cast<uint8_t>(*it));
    return out;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    if (e == ENOENT) throw_input_error(path, "", "no such file");
    throw_io_error(path, "cannot open", e);
  }
  std::vector<uint8_t> out;
  uint8_t buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      throw_io_error(path, "read failed", e);
    }
    if (n == 0) break;
    out.insert(out.end(), buf, buf + n);
  }
  ::close(fd);
  return out;
}

std::string read_text_file(const std::string& path) {
  std::vector<uint8_t> bytes = read_file(path);
  return std::string(bytes.begin(), bytes.end());
}

MappedFile::MappedFile(const std::string& path) : path_(path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    if (e == ENOENT) throw_input_error(path, "", "no such file");
    throw_io_error(path, "cannot open", e);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    throw_io_error(path, "cannot stat", e);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    throw_input_error(path, "", "not a regular file");
  }
  if (st.st_size == 0) {
    ::close(fd);
    throw_input_error(path, "", "file is empty");
  }
  size_ = static_cast<size_t>(st.st_size);
  void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
  int e = errno;
  ::close(fd);
  if (p == MAP_FAILED) throw_io_error(path, "mmap failed", e);
  data_ = static_cast<const uint8_t*>(p);
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<uint8_t*>(data_), size_);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : path_(std::move(other.path_)), data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) ::munmap(const_cast<uint8_t*>(data_), size_);
    path_ = std::move(other.path_);
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

}  // namespace supervm::util
