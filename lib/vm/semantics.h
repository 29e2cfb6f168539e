// What a transaction does: one function shared by the serial executor (the
// oracle) and every path of the parallel executor, so that the paths can only
// differ in how they read and publish state, never in the rules.
//
// Rules (also in supervm-formats(5)):
//   nonce must equal the sender's next nonce; success increments it.
//   create           new id derived from (sender, nonce, op index); balance 0.
//   transfer         source owned by the sender or shared; destination owned
//                    (by anyone) or shared; neither immutable; from != to.
//   set_data         object owned by the sender or shared.
//   change_owner, make_shared, make_immutable, delete
//                    object owned by the sender; delete needs balance 0.
//   private_transfer proof valid (checked before, in a batch), root among the
//                    last K note-tree roots, nullifiers unspent and distinct;
//                    spends the nullifiers, appends the commitments.
//   Every write to an object increments its version once per operation.
// The operations apply in order; the first failure discards all of them.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "vm/object.h"
#include "vm/receipt.h"
#include "vm/transaction.h"

namespace supervm::vm {

// Read access to the state a transaction executes against.
class StateReader {
 public:
  virtual ~StateReader() = default;
  virtual const Object* object(const ObjectId& id) = 0;  // nullptr when absent
  virtual uint64_t nonce(const PublicKey& sender) = 0;
  virtual bool nullifier_spent(const Hash32& nullifier) = 0;
  virtual bool root_known(const Hash32& root) = 0;
};

// A successful transaction's effects: the final value of every object it
// wrote (nullopt = deleted), nullifiers to mark spent, commitments to append.
// The sender's nonce is incremented implicitly.
struct TxEffects {
  std::vector<std::pair<ObjectId, std::optional<Object>>> writes;
  std::vector<Hash32> nullifiers;
  std::vector<Hash32> commitments;

  void clear() {
    writes.clear();
    nullifiers.clear();
    commitments.clear();
  }
};

// Results of the stages that run before execution (signatures, proofs).
struct Prechecks {
  ErrorKind signature = ErrorKind::kOk;  // kOk, kMissingSignature, kBadSignature
  ErrorKind proof = ErrorKind::kOk;      // kOk, kInvalidProof, kPrivacyUnavailable
};

// Executes `tx` against `reader`. On success fills `effects` (cleared first);
// on failure `effects` is left empty and the receipt says why.
Receipt execute_transaction(const Transaction& tx, const Prechecks& pre, StateReader& reader,
                            TxEffects& effects);

// The success case of a transaction made of one transfer, for an executor
// that holds the source, the destination and the sender's nonce in hand
// (signature already checked; objects whose ids are not the operation's are
// refused).
// When execute_transaction would succeed on these values it applies the same
// changes in place (balances, one version step per object, nonce + 1) and
// returns true; otherwise it changes nothing and returns false, and the
// caller runs execute_transaction, which says why. The checks are the rules
// above for a transfer, in full; executor tests compare every path with the
// serial executor.
bool try_simple_transfer(const Transaction& tx, Object& from, Object& to, uint64_t& nonce);

// The balance and nonce part of try_simple_transfer, for a caller that has
// already settled the rest (one transfer between two distinct objects that
// the sender may write and neither of which is immutable): if `tx_nonce`
// is the sender's `nonce` and `amount` neither underflows `from` nor
// overflows `to`, applies the transfer (one version step per object,
// nonce + 1) and returns true; otherwise changes nothing and returns false.
bool apply_checked_transfer(Object& from, Object& to, uint64_t& nonce, uint64_t tx_nonce,
                            uint64_t amount);
// Takes back a transfer apply_checked_transfer applied (it returned true),
// when nothing else has changed these objects and this nonce since:
// afterwards they are exactly as before it.
void undo_checked_transfer(Object& from, Object& to, uint64_t& nonce, uint64_t tx_nonce,
                           uint64_t amount);

}  // namespace supervm::vm
