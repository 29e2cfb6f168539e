// The Grain LFSR in self-shrinking mode that generates Poseidon's round
// constants and MDS matrix: Grassi et al., "Poseidon: A New Hash Function for
// Zero-Knowledge Proof Systems" (USENIX Security 2021), appendix "Generation of
// round constants", as implemented by the authors' reference script
// generate_parameters_grain.sage (hadeshash repository). Its 80-bit state is
// seeded from the instance description, so every implementation that follows
// the script derives the same parameters.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace supervm::zk {

class GrainLfsr {
 public:
  // The script's arguments: field (1 = GF(p)), sbox (0 = x^alpha), n = field size
  // in bits, t = width, R_F, R_P.
  GrainLfsr(unsigned field, unsigned sbox, unsigned field_bits, unsigned width,
            unsigned full_rounds, unsigned partial_rounds);

  // The next output bit of the self-shrinking generator.
  bool next_bit();
  // `bits` output bits as an unsigned integer, first bit most significant (the
  // script's grain_random_bits), written big-endian right-aligned into `out`
  // (which must hold at least ceil(bits / 8) bytes; leading bytes are zeroed).
  void next_bits_be(unsigned bits, std::span<uint8_t> out);

 private:
  bool step();  // one LFSR clock, returning the new bit
  std::array<uint8_t, 80> state_{};
  unsigned head_ = 0;  // state_[head_] is the oldest bit b_0
};

}  // namespace supervm::zk
