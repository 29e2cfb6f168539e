// The signature stage: Ed25519 checks for a whole block, in parallel, before
// execution (so execution and signature throughput are measured separately).
#pragma once

#include <span>
#include <vector>

#include "vm/receipt.h"
#include "vm/tx_json.h"

namespace supervm::vm {

// One verdict per entry: kOk, kMissingSignature or kBadSignature (kOk for lines
// that did not parse; they are rejected for that instead). `threads` 0 = all.
std::vector<ErrorKind> check_signatures(std::span<const ParsedTransaction> block,
                                        unsigned threads = 0);

}  // namespace supervm::vm
