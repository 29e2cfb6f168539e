#include "vm/semantics.h"

#include <algorithm>
#include <string>

#include "vm/note_tree.h"
#include "vm/state.h"

namespace supervm::vm {

namespace {

// The transaction's view: its own writes first, then the state.
class Overlay {
 public:
  Overlay(StateReader& reader, TxEffects& effects) : reader_(reader), fx_(effects) {}

  const Object* read(const ObjectId& id) {
    for (auto it = fx_.writes.rbegin(); it != fx_.writes.rend(); ++it)
      if (equal32(it->first, id)) return it->second ? &*it->second : nullptr;
    return base(id);
  }
  // A mutable copy in the write set; the pointer is valid until the next call.
  Object* writable(const ObjectId& id) {
    for (auto& w : fx_.writes)
      if (equal32(w.first, id)) return w.second ? &*w.second : nullptr;
    const Object* base_obj = base(id);
    if (!base_obj) return nullptr;
    fx_.writes.emplace_back(id, *base_obj);
    return &*fx_.writes.back().second;
  }
  void create(const Object& o) {
    for (auto& w : fx_.writes)
      if (w.first == o.id) {
        w.second = o;
        return;
      }
    fx_.writes.emplace_back(o.id, o);
  }
  void erase(const ObjectId& id) {
    for (auto& w : fx_.writes)
      if (w.first == id) {
        w.second.reset();
        return;
      }
    fx_.writes.emplace_back(id, std::nullopt);
  }

