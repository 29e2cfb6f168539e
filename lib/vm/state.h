// The in-memory state the engine applies blocks to: objects, per-sender nonces,
// and the privacy state (spent nullifiers, note-commitment tree, the last
// kRootHistory tree roots, the verifying key fixed at genesis). Also keeps the
// incremental state root.
//
// State root = BLAKE2b-256("supervm/state/v1" || objects root || nonces root ||
//   nullifiers root || note-tree root || note count u64 || root-history hash ||
//   verifying-key id), where the first three are SetCommitment roots over
//   id -> object_hash, sender -> nonce (u64 LE, zero padded; only nonzero
//   nonces) and nullifier -> 0xff..ff. It depends only on the contents, so any
//   execution order or thread count that yields the same state yields the same root.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "vm/id_map.h"
#include "vm/note_tree.h"
#include "vm/object.h"
#include "vm/set_commitment.h"
#include "vm/types.h"

namespace supervm::vm {

inline constexpr size_t kRootHistory = 32;

// An allocator whose resize() leaves trivial elements uninitialized: the
// dirty lists grow by a block's worth of marks that executors then fill in
// parallel, and zeroing them first would be a serial pass for nothing.
template <class T>
struct DefaultInitAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() = default;
  template <class U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0)
      ::new (static_cast<void*>(p)) U;
    else
      ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};  // proofs may use any of the last K note-tree roots

class State {
 public:
  // Genesis. `verifying_key_id` names the Groth16 key private transfers are
  // checked under for the life of this state (zero: privacy path disabled).
  explicit State(const Hash32& verifying_key_id = {});

  // --- objects ---
  // An object's entry. `claim` is executor scratch like NonceEntry::claim;
  // it comes first so that it shares a cache line with the map's key, and the
  // object's fixed fields end within the entry's second line.
  struct ObjectEntry {
    uint64_t claim = 0;
    Object object;
  };
  const Object* find_object(const ObjectId& id) const;
  // In-place access for executors; the caller must mark_object_dirty.
  Object* find_object_mut(const ObjectId& id);
  ObjectEntry* find_object_entry(const ObjectId& id);  // nullptr when absent
  void put_object(const Object& object);               // insert or replace; marks dirty
  void erase_object(const ObjectId& id);               // marks dirty
  size_t object_count() const { return objects_.size(); }
  // f(const Object&) for every object, in no particular order.
  template <class F>
  void for_each_object(F&& f) const {
    objects_.for_each([&](const ObjectId&, const ObjectEntry& e) { f(e.object); });
  }
  // Cache prefetching for executors that look ahead (see IdMap): first the
  // slot, some iterations later the entry.
  void prefetch_object_slot(const ObjectId& id) const { objects_.prefetch_slot(id); }
  // The object's fixed fields (up to and including the balance): what routing
  // and plain transfers read; the data bytes are left to demand.
  void prefetch_object(const ObjectId& id) const {
    objects_.prefetch_value(id, sizeof(uint64_t) + kObjectFixedBytes);
  }
  static constexpr size_t kObjectFixedBytes = offsetof(Object, balance) + sizeof(uint64_t);
  void prefetch_nonce_slot(const PublicKey& k) const { nonces_.prefetch_slot(k); }
  void prefetch_nonce(const PublicKey& k) const { nonces_.prefetch_value(k); }

  // --- nonces: the next nonce each sender must use (0 when never seen) ---
  // A sender's entry. `claim` is scratch for an executor running one block
  // from several threads (ParallelExecutor marks in it, with atomic
  // operations, which routing chunk may write the entry early): State never
  // reads it, and it is not part of the contents (root, dump, equality).
  struct NonceEntry {
    uint64_t next = 0;
    uint64_t claim = 0;
  };
  uint64_t nonce(const PublicKey& sender) const;
  uint64_t* find_nonce_mut(const PublicKey& sender);        // nullptr when 0 / absent
  NonceEntry* find_nonce_entry(const PublicKey& sender);    // nullptr when 0 / absent
  void set_nonce(const PublicKey& sender, uint64_t nonce);  // marks dirty

  // --- privacy ---
  bool nullifier_spent(const Hash32& nullifier) const { return nullifiers_.count(nullifier) != 0; }
  void add_nullifier(const Hash32& nullifier);
  void append_note(const Hash32& commitment) { notes_.append(commitment); }
  const NoteTree& note_tree() const { return notes_; }
  bool root_known(const Hash32& root) const;
  const std::deque<Hash32>& root_history() const { return root_history_; }
  const Hash32& verifying_key_id() const { return vk_id_; }
  // Called once after every block: records the note-tree root if it changed.
  void end_block();

  // --- commitment ---
  void mark_object_dirty(const ObjectId& id) { dirty_objects_.push_back(id); }
  void mark_nonce_dirty(const PublicKey& key) { dirty_nonces_.push_back(key); }
  void mark_objects_dirty(std::span<const ObjectId> ids) {
    dirty_objects_.insert(dirty_objects_.end(), ids.begin(), ids.end());
  }
  void mark_nonces_dirty(std::span<const PublicKey> keys) {
    dirty_nonces_.insert(dirty_nonces_.end(), keys.begin(), keys.end());
  }
  // Room for `count` more marks, uninitialized: the caller must fill all of
  // it (several threads may fill disjoint parts), or give the unfilled end
  // back with drop_dirty_marks, before any other call that marks, and before
  // commit_root. Lookups and in-place changes meanwhile are fine.
  std::span<ObjectId> add_dirty_objects(size_t count) {
    const size_t old = dirty_objects_.size();
    dirty_objects_.resize(old + count);
    return {dirty_objects_.data() + old, count};
  }
  std::span<PublicKey> add_dirty_nonces(size_t count) {
    const size_t old = dirty_nonces_.size();
    dirty_nonces_.resize(old + count);
    return {dirty_nonces_.data() + old, count};
  }
  // Gives back the last `objects` object marks and `nonces` nonce marks.
  void drop_dirty_marks(size_t objects, size_t nonces) {
    dirty_objects_.resize(dirty_objects_.size() - objects);
    dirty_nonces_.resize(dirty_nonces_.size() - nonces);
  }
  // Folds all changes since the last call into the root and returns it.
  Hash32 commit_root(bool parallel = true);
  // Recomputes the root from scratch (for tests: must equal commit_root()).
  Hash32 recompute_root_from_scratch() const;

  // Canonical bytes of the full contents (sorted), for byte-for-byte comparison.
  std::string canonical_dump() const;

 private:
  Hash32 combine(const Hash32& objects_root, const Hash32& nonces_root,
                 const Hash32& nullifiers_root) const;

  IdMap<ObjectEntry> objects_;
  IdMap<NonceEntry> nonces_;  // only nonzero nonces
  std::unordered_set<Hash32, Bytes32Hash, Bytes32Eq> nullifiers_;
  NoteTree notes_;
  std::deque<Hash32> root_history_;
  Hash32 vk_id_;

  SetCommitment object_commitment_{"supervm/objects/v1", 16};
  SetCommitment nonce_commitment_{"supervm/nonces/v1", 14};
  SetCommitment nullifier_commitment_{"supervm/nullifiers/v1", 12};
  std::vector<ObjectId, DefaultInitAllocator<ObjectId>> dirty_objects_;
  std::vector<PublicKey, DefaultInitAllocator<PublicKey>> dirty_nonces_;
  std::vector<Hash32> dirty_nullifiers_;
};

}  // namespace supervm::vm
