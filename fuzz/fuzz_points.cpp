// libFuzzer target: point decoding for both curves (see points_entry.h). Seed corpus:
// testdata/fuzz/points/. A libFuzzer binary replays files given on its command line, so a
// crash reproduces with `fuzz_points crash-<sha1>`.
#include <cstddef>
#include <cstdint>

#include "points_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return supervm::fuzz::fuzz_points_one_input(data, size);
}
