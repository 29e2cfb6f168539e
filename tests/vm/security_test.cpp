// Rejections that protect owners: each must give its receipt reason and leave
// the state (and its root) exactly as it was, on the serial executor and on
// the parallel one.
#include <gtest/gtest.h>

#include "vm/parallel_executor.h"
#include "vm/serial_executor.h"
#include "vm/signature_stage.h"
#include "vm_test_util.h"

namespace supervm::vm {
namespace {

using testing::test_key;

struct Fixture {
  KeyPair alice = test_key(1), bob = test_key(2);
  State state;
  ObjectId a1, a2, b1, shared, frozen;

  Fixture() {
    auto put = [&](uint8_t tag, ObjectKind kind, const PublicKey& owner, uint64_t balance) {
      Object o;
      o.id.fill(tag);
      o.kind = kind;
      if (kind == ObjectKind::kOwned) o.owner = owner;
      o.version = 1;
      o.balance = balance;
      state.put_object(o);
      return o.id;
    };
    a1 = put(1, ObjectKind::kOwned, alice.public_key, 100);
    a2 = put(2, ObjectKind::kOwned, alice.public_key, 0);
    b1 = put(3, ObjectKind::kOwned, bob.public_key, 50);
    shared = put(4, ObjectKind::kShared, {}, 10);
    frozen = put(5, ObjectKind::kImmutable, {}, 7);
    state.commit_root();
  }

  static Operation transfer(const ObjectId& from, const ObjectId& to, uint64_t amount) {
    Operation op;
    op.type = OpType::kTransfer;
    op.object = from;
    op.to = to;
    op.amount = amount;
    return op;
  }
  static Operation on(OpType t, const ObjectId& id) {
    Operation op;
    op.type = t;
    op.object = id;
    return op;
  }
  Transaction tx(const KeyPair& k, uint64_t nonce, std::vector<Operation> ops) {
    Transaction t;
    t.nonce = nonce;
    t.ops = std::move(ops);
    sign_transaction(t, k);
    return t;
  }

