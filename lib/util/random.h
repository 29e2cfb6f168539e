// Randomness. Secrets (setup's toxic waste, blinding factors, batch-verification
// scalars) come from libsodium's CSPRNG. A seeded deterministic mode exists for
// reproducible tests only; it prints a warning when created outside tests.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace supervm::util {

// A source of random bytes that also satisfies std::uniform_random_bit_generator,
// so field code can draw uniform elements with `Fr::random(source)`.
class RandomSource {
 public:
  using result_type = uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }

  // libsodium's CSPRNG (randombytes_buf). The default.
  static RandomSource system();
  // NOT SECURE: a ChaCha20 stream keyed by `seed`; the same seed gives the same
  // bytes on every machine. For tests and `--seed` only.
  static RandomSource deterministic(uint64_t seed);

  void fill(std::span<uint8_t> out);
  result_type operator()();
  bool is_deterministic() const { return deterministic_; }

 private:
  RandomSource() = default;
  bool deterministic_ = false;
  std::array<uint8_t, 32> state_{};  // deterministic mode: the next ChaCha20 key
};

// Overwrites memory so that secrets do not linger (sodium_memzero: not elided).
void secure_wipe(void* data, size_t size);

// Calls sodium_init() once; every entry point into libsodium goes through it.
void ensure_sodium();

}  // namespace supervm::util
