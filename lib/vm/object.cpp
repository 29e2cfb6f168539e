#include "vm/object.h"

#include "vm/crypto.h"

namespace supervm::vm {

const char* object_kind_name(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::kOwned: return "owned";
    case ObjectKind::kShared: return "shared";
    case ObjectKind::kImmutable: return "immutable";
  }
  return "?";
}

Hash32 object_hash(const Object& o) {
  Blake2b h("supervm/object/v1");
  h.update(o.id.data(), 32);
  uint8_t kind = static_cast<uint8_t>(o.kind);
  h.update(&kind, 1);
  h.update(o.owner.data(), 32);
  h.update_u64(o.version).update_u64(o.balance).update_u64(o.data.size());
  h.update(o.data.data(), o.data.size());
  return h.finish();
}

}  // namespace supervm::vm