 private:
  // State reads, remembered: an operation checks an object and then writes it.
  const Object* base(const ObjectId& id) {
    for (size_t i = 0; i < cached_; ++i)
      if (equal32(cache_[i].first, id)) return cache_[i].second;
    const Object* o = reader_.object(id);
    if (cached_ < kCache) cache_[cached_++] = {id, o};
    return o;
  }
  static constexpr size_t kCache = 4;
  std::pair<ObjectId, const Object*> cache_[kCache];
  size_t cached_ = 0;
  StateReader& reader_;
  TxEffects& fx_;
};

struct Failure {
  ErrorKind kind;
  std::string message;
};

std::string where(size_t i, const ObjectId& id) {
  return "ops[" + std::to_string(i) + "]: object " + hex(id);
}

// Returns the object or fails with object_not_found.
const Object& need(Overlay& ov, size_t i, const ObjectId& id) {
  const Object* o = ov.read(id);
  if (!o) throw Failure{ErrorKind::kObjectNotFound, where(i, id) + " does not exist"};
  return *o;
}

// The object must be owned by `sender` (the rule for ownership-changing operations).
void need_owned_by(const Object& o, size_t i, const PublicKey& sender) {
  if (o.kind == ObjectKind::kImmutable)
    throw Failure{ErrorKind::kImmutableObject, where(i, o.id) + " is immutable"};
  if (o.kind == ObjectKind::kShared)
    throw Failure{ErrorKind::kNotPermitted,
                  where(i, o.id) + " is shared; only owned objects allow this operation"};
  if (o.owner != sender)
    throw Failure{ErrorKind::kNotOwner, where(i, o.id) + " is owned by another key"};
}

// The object may be written by `sender`: owned by it, or shared.
void need_writable_by(const Object& o, size_t i, const PublicKey& sender) {
  if (o.kind == ObjectKind::kImmutable)
    throw Failure{ErrorKind::kImmutableObject, where(i, o.id) + " is immutable"};
  if (o.kind == ObjectKind::kOwned && o.owner != sender)
    throw Failure{ErrorKind::kNotOwner, where(i, o.id) + " is owned by another key"};
}

void apply_op(const Transaction& tx, size_t i, Overlay& ov, StateReader& reader, TxEffects& fx,
              Receipt& receipt) {
  const Operation& op = tx.ops[i];
  switch (op.type) {
    case OpType::kCreate: {
      Object o;
      o.id = derive_object_id(tx.sender, tx.nonce, static_cast<uint32_t>(i));
      if (ov.read(o.id))
        throw Failure{ErrorKind::kObjectExists, where(i, o.id) + " already exists"};
      o.kind = op.kind;
      if (op.kind == ObjectKind::kOwned) o.owner = op.owner;
      o.version = 1;
      o.data = op.data;
      ov.create(o);
      receipt.created.push_back(o.id);
      return;
    }
    case OpType::kTransfer: {
      if (op.object == op.to)
        throw Failure{ErrorKind::kInvalidField, "ops[" + std::to_string(i) + "]: from equals to"};
      const Object& from = need(ov, i, op.object);
      need_writable_by(from, i, tx.sender);
      if (from.balance < op.amount)
        throw Failure{ErrorKind::kInsufficientBalance, where(i, op.object) + " holds " +
                                                           std::to_string(from.balance) +
                                                           ", needs " + std::to_string(op.amount)};
      const Object& to = need(ov, i, op.to);
      if (to.kind == ObjectKind::kImmutable)
        throw Failure{ErrorKind::kImmutableObject, where(i, op.to) + " is immutable"};
      if (to.balance > UINT64_MAX - op.amount)
        throw Failure{ErrorKind::kBalanceOverflow, where(i, op.to) + " balance would overflow"};
      Object* f = ov.writable(op.object);
      f->balance -= op.amount;
      ++f->version;
      Object* t = ov.writable(op.to);
      t->balance += op.amount;
      ++t->version;
      return;
    }
    case OpType::kSetData: {
      need_writable_by(need(ov, i, op.object), i, tx.sender);
      Object* o = ov.writable(op.object);
      o->data = op.data;
      ++o->version;
      return;
    }
    case OpType::kChangeOwner:
    case OpType::kMakeShared:
    case OpType::kMakeImmutable: {
      need_owned_by(need(ov, i, op.object), i, tx.sender);
      Object* o = ov.writable(op.object);
      if (op.type == OpType::kChangeOwner) {
        o->owner = op.owner;
      } else {
        o->kind = op.type == OpType::kMakeShared ? ObjectKind::kShared : ObjectKind::kImmutable;
        o->owner = PublicKey{};
      }
      ++o->version;
      return;
    }
    case OpType::kDelete: {
      const Object& o = need(ov, i, op.object);
      need_owned_by(o, i, tx.sender);
      if (o.balance != 0)
        throw Failure{ErrorKind::kNonzeroBalance,
                      where(i, op.object) + " still holds " + std::to_string(o.balance)};
      ov.erase(op.object);
      return;
    }
    case OpType::kPrivateTransfer: {
      const PrivateTransfer& p = *op.private_transfer;
      if (!reader.root_known(p.root))
        throw Failure{ErrorKind::kUnknownRoot, "ops[" + std::to_string(i) + "]: root " +
                                                   hex(p.root) + " is not among the last " +
                                                   std::to_string(kRootHistory) +
                                                   " note-tree roots"};
      for (size_t k = 0; k < p.nullifiers.size(); ++k) {
        const Hash32& n = p.nullifiers[k];
        bool repeated = std::find(p.nullifiers.begin(), p.nullifiers.begin() + k, n) !=
                        p.nullifiers.begin() + k;
        if (repeated || reader.nullifier_spent(n))
          throw Failure{ErrorKind::kDoubleSpend,
                        "ops[" + std::to_string(i) + "]: nullifier " + hex(n) + " already spent"};
      }
      for (const Hash32& c : p.commitments)  // leaves of the note tree are field elements
        if (!NoteTree::is_canonical(c))
          throw Failure{ErrorKind::kInvalidField, "ops[" + std::to_string(i) + "]: commitment " +
                                                      hex(c) + " is not below the scalar modulus"};
      fx.nullifiers.insert(fx.nullifiers.end(), p.nullifiers.begin(), p.nullifiers.end());
      fx.commitments.insert(fx.commitments.end(), p.commitments.begin(), p.commitments.end());
      return;
    }
  }
  throw Failure{ErrorKind::kUnknownOp, "ops[" + std::to_string(i) + "]: unknown operation"};
}

}  // namespace

Receipt execute_transaction(const Transaction& tx, const Prechecks& pre, StateReader& reader,
                            TxEffects& effects) {
  effects.clear();
  Receipt receipt;
  auto fail = [&](ErrorKind kind, std::string message) {
    effects.clear();
    receipt.error = kind;
    receipt.message = std::move(message);
    receipt.created.clear();
    return receipt;
  };
  if (pre.signature != ErrorKind::kOk)
    return fail(pre.signature, pre.signature == ErrorKind::kMissingSignature
                                   ? "transaction is not signed"
                                   : "signature does not verify for the sender key");
  uint64_t expected = reader.nonce(tx.sender);
  if (tx.nonce != expected)
    return fail(ErrorKind::kBadNonce,
                "nonce " + std::to_string(tx.nonce) + ", expected " + std::to_string(expected));
  if (tx.is_private() && pre.proof != ErrorKind::kOk)
    return fail(pre.proof, pre.proof == ErrorKind::kInvalidProof
                               ? "private transfer proof does not verify"
                               : "no proof verifier for this state's verifying key");
  Overlay ov(reader, effects);
  try {
    for (size_t i = 0; i < tx.ops.size(); ++i) apply_op(tx, i, ov, reader, effects, receipt);
  } catch (Failure& f) {
    return fail(f.kind, std::move(f.message));
  }
  return receipt;
}

bool apply_checked_transfer(Object& from, Object& to, uint64_t& nonce, uint64_t tx_nonce,
                            uint64_t amount) {
  if (tx_nonce != nonce || from.balance < amount || to.balance > UINT64_MAX - amount) return false;
  from.balance -= amount;
  ++from.version;
  to.balance += amount;
  ++to.version;
  nonce = tx_nonce + 1;
  return true;
}

void undo_checked_transfer(Object& from, Object& to, uint64_t& nonce, uint64_t tx_nonce,
                           uint64_t amount) {
  from.balance += amount;
  --from.version;
  to.balance -= amount;
  --to.version;
  nonce = tx_nonce;
}

bool try_simple_transfer(const Transaction& tx, Object& from, Object& to, uint64_t& nonce) {
  if (tx.ops.size() != 1) return false;
  const Operation& op = tx.ops[0];
  if (op.type != OpType::kTransfer || equal32(op.object, op.to)) return false;
  if (!equal32(from.id, op.object) || !equal32(to.id, op.to)) return false;
  // need_writable_by(from), need(to) not immutable; the balances in apply_checked_transfer.
  if (from.kind == ObjectKind::kImmutable) return false;
  if (from.kind == ObjectKind::kOwned && !equal32(from.owner, tx.sender)) return false;
  if (to.kind == ObjectKind::kImmutable) return false;
  return apply_checked_transfer(from, to, nonce, tx.nonce, op.amount);
}

}  // namespace supervm::vm
