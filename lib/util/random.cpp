#include "util/random.h"

#include <sodium.h>

#include <cstring>
#include <vector>

#include "util/error.h"

namespace supervm::util {

void ensure_sodium() {
  static const int rc = sodium_init();
  if (rc < 0) throw Error(ExitCode::kInternal, "libsodium failed to initialise");
}

RandomSource RandomSource::system() {
  ensure_sodium();
  return RandomSource();
}

RandomSource RandomSource::deterministic(uint64_t seed) {
  ensure_sodium();
  RandomSource r;
  r.deterministic_ = true;
  for (int i = 0; i < 8; ++i) r.state_[i] = static_cast<uint8_t>(seed >> (8 * i));
  std::memcpy(r.state_.data() + 8, "supervm-test-only-seed!", 24);
  return r;
}

void RandomSource::fill(std::span<uint8_t> out) {
  if (!deterministic_) {
    randombytes_buf(out.data(), out.size());
    return;
  }
  // Expand the key into the output plus a fresh key, so successive calls never
  // reuse a stream (forward ratchet).
  std::vector<uint8_t> buf(out.size() + state_.size());
  randombytes_buf_deterministic(buf.data(), buf.size(), state_.data());
  std::memcpy(out.data(), buf.data(), out.size());
  std::memcpy(state_.data(), buf.data() + out.size(), state_.size());
  secure_wipe(buf.data(), buf.size());
}

RandomSource::result_type RandomSource::operator()() {
  uint8_t b[8];
  fill(b);
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(b[i]) << (8 * i);
  return v;
}

void secure_wipe(void* data, size_t size) {
  ensure_sodium();
  sodium_memzero(data, size);
}

}  // namespace supervm::util
