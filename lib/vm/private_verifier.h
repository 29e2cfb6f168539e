// How the privacy path checks proofs. The engine depends only on this
// interface; the Groth16 batch verifier of lib/zk implements it (that wiring
// lands with the zk layer), and tests plug in their own.
//
// Public inputs of a private-transfer proof, in this order, one field element each:
//   [0]              root            note-tree root the spent notes are proven under
//                                    (a BLS12-381 scalar: the tree hashes with Poseidon,
//                                    vm/note_tree.h, so a circuit can recompute it)
//   [1 .. n]         nullifiers      one per spent note
//   [n+1 .. n+m]     commitments     one per created note
//   [n+m+1]          fee             the u64 fee as an integer
//   [n+m+2]          ext_hash        hash of data outside the circuit, bound by the proof
// 32-byte values are read as big-endian integers and must be below the scalar
// field modulus of the verifying key's curve (the verifier rejects them
// otherwise); output commitments become note-tree leaves, so the engine itself
// also rejects one that is not below r. public_inputs() produces exactly this list.
#pragma once

#include <span>
#include <vector>

#include "vm/transaction.h"
#include "vm/types.h"

namespace supervm::vm {

class PrivateProofVerifier {
 public:
  virtual ~PrivateProofVerifier() = default;
  // Identifies the verifying key; must equal the state's genesis key id.
  virtual Hash32 verifying_key_id() const = 0;
  // One verdict per transfer: true iff its proof is valid for its public inputs.
  // Must be deterministic; may use threads internally.
  virtual std::vector<bool> verify_batch(std::span<const PrivateTransfer* const> transfers) = 0;
};

// The public inputs in the documented order, as 32-byte big-endian words.
std::vector<Hash32> public_inputs(const PrivateTransfer& transfer);

}  // namespace supervm::vm
