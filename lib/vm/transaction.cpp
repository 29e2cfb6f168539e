#include "vm/transaction.h"

#include "vm/receipt.h"

namespace supervm::vm {

const char* op_name(OpType type) {
  switch (type) {
    case OpType::kCreate: return "create";
    case OpType::kTransfer: return "transfer";
    case OpType::kSetData: return "set_data";
    case OpType::kChangeOwner: return "change_owner";
    case OpType::kMakeShared: return "make_shared";
    case OpType::kMakeImmutable: return "make_immutable";
    case OpType::kDelete: return "delete";
    case OpType::kPrivateTransfer: return "private_transfer";
  }
  return "?";
}

bool Operation::operator==(const Operation& o) const {
  if (type != o.type || object != o.object || to != o.to || owner != o.owner || kind != o.kind ||
      amount != o.amount || data != o.data)
    return false;
  if (!private_transfer || !o.private_transfer) return !private_transfer && !o.private_transfer;
  return *private_transfer == *o.private_transfer;
}

bool Transaction::is_private() const {
  for (const auto& op : ops)
    if (op.type == OpType::kPrivateTransfer) return true;
  return false;
}

namespace {

class Writer {
 public:
  explicit Writer(std::vector<uint8_t>& out) : out_(out) {}
  void bytes(const void* p, size_t n) {
    auto b = static_cast<const uint8_t*>(p);
    out_.insert(out_.end(), b, b + n);
  }
  template <size_t N>
  void fixed(const std::array<uint8_t, N>& a) { bytes(a.data(), N); }
  void u8(uint8_t v) { out_.push_back(v); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  void u64(uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  void blob(const std::vector<uint8_t>& v) {
    u32(static_cast<uint32_t>(v.size()));
    bytes(v.data(), v.size());
  }

 private:
  std::vector<uint8_t>& out_;
};

}  // namespace

std::vector<uint8_t> signing_bytes(const Transaction& tx) {
  std::vector<uint8_t> out;
  out.reserve(64 + tx.ops.size() * 80);
  Writer w(out);
  w.bytes("supervm/tx/v1", 13);
  w.fixed(tx.sender);
  w.u64(tx.nonce);
  w.u32(static_cast<uint32_t>(tx.ops.size()));
  for (const auto& op : tx.ops) {
    w.u8(static_cast<uint8_t>(op.type));
    switch (op.type) {
      case OpType::kCreate: {
        w.u8(static_cast<uint8_t>(op.kind));
        PublicKey owner = op.kind == ObjectKind::kOwned ? op.owner : PublicKey{};
        w.fixed(owner);
        w.blob(op.data);
        break;
      }
      case OpType::kTransfer:
        w.fixed(op.object);
        w.fixed(op.to);
        w.u64(op.amount);
        break;
      case OpType::kSetData:
        w.fixed(op.object);
        w.blob(op.data);
        break;
      case OpType::kChangeOwner:
        w.fixed(op.object);
        w.fixed(op.owner);
        break;
      case OpType::kMakeShared:
      case OpType::kMakeImmutable:
      case OpType::kDelete:
        w.fixed(op.object);
        break;
      case OpType::kPrivateTransfer: {
        static const PrivateTransfer kEmpty;
        const PrivateTransfer& p = op.private_transfer ? *op.private_transfer : kEmpty;
        w.fixed(p.root);
        w.u32(static_cast<uint32_t>(p.nullifiers.size()));
        for (const auto& n : p.nullifiers) w.fixed(n);
        w.u32(static_cast<uint32_t>(p.commitments.size()));
        for (const auto& c : p.commitments) w.fixed(c);
        w.u64(p.fee);
        w.fixed(p.ext_hash);
        w.blob(p.proof);
        break;
      }
    }
  }
  return out;
}

Hash32 transaction_id(const Transaction& tx) {
  return blake2b("supervm/txid/v1", signing_bytes(tx));
}

void sign_transaction(Transaction& tx, const KeyPair& key) {
  tx.sender = key.public_key;
  tx.signature = ed25519_sign(key, signing_bytes(tx));
}

ErrorKind check_signature(const Transaction& tx) {
  if (!tx.signature) return ErrorKind::kMissingSignature;
  return ed25519_verify(tx.sender, *tx.signature, signing_bytes(tx)) ? ErrorKind::kOk
                                                                      : ErrorKind::kBadSignature;
}

ObjectId derive_object_id(const PublicKey& sender, uint64_t nonce, uint32_t op_index) {
  return Blake2b("supervm/object-id/v1")
      .update(sender.data(), 32)
      .update_u64(nonce)
      .update_u64(op_index)
      .finish();
}

}  // namespace supervm::vm
