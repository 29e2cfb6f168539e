// The outcome of one transaction. Every failure has a machine-readable kind and
// a human message, and a failed transaction changes nothing (not even the
// sender's nonce). Receipts depend only on the block and the state before it,
// never on the path or thread that executed the transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vm/types.h"

namespace supervm::vm {

enum class ErrorKind : uint8_t {
  kOk = 0,
  kMalformedJson,       // the line is not a JSON object
  kInvalidField,        // missing field, wrong type, bad hex, out of range
  kOversizedField,      // a field or list longer than the limits in transaction.h
  kUnknownOp,           // an operation name this version does not know
  kMissingSignature,    // no "signature" field
  kBadSignature,        // Ed25519 verification failed
  kBadNonce,            // nonce is not the sender's next nonce (reused or gap)
  kObjectNotFound,
  kObjectExists,        // create would overwrite an existing object
  kNotOwner,            // an owned object of another key used as a source or modified
  kImmutableObject,     // any write to an immutable object
  kNotPermitted,        // the operation is not allowed on this kind of object
  kInsufficientBalance,
  kBalanceOverflow,     // a credit would exceed 2^64-1
  kNonzeroBalance,      // delete of an object that still holds value
  kPrivacyUnavailable,  // private transfer but no verifier / wrong verifying key
  kInvalidProof,
  kDoubleSpend,         // a nullifier spent before (or twice in the transaction)
  kUnknownRoot,         // the proof's root is not among the last K note-tree roots
};

inline constexpr int kErrorKindCount = static_cast<int>(ErrorKind::kUnknownRoot) + 1;

// Stable snake_case names used in receipts and in SUPERVM_FALLBACK_ON_ERRORS.
const char* error_kind_name(ErrorKind kind);
std::optional<ErrorKind> error_kind_from_name(std::string_view name);

struct Receipt {
  ErrorKind error = ErrorKind::kOk;
  std::string message;              // empty on success
  std::vector<ObjectId> created;    // ids of objects created, in operation order

  bool ok() const { return error == ErrorKind::kOk; }
  bool operator==(const Receipt&) const = default;
};

// One JSON object per receipt, e.g.
// {"index":3,"ok":false,"error":"insufficient_balance","message":"..."}.
std::string receipt_to_json(size_t index, const Receipt& r);
// Canonical bytes for byte-for-byte comparison and hashing of receipts.
void append_receipt_bytes(const Receipt& r, std::string& out);

}  // namespace supervm::vm
