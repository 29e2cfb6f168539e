// The privacy path end to end with the REAL proof checker: Groth16 proofs on
// BLS12-381 (lib/zk setup and prover, fixed seeds) whose public input [0] is a
// root of the Poseidon note tree, executed through the serial and the parallel
// executor with Groth16PrivateVerifier. The circuit is a small stand-in with
// the documented public-input layout (vm/private_verifier.h); the production
// ringct circuit, which proves note membership, comes later.
#include <gtest/gtest.h>

#include <random>

#include "util/random.h"
#include "vm/groth16_private_verifier.h"
#include "vm/parallel_executor.h"
#include "vm/serial_executor.h"
#include "vm/signature_stage.h"
#include "vm_test_util.h"
#include "zk/circuit/builder.h"
#include "zk/formats/binary.h"
#include "zk/groth16/prover.h"
#include "zk/groth16/setup.h"

namespace supervm::vm {
namespace {

using E = zk::Bls12_381Engine;
using Fr = E::Fr;

Hash32 word(const Fr& x) {
  Hash32 h{};
  x.to_bytes_be(h);
  return h;
}

Fr scalar(const Hash32& h) {
  return Fr::from_bytes_be(h).value();
}

// One spent note with secret s, one created note. Public: root, nf, cm, fee,
// ext (the documented order). nf = s^2 depends only on the note, so spending
// it again under any root repeats the nullifier; s * root = m ties the proof
// to its root; cm = s * ext + fee. Every public input appears in a constraint,
// so each one is bound by the proof.
zk::CircuitInstance<Fr> transfer_circuit(const Fr& root, const Fr& s, uint64_t fee, const Fr& ext) {
  zk::CircuitBuilder<Fr> cb;
  const Fr f = Fr::from_u64(fee);
  auto v_root = cb.alloc_public(root);
  auto v_nf = cb.alloc_public(s * s);
  auto v_cm = cb.alloc_public(s * ext + f);
  auto v_fee = cb.alloc_public(f);
  auto v_ext = cb.alloc_public(ext);
  auto v_s = cb.alloc_private(s);
  auto v_m = cb.alloc_private(s * root);
  cb.enforce(v_s, v_s, v_nf, "nullifier");
  cb.enforce(v_s, v_root, v_m, "root");
  cb.enforce(v_s, v_ext, zk::LinearCombination<Fr>(v_cm) - v_fee, "commitment");
  return std::move(cb).finish();
}

class PrivacyGroth16 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto rng = util::RandomSource::deterministic(2026);
    auto shape = transfer_circuit(Fr::from_u64(1), Fr::from_u64(1), 0, Fr::from_u64(1));
    pk_ = new zk::ProvingKey<E>(zk::generate_keys<E>(shape.r1cs, rng));
  }
  static void TearDownTestSuite() {
    delete pk_;
    pk_ = nullptr;
  }

  Groth16PrivateVerifier verifier{pk_->vk};
  State serial_state{verifier.verifying_key_id()};
  State parallel_state{verifier.verifying_key_id()};
  uint64_t next_key = 500;
  uint64_t next_seed = 1;

  // A signed transaction with one private transfer spending the note with
  // secret `s` under `root`, proven for real.
  Transaction transfer(const Hash32& root, const Fr& s, uint64_t fee = 7) {
    std::mt19937_64 rng(next_seed);
    const Fr ext = Fr::random(rng);
    auto inst = transfer_circuit(scalar(root), s, fee, ext);
    auto prove_rng = util::RandomSource::deterministic(next_seed++);
    auto proof = zk::prove<E>(*pk_, inst.witness, prove_rng);
    auto p = std::make_shared<PrivateTransfer>();
    p->root = root;
    p->nullifiers = {word(s * s)};
    p->commitments = {word(s * ext + Fr::from_u64(fee))};
    p->fee = fee;
    p->ext_hash = word(ext);
    p->proof = zk::formats::write_proof_bin<E>(proof);
    return testing::private_transfer_tx(std::move(p), next_key++);  // one-time sender keys
  }

  static void resign(Transaction& tx, uint64_t key) {
    sign_transaction(tx, testing::test_key(key));
  }

  // One block through both executors (2 threads for the parallel one); both
  // must give the same receipts, state root and state.
  std::vector<Receipt> run(const std::vector<Transaction>& txs) {
    return testing::execute_serial_and_parallel(serial_state, parallel_state, &verifier, txs);
  }

  static const PrivateTransfer& pt(const Transaction& tx) { return *tx.ops[0].private_transfer; }

  static zk::ProvingKey<E>* pk_;
};

zk::ProvingKey<E>* PrivacyGroth16::pk_ = nullptr;

TEST_F(PrivacyGroth16, ValidTransfersAppendCommitmentsToThePoseidonTree) {
  const Hash32 genesis = serial_state.note_tree().root();
  EXPECT_EQ(genesis, NoteTree::empty_hash(NoteTree::kDepth));
  Transaction a = transfer(genesis, Fr::from_u64(11));
  auto r = run({a});
  ASSERT_TRUE(r[0].ok()) << r[0].message;
  EXPECT_TRUE(serial_state.nullifier_spent(pt(a).nullifiers[0]));
  NoteTree expect;
  expect.append(pt(a).commitments[0]);
  EXPECT_EQ(serial_state.note_tree().root(), expect.root());
  EXPECT_EQ(parallel_state.note_tree().root(), expect.root());

  // The new Poseidon root is itself a valid public input: prove against it,
  // two transfers in one block (one batch).
  const Hash32 root1 = serial_state.note_tree().root();
  ASSERT_TRUE(serial_state.root_known(root1));
  Transaction b = transfer(root1, Fr::from_u64(12)), c = transfer(root1, Fr::from_u64(13));
  r = run({b, c});
  ASSERT_TRUE(r[0].ok()) << r[0].message;
  ASSERT_TRUE(r[1].ok()) << r[1].message;
  expect.append(pt(b).commitments[0]);
  expect.append(pt(c).commitments[0]);
  EXPECT_EQ(serial_state.note_tree().size(), 3u);
  EXPECT_EQ(serial_state.note_tree().root(), expect.root());
}

