#include "vm/block_support.h"

namespace supervm::vm {

void apply_effects(State& state, const Transaction& tx, TxEffects& effects) {
  for (auto& [id, value] : effects.writes) {
    if (value) state.put_object(*value);
    else state.erase_object(id);
  }
  state.set_nonce(tx.sender, tx.nonce + 1);
  for (const auto& n : effects.nullifiers) state.add_nullifier(n);
  for (const auto& c : effects.commitments) state.append_note(c);
}

std::vector<ErrorKind> check_proofs(const State& state, PrivateProofVerifier* verifier,
                                    std::span<const ParsedTransaction> block,
                                    std::span<const size_t> indices) {
  std::vector<ErrorKind> out(indices.size(), ErrorKind::kPrivacyUnavailable);
  if (indices.empty() || !verifier || state.verifying_key_id() == Hash32{} ||
      verifier->verifying_key_id() != state.verifying_key_id())
    return out;
  std::vector<const PrivateTransfer*> items;
  items.reserve(indices.size());
  for (size_t i : indices) items.push_back(block[i].tx->ops[0].private_transfer.get());
  std::vector<bool> verdicts = verifier->verify_batch(items);
  for (size_t k = 0; k < out.size(); ++k)
    out[k] = k < verdicts.size() && verdicts[k] ? ErrorKind::kOk : ErrorKind::kInvalidProof;
  return out;
}

std::optional<Receipt> early_rejection(const ParsedTransaction& entry, ErrorKind signature) {
  if (!entry.tx) {
    Receipt r;
    r.error = entry.error;
    r.message = entry.message;
    return r;
  }
  if (signature == ErrorKind::kOk) return std::nullopt;
  // execute_transaction rejects on the signature before reading any state.
  struct NoState final : StateReader {
    const Object* object(const ObjectId&) override { return nullptr; }
    uint64_t nonce(const PublicKey&) override { return 0; }
    bool nullifier_spent(const Hash32&) override { return false; }
    bool root_known(const Hash32&) override { return false; }
  } none;
  TxEffects fx;
  Prechecks pre;
  pre.signature = signature;
  return execute_transaction(*entry.tx, pre, none, fx);
}

}  // namespace supervm::vm
