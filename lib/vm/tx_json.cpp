#include "vm/tx_json.h"

#include <nlohmann/json.hpp>

#include "util/hex.h"

namespace supervm::vm {

namespace {

using nlohmann::json;

// Reports the first fault; the parser stops there.
struct Fault {
  ErrorKind kind;
  std::string message;
};

// Deep nesting is the one input that could exhaust the stack of a recursive
// JSON implementation; no valid transaction nests deeper than 4.
constexpr int kMaxDepth = 8;

bool nesting_ok(std::string_view s) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return false;
    } else if (c == '}' || c == ']') --depth;
  }
  return true;
}

class Reader {
 public:
  const json& field(const json& obj, const char* name, const std::string& where) {
    auto it = obj.find(name);
    if (it == obj.end()) fail(ErrorKind::kInvalidField, where + name + ": missing");
    return *it;
  }

  template <size_t N>
  std::array<uint8_t, N> fixed_hex(const json& v, const std::string& path) {
    if (!v.is_string()) fail(ErrorKind::kInvalidField, path + ": expected a hex string");
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() > 2 * N + 2) fail(ErrorKind::kOversizedField, path + ": longer than " +
                                                                   std::to_string(N) + " bytes");
    auto a = parse_fixed_hex<N>(s);
    if (!a)
      fail(ErrorKind::kInvalidField,
           path + ": expected " + std::to_string(2 * N) + " hex digits");
    return *a;
  }

  std::vector<uint8_t> blob_hex(const json& v, const std::string& path, size_t max) {
    if (!v.is_string()) fail(ErrorKind::kInvalidField, path + ": expected a hex string");
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() > 2 * max + 2)
      fail(ErrorKind::kOversizedField, path + ": longer than " + std::to_string(max) + " bytes");
    auto b = util::from_hex(s);
    if (!b) fail(ErrorKind::kInvalidField, path + ": not an even-length hex string");
    if (b->size() > max)
      fail(ErrorKind::kOversizedField, path + ": longer than " + std::to_string(max) + " bytes");
    return std::move(*b);
  }

  uint64_t u64(const json& v, const std::string& path) {
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0))
      fail(ErrorKind::kInvalidField, path + ": expected an unsigned integer below 2^64");
    return v.get<uint64_t>();
  }

  void only_fields(const json& obj, std::initializer_list<const char*> allowed,
                   const std::string& where) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      bool known = false;
      for (const char* a : allowed) known = known || it.key() == a;
      if (!known)
        fail(ErrorKind::kInvalidField, where + it.key().substr(0, 64) + ": unknown field");
    }
  }

  [[noreturn]] void fail(ErrorKind kind, std::string message) {
    throw Fault{kind, std::move(message)};
  }
};

ObjectKind parse_kind(Reader& r, const json& v, const std::string& path) {
  if (!v.is_string()) r.fail(ErrorKind::kInvalidField, path + ": expected a string");
  const auto& s = v.get_ref<const std::string&>();
  if (s == "owned") return ObjectKind::kOwned;
  if (s == "shared") return ObjectKind::kShared;
  if (s == "immutable") return ObjectKind::kImmutable;
  r.fail(ErrorKind::kInvalidField, path + ": expected owned, shared or immutable");
}

std::vector<Hash32> hash_list(Reader& r, const json& v, const std::string& path, size_t max) {
  if (!v.is_array()) r.fail(ErrorKind::kInvalidField, path + ": expected an array");
  if (v.size() > max)
    r.fail(ErrorKind::kOversizedField, path + ": more than " + std::to_string(max) + " entries");
  std::vector<Hash32> out;
  for (size_t i = 0; i < v.size(); ++i)
    out.push_back(r.fixed_hex<32>(v[i], path + "[" + std::to_string(i) + "]"));
  return out;
}

