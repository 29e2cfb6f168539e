#include "vm/note_tree.h"

#include <array>

#include "util/error.h"
#include "zk/hash/poseidon.h"

namespace supervm::vm {

namespace {
using Fr = zk::PoseidonFr;

Fr to_fr(const Hash32& h) {
  auto x = Fr::from_bytes_be(h);
  if (!x) throw Error(ExitCode::kInternal, "note tree: value is not below the scalar modulus");
  return *x;
}

Hash32 to_hash(const Fr& x) {
  Hash32 h;
  x.to_bytes_be(h);
  return h;
}

std::array<Hash32, NoteTree::kDepth + 1> make_empty_hashes() {
  std::array<Hash32, NoteTree::kDepth + 1> e;
  Fr node = Fr::zero();
  e[0] = to_hash(node);
  for (unsigned h = 1; h <= NoteTree::kDepth; ++h) {
    node = zk::poseidon_compress(node, node);
    e[h] = to_hash(node);
  }
  return e;
}
}  // namespace

const Hash32& NoteTree::empty_hash(unsigned height) {
  static const auto kEmpty = make_empty_hashes();
  return kEmpty[height];
}

bool NoteTree::is_canonical(const Hash32& value) {
  return Fr::from_bytes_be(value).has_value();
}

Hash32 NoteTree::node(const Hash32& left, const Hash32& right) {
  return to_hash(zk::poseidon_compress(to_fr(left), to_fr(right)));
}

NoteTree::NoteTree() : root_(empty_hash(kDepth)), frontier_(kDepth) {}

void NoteTree::append(const Hash32& commitment) {
  if (size_ >> kDepth) throw Error(ExitCode::kInternal, "note tree: all leaves used");
  uint64_t index = size_;
  Fr node = to_fr(commitment);
  for (unsigned h = 0; h < kDepth; ++h) {
    if ((index & 1) == 0) {
      frontier_[h] = to_hash(node);
      node = zk::poseidon_compress(node, to_fr(empty_hash(h)));
    } else {
      node = zk::poseidon_compress(to_fr(frontier_[h]), node);
    }
    index >>= 1;
  }
  root_ = to_hash(node);
  ++size_;
}

}  // namespace supervm::vm
