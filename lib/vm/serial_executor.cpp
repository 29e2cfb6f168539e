#include "vm/serial_executor.h"

#include "vm/block_support.h"

namespace supervm::vm {

std::vector<Receipt> SerialExecutor::execute(State& state, std::span<const ParsedTransaction> block,
                                             std::span<const ErrorKind> signatures) {
  latency_.start_block();
  std::vector<Receipt> receipts(block.size());
  TxEffects fx;
  DirectReader reader(state);
  for (size_t i = 0; i < block.size(); ++i) {
    if (auto r = early_rejection(block[i], signatures[i])) {
      receipts[i] = std::move(*r);
      if (latency_.sampled(i)) latency_.add(latency_.now_us());
      continue;
    }
    const Transaction& tx = *block[i].tx;
    Prechecks pre;
    if (tx.is_private()) {
      size_t idx[1] = {i};
      pre.proof = check_proofs(state, verifier_, block, idx)[0];
    }
    receipts[i] = execute_transaction(tx, pre, reader, fx);
    if (receipts[i].ok()) apply_effects(state, tx, fx);
    if (latency_.sampled(i)) latency_.add(latency_.now_us());
  }
  state.end_block();
  return receipts;
}

}  // namespace supervm::vm
