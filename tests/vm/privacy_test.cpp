// State logic of the privacy path (nullifiers, note tree, root history) with the
// TEST-ONLY hash verifier standing in for Groth16 (see vm_test_util.h); the same
// path with real Groth16 proofs is privacy_groth16_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>

#include "vm/parallel_executor.h"
#include "vm/serial_executor.h"
#include "vm/signature_stage.h"
#include "vm_test_util.h"

namespace supervm::vm {
namespace {

using testing::TestOnlyHashProofVerifier;

Hash32 h(uint8_t a, uint8_t b = 0) {
  Hash32 x{};
  x[0] = a;
  x[1] = b;
  return x;
}

class Privacy : public ::testing::Test {
 protected:
  TestOnlyHashProofVerifier verifier;
  State serial_state{TestOnlyHashProofVerifier::key_id()};
  State parallel_state{TestOnlyHashProofVerifier::key_id()};
  uint64_t next_key = 100;

  Transaction private_tx(const Hash32& root, std::vector<Hash32> nullifiers,
                         std::vector<Hash32> commitments, bool valid_proof = true) {
    auto p = std::make_shared<PrivateTransfer>();
    p->root = root;
    p->nullifiers = std::move(nullifiers);
    p->commitments = std::move(commitments);
    p->fee = 3;
    p->ext_hash = h(0xee);
    p->proof = TestOnlyHashProofVerifier::make_proof(*p);
    if (!valid_proof) p->proof.back() ^= 1;
    return testing::private_transfer_tx(std::move(p), next_key++);  // one-time sender keys
  }

