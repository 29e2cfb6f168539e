// Runs the parser's fuzz entry over 20,000 random and mutated inputs (fixed seed).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "vm/tx_fuzz.h"
#include "vm/tx_json.h"
#include "vm_test_util.h"

namespace supervm::vm {
namespace {

std::vector<std::string> seeds() {
  std::vector<std::string> out;
  KeyPair k = testing::test_key(3);
  Transaction tx;
  Operation t;
  t.type = OpType::kTransfer;
  t.object.fill(1);
  t.to.fill(2);
  t.amount = 77;
  tx.ops.push_back(t);
  Operation c;
  c.type = OpType::kCreate;
  c.kind = ObjectKind::kOwned;
  c.owner = k.public_key;
  c.data = {1, 2, 3};
  tx.ops.push_back(c);
  sign_transaction(tx, k);
  out.push_back(transaction_to_json(tx));
  Transaction p;
  Operation op;
  op.type = OpType::kPrivateTransfer;
  auto pt = std::make_shared<PrivateTransfer>();
  pt->nullifiers = {Hash32{}};
  pt->commitments = {Hash32{}, Hash32{}};
  pt->proof = {1, 2};
  op.private_transfer = pt;
  p.ops.push_back(op);
  sign_transaction(p, k);
  out.push_back(transaction_to_json(p));
  out.push_back("{\"sender\":\"00\",\"nonce\":1,\"ops\":[{\"op\":\"set_data\"}]}");
  return out;
}

TEST(FuzzTx, TwentyThousandRandomAndMutatedInputs) {
  std::mt19937_64 rng(20260101);
  auto corpus = seeds();
  const std::string alphabet = "{}[]\":,0123456789abcdefx -.eE\\nulltruefalseopsendernonce";
  size_t parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    if (i % 5 == 0) {
      size_t n = rng() % 200;
      for (size_t j = 0; j < n; ++j)
        s.push_back(rng() % 2 ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng()));
    } else {
      s = corpus[rng() % corpus.size()];
      int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits && !s.empty(); ++e) {
        size_t pos = rng() % s.size();
        switch (rng() % 5) {
          case 0: s[pos] = static_cast<char>(rng()); break;
          case 1: s.erase(pos, 1 + rng() % 8); break;
          case 2: s.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
          case 3: s.insert(pos, s.substr(rng() % s.size(), rng() % 40)); break;
          default: s[pos] = alphabet[rng() % alphabet.size()]; break;
        }
      }
    }
    fuzz_transaction_parser(reinterpret_cast<const uint8_t*>(s.data()), s.size());
    parsed += parse_transaction_json(s).tx.has_value();
  }
  // The mutations must reach the deep parts of the parser, not only its front door.
  EXPECT_GT(parsed, 200u);
}

}  // namespace
}  // namespace supervm::vm