  // Runs a one-transaction block (after `setup` blocks) on both executors and
  // checks both agree; returns the receipt.
  Receipt run(const Transaction& t, bool expect_unchanged) {
    std::vector<ParsedTransaction> block(1);
    block[0].tx = t;
    auto sigs = check_signatures(block, 1);
    State par = state;
    const std::string before = state.canonical_dump();
    const Hash32 root_before = state.commit_root();
    SerialExecutor serial;
    auto r1 = serial.execute(state, block, sigs);
    ExecutorOptions o;
    o.threads = 2;
    ParallelExecutor parallel(o);
    auto r2 = parallel.execute(par, block, sigs);
    EXPECT_EQ(r1, r2);
    EXPECT_EQ(state.commit_root(), par.commit_root());
    if (expect_unchanged) {
      EXPECT_EQ(state.canonical_dump(), before);
      EXPECT_EQ(state.commit_root(), root_before);
    }
    return r1[0];
  }
};

TEST(Security, MovingSomeoneElsesObjectIsRejected) {
  Fixture f;
  auto r = f.run(f.tx(f.alice, 0, {Fixture::transfer(f.b1, f.a1, 10)}), true);
  EXPECT_EQ(r.error, ErrorKind::kNotOwner);
  EXPECT_NE(r.message.find("owned by another key"), std::string::npos);
  for (OpType t : {OpType::kDelete, OpType::kMakeShared, OpType::kMakeImmutable,
                   OpType::kChangeOwner, OpType::kSetData}) {
    Fixture g;
    Operation op = Fixture::on(t, g.b1);
    op.owner = g.alice.public_key;
    EXPECT_EQ(g.run(g.tx(g.alice, 0, {op}), true).error, ErrorKind::kNotOwner) << op_name(t);
  }
}

TEST(Security, BadOrMissingSignatureIsRejected) {
  Fixture f;
  Transaction t = f.tx(f.alice, 0, {Fixture::transfer(f.a1, f.a2, 10)});
  Transaction tampered = t;
  tampered.ops[0].amount = 99;  // signed 10
  EXPECT_EQ(f.run(tampered, true).error, ErrorKind::kBadSignature);
  Transaction stolen = t;
  stolen.sender = f.bob.public_key;  // claims another sender
  EXPECT_EQ(f.run(stolen, true).error, ErrorKind::kBadSignature);
  Transaction unsigned_tx = t;
  unsigned_tx.signature.reset();
  EXPECT_EQ(f.run(unsigned_tx, true).error, ErrorKind::kMissingSignature);
  Transaction zero = t;
  zero.signature = Signature{};
  EXPECT_EQ(f.run(zero, true).error, ErrorKind::kBadSignature);
  EXPECT_TRUE(f.run(t, false).ok());
}

TEST(Security, ReusedNonceIsRejected) {
  Fixture f;
  Transaction t = f.tx(f.alice, 0, {Fixture::transfer(f.a1, f.a2, 10)});
  ASSERT_TRUE(f.run(t, false).ok());
  EXPECT_EQ(f.state.nonce(f.alice.public_key), 1u);
  auto r = f.run(t, true);  // replay
  EXPECT_EQ(r.error, ErrorKind::kBadNonce);
  EXPECT_EQ(f.run(f.tx(f.alice, 5, {Fixture::transfer(f.a1, f.a2, 1)}), true).error,
            ErrorKind::kBadNonce);  // gap
  EXPECT_EQ(f.state.find_object(f.a1)->balance, 90u);
}

TEST(Security, WritesToImmutableObjectsAreRejected) {
  Fixture f;
  EXPECT_EQ(f.run(f.tx(f.alice, 0, {Fixture::transfer(f.a1, f.frozen, 1)}), true).error,
            ErrorKind::kImmutableObject);
  EXPECT_EQ(f.run(f.tx(f.alice, 0, {Fixture::transfer(f.frozen, f.a1, 1)}), true).error,
            ErrorKind::kImmutableObject);
  Operation set = Fixture::on(OpType::kSetData, f.frozen);
  set.data = {1};
  EXPECT_EQ(f.run(f.tx(f.alice, 0, {set}), true).error, ErrorKind::kImmutableObject);
  EXPECT_EQ(f.run(f.tx(f.alice, 0, {Fixture::on(OpType::kDelete, f.frozen)}), true).error,
            ErrorKind::kImmutableObject);
}

TEST(Security, FailureLaterInTransactionUndoesEarlierOperations) {
  Fixture f;
  // First op would succeed, second overdraws: nothing may change.
  auto r = f.run(f.tx(f.alice, 0,
                      {Fixture::transfer(f.a1, f.a2, 60), Fixture::transfer(f.a1, f.shared, 60)}),
                 true);
  EXPECT_EQ(r.error, ErrorKind::kInsufficientBalance);
  EXPECT_EQ(f.state.nonce(f.alice.public_key), 0u);
  EXPECT_TRUE(r.created.empty());
}

TEST(Security, OverflowAndNonzeroDeleteAreRejected) {
  Fixture f;
  Object big = *f.state.find_object(f.a2);
  big.balance = UINT64_MAX;
  f.state.put_object(big);
  EXPECT_EQ(f.run(f.tx(f.alice, 0, {Fixture::transfer(f.a1, f.a2, 1)}), true).error,
            ErrorKind::kBalanceOverflow);
  EXPECT_EQ(f.run(f.tx(f.alice, 0, {Fixture::on(OpType::kDelete, f.a1)}), true).error,
            ErrorKind::kNonzeroBalance);
  EXPECT_EQ(f.run(f.tx(f.alice, 0, {Fixture::on(OpType::kDelete, f.shared)}), true).error,
            ErrorKind::kNotPermitted);
}

TEST(Security, SharedObjectsAreUsableByAnyoneOwnedOnesOnlyCredited) {
  Fixture f;
  EXPECT_TRUE(f.run(f.tx(f.bob, 0, {Fixture::transfer(f.shared, f.b1, 5)}), false).ok());
  EXPECT_TRUE(f.run(f.tx(f.bob, 1, {Fixture::transfer(f.b1, f.a1, 5)}), false).ok());
  EXPECT_EQ(f.state.find_object(f.a1)->balance, 105u);
  EXPECT_EQ(f.state.find_object(f.a1)->version, 2u);
  EXPECT_EQ(f.state.find_object(f.shared)->balance, 5u);
}

TEST(Security, CreatedObjectIdsAreDerivedAndReported) {
  Fixture f;
  Operation c;
  c.type = OpType::kCreate;
  c.kind = ObjectKind::kOwned;
  c.owner = f.bob.public_key;  // a gift to bob
  c.data = {9, 9};
  auto r = f.run(f.tx(f.alice, 0, {c}), false);
  ASSERT_TRUE(r.ok()) << r.message;
  ASSERT_EQ(r.created.size(), 1u);
  EXPECT_EQ(r.created[0], derive_object_id(f.alice.public_key, 0, 0));
  const Object* o = f.state.find_object(r.created[0]);
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->owner, f.bob.public_key);
  EXPECT_EQ(o->data, (std::vector<uint8_t>{9, 9}));
}

}  // namespace
}  // namespace supervm::vm
