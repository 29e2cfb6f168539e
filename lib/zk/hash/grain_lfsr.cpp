#include "zk/hash/grain_lfsr.h"

#include <algorithm>

#include "util/error.h"

namespace supervm::zk {

GrainLfsr::GrainLfsr(unsigned field, unsigned sbox, unsigned field_bits, unsigned width,
                     unsigned full_rounds, unsigned partial_rounds) {
  // Seed b_0..b_79: field (2 bits), sbox (4), n (12), t (12), R_F (10), R_P (10),
  // then 30 ones; each value most significant bit first.
  unsigned pos = 0;
  auto put = [&](unsigned value, unsigned width_bits) {
    if (width_bits < 32 && (value >> width_bits) != 0)
      throw Error(ExitCode::kUsage, "grain lfsr: parameter does not fit its seed field");
    for (unsigned i = width_bits; i-- > 0;) state_[pos++] = (value >> i) & 1;
  };
  put(field, 2);
  put(sbox, 4);
  put(field_bits, 12);
  put(width, 12);
  put(full_rounds, 10);
  put(partial_rounds, 10);
  while (pos < 80) state_[pos++] = 1;
  for (int i = 0; i < 160; ++i) step();  // discarded warm-up
}

bool GrainLfsr::step() {
  // b_{i+80} = b_{i+62} ^ b_{i+51} ^ b_{i+38} ^ b_{i+23} ^ b_{i+13} ^ b_i
  auto at = [&](unsigned k) { return state_[(head_ + k) % 80]; };
  uint8_t bit = at(62) ^ at(51) ^ at(38) ^ at(23) ^ at(13) ^ at(0);
  state_[head_] = bit;  // the oldest bit's slot becomes the newest
  head_ = (head_ + 1) % 80;
  return bit;
}

bool GrainLfsr::next_bit() {
  // Self-shrinking: bits come in pairs; a pair whose first bit is 1 outputs
  // its second bit, a pair starting with 0 is dropped.
  for (;;) {
    bool select = step();
    bool value = step();
    if (select) return value;
  }
}

void GrainLfsr::next_bits_be(unsigned bits, std::span<uint8_t> out) {
  if (out.size() * 8 < bits) throw Error(ExitCode::kInternal, "grain lfsr: output too small");
  std::fill(out.begin(), out.end(), 0);
  for (unsigned i = bits; i-- > 0;)
    if (next_bit()) out[out.size() - 1 - i / 8] |= static_cast<uint8_t>(1u << (i % 8));
}

}  // namespace supervm::zk
