// Test helpers for the execution engine: deterministic keys, genesis states,
// random block generation (fixed seeds) and a TEST-ONLY proof verifier.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "vm/crypto.h"
#include "vm/private_verifier.h"
#include "vm/receipt.h"
#include "vm/state.h"
#include "vm/transaction.h"
#include "vm/tx_json.h"

namespace supervm::vm::testing {

KeyPair test_key(uint64_t index);

// TEST ONLY — NOT A PROOF SYSTEM. Accepts a proof iff its bytes equal
// BLAKE2b("supervm/test-only-proof" || public inputs). Lets the tests drive
// the privacy path's state logic (nullifiers, note tree, root history) before
// the Groth16 batch verifier of lib/zk is wired in.
class TestOnlyHashProofVerifier final : public PrivateProofVerifier {
 public:
  static Hash32 key_id();
  static std::vector<uint8_t> make_proof(const PrivateTransfer& t);
  Hash32 verifying_key_id() const override { return key_id(); }
  std::vector<bool> verify_batch(std::span<const PrivateTransfer* const> transfers) override;
  size_t calls = 0;
};

struct WorldConfig {
  size_t accounts = 24;
  size_t owned_per_account = 3;
  size_t shared_objects = 12;
  uint64_t initial_balance = 1000;
};

// A genesis state plus the keys and object ids the generator draws from.
struct World {
  std::vector<KeyPair> keys;
  std::vector<std::vector<ObjectId>> owned;  // per account (at genesis)
  std::vector<ObjectId> shared;
};

World make_world(const WorldConfig& cfg, State& state, uint64_t seed);

struct BlockConfig {
  size_t txs = 24;
  double shared_fraction = 0.3;  // transfers touching a shared object
  size_t hot_objects = 0;        // if > 0, shared transfers use only the first N shared objects
  double bad_signature = 0.03;
  double missing_signature = 0.01;
  double overdraft = 0.05;  // amount larger than any balance
  double other_ops = 0.2;   // create / set_data / change_owner / make_shared / delete ...
  double privacy = 0.0;     // private transfers (needs the test verifier)
  double malformed = 0.02;  // unparsable lines
  double bad_nonce = 0.02;
};

// Generates, signs and parses a block against `state` (nonces from state).
std::vector<ParsedTransaction> make_block(const World& w, const State& state,
                                          const BlockConfig& cfg, std::mt19937_64& rng);

std::string receipts_bytes(const std::vector<Receipt>& receipts);

// A transaction whose only operation is `transfer`, signed by test_key(key).
Transaction private_transfer_tx(std::shared_ptr<PrivateTransfer> transfer, uint64_t key);

// Executes one block of `txs` through the SerialExecutor on `serial` and a 2-thread
// ParallelExecutor on `parallel` (signatures checked first); expects (gtest) identical
// receipts, state roots and states, and returns the receipts.
std::vector<Receipt> execute_serial_and_parallel(State& serial, State& parallel,
                                                 PrivateProofVerifier* verifier,
                                                 const std::vector<Transaction>& txs);

}  // namespace supervm::vm::testing
