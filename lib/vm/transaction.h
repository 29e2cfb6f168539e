// Transactions: a sender key, the sender's next nonce, a list of operations and
// an Ed25519 signature over the canonical encoding below.
//
// Canonical encoding (the signed message; integers little endian):
//   "supervm/tx/v1"                    13 bytes, domain separation
//   sender                             32
//   nonce                              u64
//   operation count                    u32
//   per operation: tag u8, then
//     1 create          kind u8, owner 32 (zero unless kind is owned), data length u32, data
//     2 transfer        from 32, to 32, amount u64
//     3 set_data        object 32, data length u32, data
//     4 change_owner    object 32, new owner 32
//     5 make_shared     object 32
//     6 make_immutable  object 32
//     7 delete          object 32
//     8 private_transfer root 32, nullifier count u32, nullifiers 32 each,
//                       commitment count u32, commitments 32 each, fee u64,
//                       ext_hash 32, proof length u32, proof
// The transaction id is BLAKE2b-256("supervm/txid/v1" || encoding).
// A created object's id is BLAKE2b-256("supervm/object-id/v1" || sender ||
// nonce u64 || operation index u32), so ids cannot be squatted or reused.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vm/crypto.h"
#include "vm/object.h"
#include "vm/receipt.h"
#include "vm/types.h"

namespace supervm::vm {

// Limits every parser enforces (DESIGN.md §4: bad input never crashes).
inline constexpr size_t kMaxOps = 64;
inline constexpr size_t kMaxDataBytes = 4096;
inline constexpr size_t kMaxNullifiers = 16;
inline constexpr size_t kMaxCommitments = 16;
inline constexpr size_t kMaxProofBytes = 2048;
inline constexpr size_t kMaxLineBytes = 1 << 20;

enum class OpType : uint8_t {
  kCreate = 1,
  kTransfer = 2,
  kSetData = 3,
  kChangeOwner = 4,
  kMakeShared = 5,
  kMakeImmutable = 6,
  kDelete = 7,
  kPrivateTransfer = 8,
};

const char* op_name(OpType type);

// A private transfer: spends notes (by nullifier) proven to be in the note tree
// with root `root`, creates notes with the given commitments, and pays `fee`.
// The proof's public inputs are laid out in private_verifier.h.
struct PrivateTransfer {
  Hash32 root{};
  std::vector<Hash32> nullifiers;
  std::vector<Hash32> commitments;
  uint64_t fee = 0;
  Hash32 ext_hash{};
  std::vector<uint8_t> proof;

  bool operator==(const PrivateTransfer&) const = default;
};

struct Operation {
  OpType type = OpType::kTransfer;
  ObjectId object{};    // transfer: source; others: the target object
  ObjectId to{};        // transfer: destination
  PublicKey owner{};    // create (owned) and change_owner
  ObjectKind kind = ObjectKind::kOwned;  // create
  uint64_t amount = 0;  // transfer
  std::vector<uint8_t> data;             // create, set_data
  std::shared_ptr<const PrivateTransfer> private_transfer;  // private_transfer only

  bool operator==(const Operation& o) const;
};

struct Transaction {
  PublicKey sender{};
  uint64_t nonce = 0;
  std::vector<Operation> ops;
  std::optional<Signature> signature;

  bool is_private() const;  // carries a private_transfer operation
};

std::vector<uint8_t> signing_bytes(const Transaction& tx);
Hash32 transaction_id(const Transaction& tx);
void sign_transaction(Transaction& tx, const KeyPair& key);
// Checks presence and validity of the signature: kOk, kMissingSignature or kBadSignature.
ErrorKind check_signature(const Transaction& tx);

ObjectId derive_object_id(const PublicKey& sender, uint64_t nonce, uint32_t op_index);

}  // namespace supervm::vm
