// The fuzz entry point for the transaction parser, shared by the libFuzzer
// target (fuzz/fuzz_tx.cpp) and the GoogleTest that runs it over a fixed
// corpus of random and mutated inputs. Aborts (via std::abort) when an
// invariant fails: the parser must never throw; a parsed transaction must
// survive a JSON round trip with the same signing bytes; a failure must carry
// an error kind and a message.
#pragma once

#include <cstddef>
#include <cstdint>

namespace supervm::vm {

void fuzz_transaction_parser(const uint8_t* data, size_t size);

}  // namespace supervm::vm
