// Pieces both executors share: a reader straight over State, publishing a
// transaction's effects to State, and the proof precheck of the privacy path.
#pragma once

#include <span>
#include <vector>

#include "vm/private_verifier.h"
#include "vm/semantics.h"
#include "vm/state.h"
#include "vm/tx_json.h"

namespace supervm::vm {

class DirectReader final : public StateReader {
 public:
  explicit DirectReader(const State& s) : s_(s) {}
  const Object* object(const ObjectId& id) override { return s_.find_object(id); }
  uint64_t nonce(const PublicKey& k) override { return s_.nonce(k); }
  bool nullifier_spent(const Hash32& n) override { return s_.nullifier_spent(n); }
  bool root_known(const Hash32& r) override { return s_.root_known(r); }

 private:
  const State& s_;
};

// Publishes a successful transaction's effects and increments the sender's nonce.
void apply_effects(State& state, const Transaction& tx, TxEffects& effects);

// Proof verdicts for the entries at `indices` (all private, signatures valid):
// kOk, kInvalidProof, or kPrivacyUnavailable when there is no verifier or its
// key is not the state's genesis key. Returned in the order of `indices`.
std::vector<ErrorKind> check_proofs(const State& state, PrivateProofVerifier* verifier,
                                    std::span<const ParsedTransaction> block,
                                    std::span<const size_t> indices);

// The receipt of an entry rejected before touching state (unparsable line or
// failed signature), or nullopt when it must be executed.
std::optional<Receipt> early_rejection(const ParsedTransaction& entry, ErrorKind signature);

}  // namespace supervm::vm
