// Objects: the unit of state. An object is owned by one Ed25519 key (only that
// key's transactions may debit, modify or delete it), shared (any transaction
// whose operation allows it may use it) or immutable (nobody may change it).
#pragma once

#include <cstdint>
#include <vector>

#include "vm/types.h"

namespace supervm::vm {

enum class ObjectKind : uint8_t { kOwned = 0, kShared = 1, kImmutable = 2 };

const char* object_kind_name(ObjectKind kind);

struct Object {
  ObjectId id{};
  ObjectKind kind = ObjectKind::kOwned;
  PublicKey owner{};     // meaningful for kOwned only; zero otherwise
  uint64_t version = 0;  // 1 at creation, +1 on every change
  uint64_t balance = 0;
  std::vector<uint8_t> data;

  bool operator==(const Object&) const = default;
};

// BLAKE2b-256 over the canonical encoding (tag "supervm/object/v1", then id, kind,
// owner, version, balance, data length, data; integers little endian). This is
// the leaf value committed to by the state root.
Hash32 object_hash(const Object& object);

}  // namespace supervm::vm
