// The privacy path's real proof checker: Groth16 proofs on BLS12-381 over a
// small circuit with the documented public-input layout (root, nullifiers,
// commitments, fee, ext_hash), checked through Groth16PrivateVerifier.
#include "vm/groth16_private_verifier.h"

#include <gtest/gtest.h>

#include <random>

#include "util/random.h"
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

// One spent note, one created note: nf = s * root, cm = s^2 + fee + ext.
// (A stand-in with the production layout; the ringct circuit comes later.)
zk::CircuitInstance<Fr> transfer_circuit(const Fr& root, const Fr& s, uint64_t fee, const Fr& ext) {
  zk::CircuitBuilder<Fr> cb;
  Fr f = Fr::from_u64(fee);
  auto v_root = cb.alloc_public(root);
  auto v_nf = cb.alloc_public(s * root);
  auto v_cm = cb.alloc_public(s * s + f + ext);
  auto v_fee = cb.alloc_public(f);
  auto v_ext = cb.alloc_public(ext);
  auto v_s = cb.alloc_private(s);
  cb.enforce(v_s, v_root, v_nf, "nullifier");
  cb.enforce(v_s, v_s, zk::LinearCombination<Fr>(v_cm) - v_fee - v_ext, "commitment");
  return std::move(cb).finish();
}

class Groth16PrivateVerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto keys_rng = util::RandomSource::deterministic(5);
    auto shape = transfer_circuit(Fr::from_u64(1), Fr::from_u64(1), 0, Fr::from_u64(0));
    pk_ = zk::generate_keys<E>(shape.r1cs, keys_rng);
  }

  PrivateTransfer make(uint64_t seed) {
    std::mt19937_64 rng(seed);
    Fr root = Fr::random(rng), s = Fr::random(rng), ext = Fr::random(rng);
    uint64_t fee = rng() % 1000;
    auto inst = transfer_circuit(root, s, fee, ext);
    auto prove_rng = util::RandomSource::deterministic(seed);
    auto proof = zk::prove<E>(pk_, inst.witness, prove_rng);
    PrivateTransfer t;
    t.root = word(root);
    t.nullifiers = {word(s * root)};
    t.commitments = {word(s * s + Fr::from_u64(fee) + ext)};
    t.fee = fee;
    t.ext_hash = word(ext);
    t.proof = zk::formats::write_proof_bin<E>(proof);
    return t;
  }

  std::vector<bool> check(Groth16PrivateVerifier& v, const std::vector<PrivateTransfer>& ts) {
    std::vector<const PrivateTransfer*> ptrs;
    for (const auto& t : ts) ptrs.push_back(&t);
    return v.verify_batch(ptrs);
  }

  zk::ProvingKey<E> pk_;
};

TEST_F(Groth16PrivateVerifierTest, AcceptsHonestTransfersAndNamesEachBadOne) {
  Groth16PrivateVerifier verifier(pk_.vk);
  std::vector<PrivateTransfer> ts;
  for (uint64_t i = 0; i < 6; ++i) ts.push_back(make(100 + i));
  EXPECT_EQ(check(verifier, ts), std::vector<bool>(6, true));

  ts[1].nullifiers[0][31] ^= 1;                       // another nullifier than proven
  ts[2].fee += 1;                                     // another fee
  ts[3].proof.back() ^= 1;                            // corrupted proof bytes (checksum)
  ts[4].root.fill(0xff);                              // not below r
  ts[5].commitments.push_back(ts[5].commitments[0]);  // wrong input count
  EXPECT_EQ(check(verifier, ts), (std::vector<bool>{true, false, false, false, false, false}));
}

TEST_F(Groth16PrivateVerifierTest, KeyIdIsStableAndSeparatesKeys) {
  Groth16PrivateVerifier a(pk_.vk), b(pk_.vk);
  EXPECT_EQ(a.verifying_key_id(), b.verifying_key_id());
  auto other_rng = util::RandomSource::deterministic(6);
  auto shape = transfer_circuit(Fr::from_u64(1), Fr::from_u64(1), 0, Fr::from_u64(0));
  auto other = zk::generate_keys<E>(shape.r1cs, other_rng);
  Groth16PrivateVerifier c(other.vk);
  EXPECT_NE(a.verifying_key_id(), c.verifying_key_id());
  // A proof under one key is not valid under another.
  EXPECT_EQ(check(c, {make(7)}), std::vector<bool>{false});
}

}  // namespace
}  // namespace supervm::vm
