// The reference executor: one transaction after another in block order,
// straight on State. The parallel executor must reproduce its receipts, state
// and state root byte for byte; tests use it as the oracle.
#pragma once

#include <span>
#include <vector>

#include "vm/latency_sampler.h"
#include "vm/private_verifier.h"
#include "vm/receipt.h"
#include "vm/state.h"
#include "vm/tx_json.h"

namespace supervm::vm {

class SerialExecutor {
 public:
  explicit SerialExecutor(PrivateProofVerifier* verifier = nullptr) : verifier_(verifier) {}

  // Applies a block; `signatures` comes from check_signatures(). Ends the block
  // (State::end_block); call State::commit_root() for the new root.
  std::vector<Receipt> execute(State& state, std::span<const ParsedTransaction> block,
                               std::span<const ErrorKind> signatures);

  // For benchmarks: sample every Nth transaction's commit latency (latency_sampler.h).
  void set_latency_sample_every(unsigned every) { latency_.set_every(every); }
  const std::vector<float>& commit_latencies_us() const { return latency_.samples(); }

 private:
  PrivateProofVerifier* verifier_;
  LatencySampler latency_;
};

}  // namespace supervm::vm
