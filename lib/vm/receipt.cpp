#include "vm/receipt.h"

#include <nlohmann/json.hpp>

namespace supervm::vm {

namespace {
constexpr const char* kNames[kErrorKindCount] = {
    "ok",
    "malformed_json",
    "invalid_field",
    "oversized_field",
    "unknown_op",
    "missing_signature",
    "bad_signature",
    "bad_nonce",
    "object_not_found",
    "object_exists",
    "not_owner",
    "immutable_object",
    "not_permitted",
    "insufficient_balance",
    "balance_overflow",
    "nonzero_balance",
    "privacy_unavailable",
    "invalid_proof",
    "double_spend",
    "unknown_root",
};
}  // namespace

const char* error_kind_name(ErrorKind kind) {
  auto i = static_cast<int>(kind);
  return i < kErrorKindCount ? kNames[i] : "unknown";
}

std::optional<ErrorKind> error_kind_from_name(std::string_view name) {
  for (int i = 0; i < kErrorKindCount; ++i)
    if (name == kNames[i]) return static_cast<ErrorKind>(i);
  return std::nullopt;
}

std::string receipt_to_json(size_t index, const Receipt& r) {
  nlohmann::json j;
  j["index"] = index;
  j["ok"] = r.ok();
  if (!r.ok()) {
    j["error"] = error_kind_name(r.error);
    j["message"] = r.message;
  }
  if (!r.created.empty()) {
    auto& arr = j["created"] = nlohmann::json::array();
    for (const auto& id : r.created) arr.push_back(hex(id));
  }
  // Messages may quote (truncated) user input; never throw on bad UTF-8.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_receipt_bytes(const Receipt& r, std::string& out) {
  out.push_back(static_cast<char>(r.error));
  auto put_u32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
  };
  put_u32(static_cast<uint32_t>(r.message.size()));
  out += r.message;
  put_u32(static_cast<uint32_t>(r.created.size()));
  for (const auto& id : r.created) out.append(reinterpret_cast<const char*>(id.data()), 32);
}

}  // namespace supervm::vm
