// The privacy path's proof checker: Groth16 on BLS12-381 through lib/zk's batch
// verifier. A private transfer's `proof` bytes are a supervm binary proof
// (zk/formats/binary.h); its public inputs are public_inputs(transfer), read
// as big-endian integers that must be below r.
#pragma once

#include <memory>

#include "vm/private_verifier.h"
#include "zk/groth16/engine.h"
#include "zk/groth16/types.h"

namespace supervm::vm {

class Groth16PrivateVerifier final : public PrivateProofVerifier {
 public:
  using Engine = zk::Bls12_381Engine;

  explicit Groth16PrivateVerifier(const zk::VerifyingKey<Engine>& vk);
  ~Groth16PrivateVerifier() override;

  // BLAKE2b of the key's supervm binary encoding: the id a state fixes at genesis.
  Hash32 verifying_key_id() const override { return key_id_; }
  // A transfer whose proof bytes or inputs are malformed, or whose input count
  // does not match the key, gets false without affecting the others.
  std::vector<bool> verify_batch(std::span<const PrivateTransfer* const> transfers) override;

 private:
  struct Prepared;
  std::unique_ptr<Prepared> prepared_;
  Hash32 key_id_{};
};

}  // namespace supervm::vm
