// libFuzzer target for the proof_json parser (lib/zk/formats/fuzz_entry.h). Seed corpus:
// testdata/zk/proof_json/. Inputs that parse or are rejected with supervm::Error are fine; any
// other exception (including a broken round-trip invariant) escapes and aborts, which libFuzzer
// reports as a crash.
#include <cstddef>
#include <cstdint>

#include "zk/formats/fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  supervm::zk::formats::fuzz::proof_json({data, size});
  return 0;
}