Operation parse_op(Reader& r, const json& j, const std::string& where,
                   const std::optional<PublicKey>& sender) {
  if (!j.is_object()) r.fail(ErrorKind::kInvalidField, where + ": expected an object");
  const json& name_v = r.field(j, "op", where + ".");
  if (!name_v.is_string()) r.fail(ErrorKind::kInvalidField, where + ".op: expected a string");
  const auto& name = name_v.get_ref<const std::string&>();
  const std::string w = where + ".";
  Operation op;
  if (name == "create") {
    op.type = OpType::kCreate;
    r.only_fields(j, {"op", "kind", "owner", "data"}, w);
    op.kind = parse_kind(r, r.field(j, "kind", w), w + "kind");
    if (op.kind == ObjectKind::kOwned) {
      if (j.contains("owner")) op.owner = r.fixed_hex<32>(j["owner"], w + "owner");
      else if (sender) op.owner = *sender;
      else r.fail(ErrorKind::kInvalidField, w + "owner: missing (and no sender to default to)");
    } else if (j.contains("owner")) {
      r.fail(ErrorKind::kInvalidField, w + "owner: only owned objects have an owner");
    }
    if (j.contains("data")) op.data = r.blob_hex(j["data"], w + "data", kMaxDataBytes);
  } else if (name == "transfer") {
    op.type = OpType::kTransfer;
    r.only_fields(j, {"op", "from", "to", "amount"}, w);
    op.object = r.fixed_hex<32>(r.field(j, "from", w), w + "from");
    op.to = r.fixed_hex<32>(r.field(j, "to", w), w + "to");
    op.amount = r.u64(r.field(j, "amount", w), w + "amount");
  } else if (name == "set_data") {
    op.type = OpType::kSetData;
    r.only_fields(j, {"op", "object", "data"}, w);
    op.object = r.fixed_hex<32>(r.field(j, "object", w), w + "object");
    op.data = r.blob_hex(r.field(j, "data", w), w + "data", kMaxDataBytes);
  } else if (name == "change_owner") {
    op.type = OpType::kChangeOwner;
    r.only_fields(j, {"op", "object", "owner"}, w);
    op.object = r.fixed_hex<32>(r.field(j, "object", w), w + "object");
    op.owner = r.fixed_hex<32>(r.field(j, "owner", w), w + "owner");
  } else if (name == "make_shared" || name == "make_immutable" || name == "delete") {
    op.type = name == "make_shared"      ? OpType::kMakeShared
              : name == "make_immutable" ? OpType::kMakeImmutable
                                         : OpType::kDelete;
    r.only_fields(j, {"op", "object"}, w);
    op.object = r.fixed_hex<32>(r.field(j, "object", w), w + "object");
  } else if (name == "private_transfer") {
    op.type = OpType::kPrivateTransfer;
    r.only_fields(j, {"op", "root", "nullifiers", "commitments", "fee", "ext_hash", "proof"}, w);
    auto p = std::make_shared<PrivateTransfer>();
    p->root = r.fixed_hex<32>(r.field(j, "root", w), w + "root");
    p->nullifiers = hash_list(r, r.field(j, "nullifiers", w), w + "nullifiers", kMaxNullifiers);
    p->commitments =
        hash_list(r, r.field(j, "commitments", w), w + "commitments", kMaxCommitments);
    p->fee = r.u64(r.field(j, "fee", w), w + "fee");
    p->ext_hash = r.fixed_hex<32>(r.field(j, "ext_hash", w), w + "ext_hash");
    p->proof = r.blob_hex(r.field(j, "proof", w), w + "proof", kMaxProofBytes);
    if (p->nullifiers.empty()) r.fail(ErrorKind::kInvalidField, w + "nullifiers: empty");
    op.private_transfer = std::move(p);
  } else {
    r.fail(ErrorKind::kUnknownOp, w + "op: unknown operation \"" + name.substr(0, 64) + "\"");
  }
  return op;
}

}  // namespace

