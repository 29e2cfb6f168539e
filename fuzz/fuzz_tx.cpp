// libFuzzer target for the transaction parser (JSON lines of block files).
// Build with -DSUPERVM_FUZZ=ON (clang); run: fuzz_tx -max_len=4096 corpus/
#include <cstddef>
#include <cstdint>

#include "vm/tx_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  supervm::vm::fuzz_transaction_parser(data, size);
  return 0;
}