TEST_F(PrivacyGroth16, DoubleSpendIsRejectedWithItsReceipt) {
  const Hash32 root0 = serial_state.note_tree().root();
  const Fr s = Fr::from_u64(21);
  // Same note twice in one block: the second, in block order, is the double spend.
  auto r = run({transfer(root0, s), transfer(root0, s)});
  ASSERT_TRUE(r[0].ok()) << r[0].message;
  EXPECT_EQ(r[1].error, ErrorKind::kDoubleSpend);
  EXPECT_EQ(serial_state.note_tree().size(), 1u);
  // Again in a later block, proven under the newer root: still the same nullifier.
  const std::string before = serial_state.canonical_dump();
  r = run({transfer(serial_state.note_tree().root(), s)});
  EXPECT_EQ(r[0].error, ErrorKind::kDoubleSpend);
  EXPECT_FALSE(r[0].message.empty());
  EXPECT_EQ(serial_state.canonical_dump(), before);  // changes nothing
}

TEST_F(PrivacyGroth16, ProofsAgainstTheLastKRootsOnly) {
  const Hash32 oldest = serial_state.note_tree().root();
  const Transaction kept = transfer(oldest, Fr::from_u64(31));
  const Transaction dropped = transfer(oldest, Fr::from_u64(32));
  for (size_t b = 0; b < kRootHistory - 1; ++b) {
    auto r = run({transfer(serial_state.note_tree().root(), Fr::from_u64(100 + b))});
    ASSERT_TRUE(r[0].ok()) << b << ": " << r[0].message;
  }
  // `oldest` is now the K-th most recent root: still accepted.
  EXPECT_TRUE(run({kept})[0].ok());
  // One more block pushed it out of the window.
  auto r = run({dropped});
  EXPECT_EQ(r[0].error, ErrorKind::kUnknownRoot);
  EXPECT_FALSE(serial_state.nullifier_spent(pt(dropped).nullifiers[0]));
}

TEST_F(PrivacyGroth16, TamperedProofsAndInputsAreRejected) {
  const Hash32 root = serial_state.note_tree().root();
  std::vector<Transaction> txs;
  for (int i = 0; i < 5; ++i) txs.push_back(transfer(root, Fr::from_u64(41 + i)));
  // [0] stays honest.
  {  // [1] a well-formed proof with its C point negated: fails the pairing check
    auto p = std::make_shared<PrivateTransfer>(pt(txs[1]));
    auto proof = zk::formats::read_proof_bin<E>(p->proof, "test");
    proof.c = -proof.c;
    p->proof = zk::formats::write_proof_bin<E>(proof);
    txs[1].ops[0].private_transfer = p;
    resign(txs[1], 900);
  }
  {  // [2] a valid, well-formed proof of another transfer: wrong statement
    auto p = std::make_shared<PrivateTransfer>(pt(txs[2]));
    p->proof = pt(txs[3]).proof;
    txs[2].ops[0].private_transfer = p;
    resign(txs[2], 901);
  }
  {  // [4] the fee changed after proving
    auto p = std::make_shared<PrivateTransfer>(pt(txs[4]));
    p->fee += 1;
    txs[4].ops[0].private_transfer = p;
    resign(txs[4], 902);
  }
  {  // [5] one byte of the encoded proof flipped
    Transaction t = transfer(root, Fr::from_u64(51));
    auto p = std::make_shared<PrivateTransfer>(pt(t));
    p->proof[p->proof.size() / 2] ^= 0x01;
    t.ops[0].private_transfer = p;
    resign(t, 904);
    txs.push_back(t);
  }
  // [3] a commitment not below r (cannot be a tree leaf): rejected, no effect
  Transaction big = transfer(root, Fr::from_u64(50));
  {
    auto p = std::make_shared<PrivateTransfer>(pt(big));
    p->commitments[0].fill(0xff);
    big.ops[0].private_transfer = p;
    resign(big, 903);
  }
  txs[3] = big;
  auto r = run(txs);
  ASSERT_TRUE(r[0].ok()) << r[0].message;
  EXPECT_EQ(r[1].error, ErrorKind::kInvalidProof);
  EXPECT_EQ(r[2].error, ErrorKind::kInvalidProof);
  EXPECT_FALSE(r[3].ok());
  EXPECT_EQ(r[4].error, ErrorKind::kInvalidProof);
  EXPECT_EQ(r[5].error, ErrorKind::kInvalidProof);
  EXPECT_EQ(serial_state.note_tree().size(), 1u);
  for (int i = 1; i < 6; ++i) EXPECT_FALSE(serial_state.nullifier_spent(pt(txs[i]).nullifiers[0]));
}

}  // namespace
}  // namespace supervm::vm
