// The JSON form of transactions: one object per line of a block file.
//
//   {"sender":"<64 hex>","nonce":7,"ops":[<op>,...],"signature":"<128 hex>"}
//   {"op":"create","kind":"owned"|"shared"|"immutable","owner":"<hex>","data":"<hex>"}
//       (owner defaults to the sender; data defaults to empty)
//   {"op":"transfer","from":"<hex>","to":"<hex>","amount":100}
//   {"op":"set_data","object":"<hex>","data":"<hex>"}
//   {"op":"change_owner","object":"<hex>","owner":"<hex>"}
//   {"op":"make_shared"|"make_immutable"|"delete","object":"<hex>"}
//   {"op":"private_transfer","root":"<hex>","nullifiers":["<hex>",...],
//    "commitments":["<hex>",...],"fee":0,"ext_hash":"<hex>","proof":"<hex>"}
// Integers are JSON unsigned integers below 2^64. Unknown fields are errors, so
// that a typo never silently changes what is signed. Documented in
// supervm-formats(5), section TRANSACTIONS.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "vm/receipt.h"
#include "vm/transaction.h"

namespace supervm::vm {

// A line that failed to parse still occupies its place in the block and gets
// an error receipt there.
struct ParsedTransaction {
  std::optional<Transaction> tx;
  ErrorKind error = ErrorKind::kOk;
  std::string message;
};

// Never throws on bad input. A missing "signature" parses (execution rejects it
// with missing_signature); a missing "sender" is accepted only when
// require_sender is false (`supervm tx sign` fills it in from the key).
ParsedTransaction parse_transaction_json(std::string_view line, bool require_sender = true);

std::string transaction_to_json(const Transaction& tx);

}  // namespace supervm::vm
