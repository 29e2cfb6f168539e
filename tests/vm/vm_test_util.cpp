#include "vm_test_util.h"

#include <gtest/gtest.h>

#include <map>

#include "vm/parallel_executor.h"
#include "vm/serial_executor.h"
#include "vm/signature_stage.h"

namespace supervm::vm::testing {

KeyPair test_key(uint64_t index) {
  std::array<uint8_t, 32> seed{};
  for (int i = 0; i < 8; ++i) seed[i] = static_cast<uint8_t>(index >> (8 * i));
  seed[31] = 0x5a;
  return ed25519_keypair_from_seed(seed);
}

Hash32 TestOnlyHashProofVerifier::key_id() {
  return blake2b("supervm/test-only-vk", {});
}

std::vector<uint8_t> TestOnlyHashProofVerifier::make_proof(const PrivateTransfer& t) {
  Blake2b h("supervm/test-only-proof");
  for (const auto& w : public_inputs(t)) h.update(w.data(), 32);
  Hash32 d = h.finish();
  return {d.begin(), d.end()};
}

std::vector<bool> TestOnlyHashProofVerifier::verify_batch(
    std::span<const PrivateTransfer* const> transfers) {
  ++calls;
  std::vector<bool> out;
  for (const PrivateTransfer* t : transfers) out.push_back(t->proof == make_proof(*t));
  return out;
}

static ObjectId random_id(std::mt19937_64& rng) {
  ObjectId id;
  for (auto& b : id) b = static_cast<uint8_t>(rng());
  return id;
}

World make_world(const WorldConfig& cfg, State& state, uint64_t seed) {
  std::mt19937_64 rng(seed);
  World w;
  for (size_t a = 0; a < cfg.accounts; ++a) {
    w.keys.push_back(test_key(seed * 1000 + a));
    w.owned.emplace_back();
    for (size_t k = 0; k < cfg.owned_per_account; ++k) {
      Object o;
      o.id = random_id(rng);
      o.owner = w.keys.back().public_key;
      o.version = 1;
      o.balance = cfg.initial_balance;
      state.put_object(o);
      w.owned.back().push_back(o.id);
    }
  }
  for (size_t k = 0; k < cfg.shared_objects; ++k) {
    Object o;
    o.id = random_id(rng);
    o.kind = ObjectKind::kShared;
    o.version = 1;
    o.balance = cfg.initial_balance * 4;
    state.put_object(o);
    w.shared.push_back(o.id);
  }
  // One immutable object to aim forbidden writes at.
  Object imm;
  imm.id = random_id(rng);
  imm.kind = ObjectKind::kImmutable;
  imm.version = 1;
  imm.balance = 5;
  state.put_object(imm);
  w.shared.push_back(imm.id);  // last shared entry is immutable: writes must fail
  return w;
}

std::vector<ParsedTransaction> make_block(const World& w, const State& state,
                                          const BlockConfig& cfg, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  std::map<size_t, uint64_t> next_nonce;
  std::vector<ParsedTransaction> block;
  const size_t accounts = w.keys.size();
  const size_t shared_pool =
      cfg.hot_objects ? std::min(cfg.hot_objects, w.shared.size()) : w.shared.size();
  for (size_t t = 0; t < cfg.txs; ++t) {
    if (u(rng) < cfg.malformed) {
      static const char* kBad[] = {"{",
                                   "[]",
                                   "{\"sender\":1}",
                                   "not json",
                                   "{\"sender\":\"00\",\"nonce\":0,\"ops\":[]}",
                                   "{\"nonce\":0,\"ops\":[{\"op\":\"fly\"}]}"};
      block.push_back(parse_transaction_json(kBad[pick(6)]));
      continue;
    }
    size_t a = pick(accounts);
    const KeyPair& key = w.keys[a];
    auto [it, fresh] = next_nonce.try_emplace(a, state.nonce(key.public_key));
    Transaction tx;
    tx.sender = key.public_key;
    tx.nonce = it->second++;
    if (u(rng) < cfg.bad_nonce) tx.nonce += 1 + pick(3);
    // Objects the sender owns now (genesis objects may have moved; that is fine:
    // then the transaction fails with a receipt, which is also under test).
    const auto& mine = w.owned[a];
    auto own = [&] { return mine[pick(mine.size())]; };
    auto any_owned = [&] { return w.owned[pick(accounts)][pick(w.owned[0].size())]; };
    auto shared = [&] { return w.shared[pick(shared_pool)]; };
    uint64_t amount = 1 + pick(60);
    if (u(rng) < cfg.overdraft) amount = 1'000'000'000;
    double r = u(rng);
    if (u(rng) < cfg.privacy) {
      auto p = std::make_shared<PrivateTransfer>();
      const auto& hist = state.root_history();
      p->root = u(rng) < 0.9 ? hist[pick(hist.size())] : random_id(rng);
      size_t nn = 1 + pick(2);
      for (size_t k = 0; k < nn; ++k) {
        Hash32 n{};
        n[0] = static_cast<uint8_t>(pick(64));  // small space: repeats = double spends
        n[1] = static_cast<uint8_t>(pick(4));
        p->nullifiers.push_back(n);
      }
      for (size_t k = 0, m = pick(3); k < m; ++k) {
        // Commitments are note-tree leaves, field elements below r (~0x73ed.. << 248): most are
        // made canonical by clearing the top two bits; a few stay random to keep the rejection
        // of non-canonical ones in the mix.
        Hash32 c = random_id(rng);
        if (u(rng) < 0.95) c[0] &= 0x3f;
        p->commitments.push_back(c);
      }
      p->fee = pick(10);
      p->ext_hash = random_id(rng);
      p->proof = TestOnlyHashProofVerifier::make_proof(*p);
      if (u(rng) < 0.1) p->proof[0] ^= 1;
      Operation op;
      op.type = OpType::kPrivateTransfer;
      op.private_transfer = std::move(p);
      tx.ops.push_back(std::move(op));
    } else if (r < cfg.other_ops) {
      size_t nops = 1 + pick(3);
      for (size_t k = 0; k < nops; ++k) {
        Operation op;
        switch (pick(8)) {
          case 0:
            op.type = OpType::kCreate;
            op.kind = static_cast<ObjectKind>(pick(3));
            if (op.kind == ObjectKind::kOwned) op.owner = key.public_key;
            op.data = {1, 2, 3};
            break;
          case 1:
            op.type = OpType::kSetData;
            op.object = u(rng) < 0.5 ? own() : shared();
            op.data.assign(pick(8), static_cast<uint8_t>(t));
            break;
          case 2:
            op.type = OpType::kChangeOwner;
            op.object = own();
            op.owner = w.keys[pick(accounts)].public_key;
            break;
          case 3:
            op.type = OpType::kMakeShared;
            op.object = u(rng) < 0.1 ? own() : any_owned();
            break;
          case 4:
            op.type = OpType::kMakeImmutable;
            op.object = u(rng) < 0.1 ? own() : w.shared.back();
            break;
          case 5:
            op.type = OpType::kDelete;
            op.object = own();
            break;
          case 6:
            op.type = OpType::kTransfer;
            op.object = own();
            op.to = w.shared.back();  // immutable destination: must fail
            op.amount = 1;
            break;
          default:
            op.type = OpType::kTransfer;
            op.object = any_owned();  // usually not the sender's: not_owner
            op.to = own();
            op.amount = amount;
        }
        tx.ops.push_back(std::move(op));
      }
    } else {
      Operation op;
      op.type = OpType::kTransfer;
      op.amount = amount;
      if (u(rng) < cfg.shared_fraction) {
        if (u(rng) < 0.5) {
          op.object = shared();
          op.to = u(rng) < 0.5 ? shared() : own();
        } else {
          op.object = own();
          op.to = shared();
        }
      } else {
        op.object = own();
        op.to = u(rng) < 0.7 ? own() : any_owned();
      }
      tx.ops.push_back(std::move(op));
    }
    sign_transaction(tx, key);
    double s = u(rng);
    if (s < cfg.bad_signature)
      (*tx.signature)[pick(64)] ^= 0x10;
    else if (s < cfg.bad_signature + cfg.missing_signature)
      tx.signature.reset();
    // Through the JSON form, as a block file would deliver it.
    block.push_back(parse_transaction_json(transaction_to_json(tx)));
  }
  return block;
}

std::string receipts_bytes(const std::vector<Receipt>& receipts) {
  std::string out;
  for (const auto& r : receipts) append_receipt_bytes(r, out);
  return out;
}

Transaction private_transfer_tx(std::shared_ptr<PrivateTransfer> transfer, uint64_t key) {
  Transaction tx;
  Operation op;
  op.type = OpType::kPrivateTransfer;
  op.private_transfer = std::move(transfer);
  tx.ops.push_back(std::move(op));
  sign_transaction(tx, test_key(key));
  return tx;
}

std::vector<Receipt> execute_serial_and_parallel(State& serial, State& parallel,
                                                 PrivateProofVerifier* verifier,
                                                 const std::vector<Transaction>& txs) {
  std::vector<ParsedTransaction> block(txs.size());
  for (size_t i = 0; i < txs.size(); ++i) block[i].tx = txs[i];
  auto sigs = check_signatures(block, 2);
  SerialExecutor serial_executor(verifier);
  auto want = serial_executor.execute(serial, block, sigs);
  ExecutorOptions o;
  o.threads = 2;
  ParallelExecutor parallel_executor(o, verifier);
  auto got = parallel_executor.execute(parallel, block, sigs);
  EXPECT_EQ(want, got);
  EXPECT_EQ(serial.commit_root(), parallel.commit_root());
  EXPECT_EQ(serial.canonical_dump(), parallel.canonical_dump());
  return want;
}

}  // namespace supervm::vm::testing