ParsedTransaction parse_transaction_json(std::string_view line, bool require_sender) {
  ParsedTransaction out;
  if (line.size() > kMaxLineBytes) {
    out.error = ErrorKind::kOversizedField;
    out.message = "line longer than " + std::to_string(kMaxLineBytes) + " bytes";
    return out;
  }
  if (!nesting_ok(line)) {
    out.error = ErrorKind::kMalformedJson;
    out.message = "JSON nested deeper than " + std::to_string(kMaxDepth);
    return out;
  }
  json j = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    out.error = ErrorKind::kMalformedJson;
    out.message = j.is_discarded() ? "not valid JSON" : "not a JSON object";
    return out;
  }
  Reader r;
  try {
    r.only_fields(j, {"sender", "nonce", "ops", "signature"}, "");
    Transaction tx;
    std::optional<PublicKey> sender;
    if (j.contains("sender")) {
      sender = r.fixed_hex<32>(j["sender"], "sender");
      tx.sender = *sender;
    } else if (require_sender) {
      r.fail(ErrorKind::kInvalidField, "sender: missing");
    }
    tx.nonce = r.u64(r.field(j, "nonce", ""), "nonce");
    const json& ops = r.field(j, "ops", "");
    if (!ops.is_array()) r.fail(ErrorKind::kInvalidField, "ops: expected an array");
    if (ops.empty()) r.fail(ErrorKind::kInvalidField, "ops: empty");
    if (ops.size() > kMaxOps)
      r.fail(ErrorKind::kOversizedField, "ops: more than " + std::to_string(kMaxOps) + " operations");
    for (size_t i = 0; i < ops.size(); ++i)
      tx.ops.push_back(parse_op(r, ops[i], "ops[" + std::to_string(i) + "]", sender));
    if (tx.is_private() && tx.ops.size() != 1)
      r.fail(ErrorKind::kInvalidField, "ops: a private_transfer must be the only operation");
    if (j.contains("signature")) tx.signature = r.fixed_hex<64>(j["signature"], "signature");
    out.tx = std::move(tx);
  } catch (const Fault& f) {
    out.error = f.kind;
    out.message = f.message;
  } catch (const json::exception& e) {
    // Defensive: a type combination the reader did not anticipate.
    out.error = ErrorKind::kInvalidField;
    out.message = e.what();
  }
  return out;
}

std::string transaction_to_json(const Transaction& tx) {
  json j;
  j["sender"] = hex(tx.sender);
  j["nonce"] = tx.nonce;
  json ops = json::array();
  for (const auto& op : tx.ops) {
    json o;
    o["op"] = op_name(op.type);
    switch (op.type) {
      case OpType::kCreate:
        o["kind"] = object_kind_name(op.kind);
        if (op.kind == ObjectKind::kOwned) o["owner"] = hex(op.owner);
        if (!op.data.empty()) o["data"] = hex(op.data.data(), op.data.size());
        break;
      case OpType::kTransfer:
        o["from"] = hex(op.object);
        o["to"] = hex(op.to);
        o["amount"] = op.amount;
        break;
      case OpType::kSetData:
        o["object"] = hex(op.object);
        o["data"] = hex(op.data.data(), op.data.size());
        break;
      case OpType::kChangeOwner:
        o["object"] = hex(op.object);
        o["owner"] = hex(op.owner);
        break;
      case OpType::kMakeShared:
      case OpType::kMakeImmutable:
      case OpType::kDelete:
        o["object"] = hex(op.object);
        break;
      case OpType::kPrivateTransfer: {
        const auto& p = *op.private_transfer;
        o["root"] = hex(p.root);
        o["nullifiers"] = json::array();
        for (const auto& n : p.nullifiers) o["nullifiers"].push_back(hex(n));
        o["commitments"] = json::array();
        for (const auto& c : p.commitments) o["commitments"].push_back(hex(c));
        o["fee"] = p.fee;
        o["ext_hash"] = hex(p.ext_hash);
        o["proof"] = hex(p.proof.data(), p.proof.size());
        break;
      }
    }
    ops.push_back(std::move(o));
  }
  j["ops"] = std::move(ops);
  if (tx.signature) j["signature"] = hex(*tx.signature);
  return j.dump();
}

}  // namespace supervm::vm
