// The JSON transaction format: round trips, canonical signing bytes, and bad
// input (each bad line is one error receipt, never a crash or partial effect).
#include <gtest/gtest.h>

#include "vm/serial_executor.h"
#include "vm/signature_stage.h"
#include "vm/tx_json.h"
#include "vm_test_util.h"

namespace supervm::vm {
namespace {

const std::string kA(64, 'a'), kB(64, 'b'), kC(64, 'c');

std::string line(const std::string& ops, const std::string& extra = "") {
  return "{\"sender\":\"" + kA + "\",\"nonce\":0,\"ops\":[" + ops + "]" + extra + "}";
}

TEST(TxJson, ParsesEveryOperationAndRoundTrips) {
  std::string ops =
      "{\"op\":\"create\",\"kind\":\"owned\",\"data\":\"0102\"},"
      "{\"op\":\"create\",\"kind\":\"shared\"},"
      "{\"op\":\"transfer\",\"from\":\"" + kB + "\",\"to\":\"" + kC + "\",\"amount\":18446744073709551615},"
      "{\"op\":\"set_data\",\"object\":\"" + kB + "\",\"data\":\"\"},"
      "{\"op\":\"change_owner\",\"object\":\"" + kB + "\",\"owner\":\"" + kC + "\"},"
      "{\"op\":\"make_shared\",\"object\":\"" + kB + "\"},"
      "{\"op\":\"make_immutable\",\"object\":\"" + kB + "\"},"
      "{\"op\":\"delete\",\"object\":\"" + kB + "\"}";
  auto p = parse_transaction_json(line(ops));
  ASSERT_TRUE(p.tx) << p.message;
  const Transaction& tx = *p.tx;
  ASSERT_EQ(tx.ops.size(), 8u);
  EXPECT_EQ(tx.ops[0].owner, tx.sender);  // owner defaults to the sender
  EXPECT_EQ(tx.ops[0].data, (std::vector<uint8_t>{1, 2}));
  EXPECT_EQ(tx.ops[2].amount, UINT64_MAX);
  EXPECT_FALSE(tx.signature);
  auto again = parse_transaction_json(transaction_to_json(tx));
  ASSERT_TRUE(again.tx);
  EXPECT_EQ(signing_bytes(*again.tx), signing_bytes(tx));
  EXPECT_EQ(again.tx->ops, tx.ops);
}

TEST(TxJson, PrivateTransferFields) {
  std::string op = "{\"op\":\"private_transfer\",\"root\":\"" + kB + "\",\"nullifiers\":[\"" + kC +
                   "\"],\"commitments\":[],\"fee\":5,\"ext_hash\":\"" + kB + "\",\"proof\":\"00ff\"}";
  auto p = parse_transaction_json(line(op));
  ASSERT_TRUE(p.tx) << p.message;
  const auto& t = *p.tx->ops[0].private_transfer;
  EXPECT_EQ(t.fee, 5u);
  EXPECT_EQ(t.proof, (std::vector<uint8_t>{0, 255}));
  auto mixed = parse_transaction_json(line(op + ",{\"op\":\"delete\",\"object\":\"" + kB + "\"}"));
  EXPECT_EQ(mixed.error, ErrorKind::kInvalidField);
}

TEST(TxJson, SigningBytesAreTheDocumentedEncoding) {
  Transaction tx;
  tx.sender.fill(0x11);
  tx.nonce = 0x0102;
  Operation op;
  op.type = OpType::kTransfer;
  op.object.fill(0x22);
  op.to.fill(0x33);
  op.amount = 5;
  tx.ops.push_back(op);
  std::vector<uint8_t> want;
  std::string tag = "supervm/tx/v1";
  want.insert(want.end(), tag.begin(), tag.end());
  want.insert(want.end(), 32, 0x11);
  for (uint8_t b : {0x02, 0x01, 0, 0, 0, 0, 0, 0}) want.push_back(b);
  for (uint8_t b : {1, 0, 0, 0}) want.push_back(b);
  want.push_back(2);
  want.insert(want.end(), 32, 0x22);
  want.insert(want.end(), 32, 0x33);
  for (uint8_t b : {5, 0, 0, 0, 0, 0, 0, 0}) want.push_back(b);
  EXPECT_EQ(signing_bytes(tx), want);
}

struct Bad {
  std::string text;
  ErrorKind kind;
};

TEST(TxJson, BadInputGivesTheRightErrorKind) {
  const std::string big_data(2 * (kMaxDataBytes + 1), '0');
  std::string many_ops;
  for (size_t i = 0; i <= kMaxOps; ++i)
    many_ops += (i ? "," : "") + std::string("{\"op\":\"delete\",\"object\":\"") + kB + "\"}";
  std::string many_nullifiers;
  for (size_t i = 0; i <= kMaxNullifiers; ++i) many_nullifiers += (i ? ",\"" : "\"") + kB + "\"";
  std::string deep(100, '[');
  const std::vector<Bad> cases = {
      {"", ErrorKind::kMalformedJson},
      {"{", ErrorKind::kMalformedJson},
      {"[1,2]", ErrorKind::kMalformedJson},
      {"\"str\"", ErrorKind::kMalformedJson},
      {deep, ErrorKind::kMalformedJson},
      {"{\"nonce\":0,\"ops\":[]}", ErrorKind::kInvalidField},  // no sender
      {line(""), ErrorKind::kInvalidField},                    // no ops
      {line("{\"op\":\"fly\"}"), ErrorKind::kUnknownOp},
      {line("{\"op\":7}"), ErrorKind::kInvalidField},
      {line("{\"op\":\"delete\"}"), ErrorKind::kInvalidField},
      {line("{\"op\":\"delete\",\"object\":\"abc\"}"), ErrorKind::kInvalidField},
      {line("{\"op\":\"delete\",\"object\":\"" + kB + "0000\"}"), ErrorKind::kOversizedField},
      {line("{\"op\":\"delete\",\"object\":12}"), ErrorKind::kInvalidField},
      {line("{\"op\":\"delete\",\"object\":\"" + kB + "\",\"x\":1}"), ErrorKind::kInvalidField},
      {line("{\"op\":\"transfer\",\"from\":\"" + kB + "\",\"to\":\"" + kC + "\",\"amount\":-1}"),
       ErrorKind::kInvalidField},
      {line("{\"op\":\"transfer\",\"from\":\"" + kB + "\",\"to\":\"" + kC + "\",\"amount\":1.5}"),
       ErrorKind::kInvalidField},
      {line("{\"op\":\"transfer\",\"from\":\"" + kB + "\",\"to\":\"" + kC +
            "\",\"amount\":18446744073709551616}"),
       ErrorKind::kInvalidField},
      {line("{\"op\":\"transfer\",\"from\":\"" + kB + "\",\"to\":\"" + kC + "\",\"amount\":\"1\"}"),
       ErrorKind::kInvalidField},
      {line("{\"op\":\"set_data\",\"object\":\"" + kB + "\",\"data\":\"" + big_data + "\"}"),
       ErrorKind::kOversizedField},
      {line("{\"op\":\"set_data\",\"object\":\"" + kB + "\",\"data\":\"0\"}"),
       ErrorKind::kInvalidField},
      {line(many_ops), ErrorKind::kOversizedField},
      {line("{\"op\":\"private_transfer\",\"root\":\"" + kB + "\",\"nullifiers\":[" +
            many_nullifiers + "],\"commitments\":[],\"fee\":0,\"ext_hash\":\"" + kB +
            "\",\"proof\":\"\"}"),
       ErrorKind::kOversizedField},
      {line("{\"op\":\"create\",\"kind\":\"weird\"}"), ErrorKind::kInvalidField},
      {line("{\"op\":\"create\",\"kind\":\"shared\",\"owner\":\"" + kB + "\"}"),
       ErrorKind::kInvalidField},
      {line("{\"op\":\"delete\",\"object\":\"" + kB + "\"}", ",\"signature\":\"00\""),
       ErrorKind::kInvalidField},
      {line("{\"op\":\"delete\",\"object\":\"" + kB + "\"}", ",\"extra\":true"),
       ErrorKind::kInvalidField},
      {"{\"sender\":\"" + kA + "\",\"nonce\":\"0\",\"ops\":[]}", ErrorKind::kInvalidField},
  };
  for (const auto& c : cases) {
    auto p = parse_transaction_json(c.text);
    EXPECT_FALSE(p.tx) << c.text.substr(0, 120);
    EXPECT_EQ(p.error, c.kind) << c.text.substr(0, 120) << " -> " << p.message;
    EXPECT_FALSE(p.message.empty());
  }
}

// A block mixing bad lines with good ones: one receipt per line, the good ones
// apply, the bad ones change nothing.
TEST(TxJson, BadLinesInABlockGetReceiptsInPlace) {
  KeyPair k = testing::test_key(9);
  State state;
  Object o;
  o.id.fill(0xb1);
  o.owner = k.public_key;
  o.balance = 10;
  o.version = 1;
  state.put_object(o);
  Object o2 = o;
  o2.id.fill(0xb2);
  state.put_object(o2);
  Transaction tx;
  Operation op;
  op.type = OpType::kTransfer;
  op.object = o.id;
  op.to = o2.id;
  op.amount = 4;
  tx.ops.push_back(op);
  sign_transaction(tx, k);
  std::vector<ParsedTransaction> block = {parse_transaction_json("{oops"),
                                          parse_transaction_json(transaction_to_json(tx)),
                                          parse_transaction_json(line("{\"op\":\"zap\"}"))};
  auto sigs = check_signatures(block, 1);
  SerialExecutor ex;
  auto r = ex.execute(state, block, sigs);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].error, ErrorKind::kMalformedJson);
  EXPECT_TRUE(r[1].ok()) << r[1].message;
  EXPECT_EQ(r[2].error, ErrorKind::kUnknownOp);
  EXPECT_EQ(state.find_object(o2.id)->balance, 14u);
  EXPECT_NE(receipt_to_json(2, r[2]).find("\"error\":\"unknown_op\""), std::string::npos);
}

}  // namespace
}  // namespace supervm::vm