  std::vector<Receipt> run(const std::vector<Transaction>& txs) {
    return testing::execute_serial_and_parallel(serial_state, parallel_state, &verifier, txs);
  }
};

TEST_F(Privacy, ValidTransferSpendsNullifiersAndAppendsNotes) {
  const Hash32 genesis_root = serial_state.note_tree().root();
  auto r = run({private_tx(genesis_root, {h(1), h(2)}, {h(10), h(11), h(12)})});
  ASSERT_TRUE(r[0].ok()) << r[0].message;
  EXPECT_TRUE(serial_state.nullifier_spent(h(1)));
  EXPECT_TRUE(serial_state.nullifier_spent(h(2)));
  EXPECT_EQ(serial_state.note_tree().size(), 3u);
  NoteTree expect;
  for (uint8_t c : {10, 11, 12}) expect.append(h(c));
  EXPECT_EQ(serial_state.note_tree().root(), expect.root());
  EXPECT_TRUE(serial_state.root_known(expect.root()));  // recorded at block end
}

TEST_F(Privacy, DoubleSpendsAreRejectedWithoutEffect) {
  const Hash32 root = serial_state.note_tree().root();
  // Same nullifier twice in one block: the second loses, in block order.
  auto r = run({private_tx(root, {h(1)}, {h(10)}), private_tx(root, {h(1)}, {h(11)})});
  EXPECT_TRUE(r[0].ok());
  EXPECT_EQ(r[1].error, ErrorKind::kDoubleSpend);
  EXPECT_EQ(serial_state.note_tree().size(), 1u);
  // In a later block.
  const std::string before = serial_state.canonical_dump();
  r = run({private_tx(root, {h(1)}, {h(12)})});
  EXPECT_EQ(r[0].error, ErrorKind::kDoubleSpend);
  // Twice within one transaction.
  r = run({private_tx(root, {h(5), h(5)}, {h(13)})});
  EXPECT_EQ(r[0].error, ErrorKind::kDoubleSpend);
  EXPECT_FALSE(serial_state.nullifier_spent(h(5)));
  State copy = serial_state;
  EXPECT_EQ(copy.note_tree().size(), 1u);
  (void)before;
}

TEST_F(Privacy, InvalidProofAndUnknownRootAreRejected) {
  const Hash32 root = serial_state.note_tree().root();
  auto r = run({private_tx(root, {h(1)}, {h(10)}, /*valid_proof=*/false),
                private_tx(h(0x77), {h(2)}, {h(11)})});
  EXPECT_EQ(r[0].error, ErrorKind::kInvalidProof);
  EXPECT_EQ(r[1].error, ErrorKind::kUnknownRoot);
  EXPECT_FALSE(serial_state.nullifier_spent(h(1)));
  EXPECT_EQ(serial_state.note_tree().size(), 0u);
}

// Note-tree leaves are BLS12-381 scalars: a commitment >= r is refused by the
// engine itself (here the test verifier would accept its proof).
TEST_F(Privacy, CommitmentNotBelowTheScalarModulusIsRejected) {
  const Hash32 root = serial_state.note_tree().root();
  Hash32 r_word;  // r (BLS12-381 scalar modulus), big-endian
  const uint8_t r_be[32] = {0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8,
                            0x08, 0x09, 0xa1, 0xd8, 0x05, 0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe,
                            0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01};
  std::copy(std::begin(r_be), std::end(r_be), r_word.begin());
  Hash32 r_minus_1 = r_word;
  r_minus_1[31] = 0;
  auto r = run({private_tx(root, {h(1)}, {h(10), r_word}), private_tx(root, {h(2)}, {r_minus_1})});
  EXPECT_EQ(r[0].error, ErrorKind::kInvalidField);
  EXPECT_NE(r[0].message.find("scalar modulus"), std::string::npos) << r[0].message;
  EXPECT_FALSE(serial_state.nullifier_spent(h(1)));
  ASSERT_TRUE(r[1].ok()) << r[1].message;  // r - 1 is the largest leaf
  EXPECT_EQ(serial_state.note_tree().size(), 1u);
}

TEST_F(Privacy, AcceptsAnyOfTheLastKRoots) {
  const Hash32 oldest = serial_state.note_tree().root();
  for (size_t b = 0; b < kRootHistory - 1; ++b)
    ASSERT_TRUE(
        run({private_tx(serial_state.note_tree().root(), {h(1, b + 1)}, {h(2, b)})})[0].ok());
  // `oldest` is now the K-th most recent root: still accepted.
  EXPECT_TRUE(run({private_tx(oldest, {h(3)}, {h(4)})})[0].ok());
  // One more block pushes it out of the window.
  EXPECT_EQ(run({private_tx(oldest, {h(5)}, {h(6)})})[0].error, ErrorKind::kUnknownRoot);
}

TEST_F(Privacy, NoVerifierOrWrongKeyMeansUnavailable) {
  State s(TestOnlyHashProofVerifier::key_id());
  std::vector<ParsedTransaction> block(1);
  block[0].tx = private_tx(s.note_tree().root(), {h(1)}, {h(2)});
  auto sigs = check_signatures(block, 1);
  SerialExecutor none(nullptr);
  EXPECT_EQ(none.execute(s, block, sigs)[0].error, ErrorKind::kPrivacyUnavailable);
  State other(h(0x42));  // genesis fixed a different verifying key
  SerialExecutor wrong(&verifier);
  EXPECT_EQ(wrong.execute(other, block, sigs)[0].error, ErrorKind::kPrivacyUnavailable);
}

TEST_F(Privacy, BatchVerifierCalledOncePerBlock) {
  const Hash32 root = serial_state.note_tree().root();
  std::vector<ParsedTransaction> block;
  for (uint8_t i = 0; i < 5; ++i) {
    ParsedTransaction p;
    p.tx = private_tx(root, {h(i + 1)}, {h(i + 50)});
    block.push_back(std::move(p));
  }
  auto sigs = check_signatures(block, 2);
  ExecutorOptions o;
  o.threads = 2;
  ParallelExecutor parallel(o, &verifier);
  size_t before = verifier.calls;
  auto r = parallel.execute(parallel_state, block, sigs);
  EXPECT_EQ(verifier.calls, before + 1);
  for (const auto& x : r) EXPECT_TRUE(x.ok());
}

TEST(PublicInputs, LayoutIsRootNullifiersCommitmentsFeeExtHash) {
  PrivateTransfer t;
  t.root = h(1);
  t.nullifiers = {h(2), h(3)};
  t.commitments = {h(4)};
  t.fee = 0x0102;
  t.ext_hash = h(5);
  auto in = public_inputs(t);
  ASSERT_EQ(in.size(), 6u);
  EXPECT_EQ(in[0], h(1));
  EXPECT_EQ(in[1], h(2));
  EXPECT_EQ(in[2], h(3));
  EXPECT_EQ(in[3], h(4));
  Hash32 fee{};
  fee[30] = 1;
  fee[31] = 2;  // big endian
  EXPECT_EQ(in[4], fee);
  EXPECT_EQ(in[5], h(5));
}

}  // namespace
}  // namespace supervm::vm
