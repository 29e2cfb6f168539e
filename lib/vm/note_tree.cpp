#include "vm/note_tree.h"

#include <array>

#include "util/error.h"
#include "vm/crypto.h"

namespace supervm::vm {

namespace {
constexpr const char* kNodeTag = "supervm/note-node/v1";

std::array<Hash32, NoteTree::kDepth + 1> make_empty_hashes() {
  std::array<Hash32, NoteTree::kDepth + 1> e;
  e[0] = blake2b("supervm/note-empty/v1", {});
  for (unsigned h = 1; h <= NoteTree::kDepth; ++h) e[h] = hash_pair(kNodeTag, e[h - 1], e[h - 1]);
  return e;
}
}  // namespace

const Hash32& NoteTree::empty_hash(unsigned height) {
  static const auto kEmpty = make_empty_hashes();
  return kEmpty[height];
}

NoteTree::NoteTree() : root_(empty_hash(kDepth)), frontier_(kDepth) {}

void NoteTree::append(const Hash32& commitment) {
  if (size_ >> kDepth) throw Error(ExitCode::kInternal, "note tree: all leaves used");
  uint64_t index = size_;
  Hash32 node = commitment;
  for (unsigned h = 0; h < kDepth; ++h) {
    if ((index & 1) == 0) {
      frontier_[h] = node;
      node = hash_pair(kNodeTag, node, empty_hash(h));
    } else {
      node = hash_pair(kNodeTag, frontier_[h], node);
    }
    index >>= 1;
  }
  root_ = node;
  ++size_;
}

}  // namespace supervm::vm
