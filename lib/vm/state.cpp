#include "vm/state.h"

#include <tbb/parallel_for.h>

#include <algorithm>

#include "vm/crypto.h"

namespace supervm::vm {

namespace {
Hash32 nonce_value(uint64_t n) {
  Hash32 v{};
  for (int i = 0; i < 8; ++i) v[i] = static_cast<uint8_t>(n >> (8 * i));
  return v;
}
Hash32 spent_value() {
  Hash32 v;
  v.fill(0xff);
  return v;
}
template <class Vector>
void sort_unique(Vector& v) {
  std::sort(v.begin(), v.end(), Bytes32Less{});
  v.erase(std::unique(v.begin(), v.end(), Bytes32Eq{}), v.end());
}
}  // namespace

State::State(const Hash32& verifying_key_id) : vk_id_(verifying_key_id) {
  root_history_.push_back(notes_.root());
}

const Object* State::find_object(const ObjectId& id) const {
  const ObjectEntry* e = objects_.find(id);
  return e ? &e->object : nullptr;
}

Object* State::find_object_mut(const ObjectId& id) {
  ObjectEntry* e = objects_.find(id);
  return e ? &e->object : nullptr;
}

State::ObjectEntry* State::find_object_entry(const ObjectId& id) {
  return objects_.find(id);
}

void State::put_object(const Object& object) {
  objects_.try_emplace(object.id).first->object = object;
  dirty_objects_.push_back(object.id);
}

void State::erase_object(const ObjectId& id) {
  objects_.erase(id);
  dirty_objects_.push_back(id);
}

uint64_t State::nonce(const PublicKey& sender) const {
  const NonceEntry* n = nonces_.find(sender);
  return n ? n->next : 0;
}

uint64_t* State::find_nonce_mut(const PublicKey& sender) {
  NonceEntry* n = nonces_.find(sender);
  return n ? &n->next : nullptr;
}

State::NonceEntry* State::find_nonce_entry(const PublicKey& sender) {
  return nonces_.find(sender);
}

void State::set_nonce(const PublicKey& sender, uint64_t nonce) {
  if (nonce == 0)
    nonces_.erase(sender);
  else
    nonces_.try_emplace(sender).first->next = nonce;
  dirty_nonces_.push_back(sender);
}

void State::add_nullifier(const Hash32& nullifier) {
  if (nullifiers_.insert(nullifier).second) dirty_nullifiers_.push_back(nullifier);
}

bool State::root_known(const Hash32& root) const {
  return std::find(root_history_.begin(), root_history_.end(), root) != root_history_.end();
}

void State::end_block() {
  if (root_history_.back() == notes_.root()) return;
  root_history_.push_back(notes_.root());
  while (root_history_.size() > kRootHistory) root_history_.pop_front();
}

Hash32 State::combine(const Hash32& objects_root, const Hash32& nonces_root,
                      const Hash32& nullifiers_root) const {
  Blake2b h("supervm/state/v1");
  h.update(objects_root.data(), 32).update(nonces_root.data(), 32);
  h.update(nullifiers_root.data(), 32);
  h.update(notes_.root().data(), 32).update_u64(notes_.size());
  Blake2b hist("supervm/root-history/v1");
  hist.update_u64(root_history_.size());
  for (const auto& r : root_history_) hist.update(r.data(), 32);
  Hash32 history = hist.finish();
  h.update(history.data(), 32).update(vk_id_.data(), 32);
  return h.finish();
}

Hash32 State::commit_root(bool parallel) {
  sort_unique(dirty_objects_);
  std::vector<std::optional<Hash32>> hashes(dirty_objects_.size());
  auto hash_range = [&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) {
      const Object* o = find_object(dirty_objects_[i]);
      if (o) hashes[i] = object_hash(*o);
    }
  };
  if (parallel && dirty_objects_.size() > 256) {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, dirty_objects_.size(), 128),
                      [&](const auto& r) { hash_range(r.begin(), r.end()); });
  } else {
    hash_range(0, dirty_objects_.size());
  }
  for (size_t i = 0; i < dirty_objects_.size(); ++i)
    object_commitment_.stage(dirty_objects_[i], hashes[i]);
  dirty_objects_.clear();
  object_commitment_.update(parallel);

  sort_unique(dirty_nonces_);
  for (const auto& k : dirty_nonces_) {
    uint64_t n = nonce(k);
    nonce_commitment_.stage(k, n == 0 ? std::nullopt : std::optional<Hash32>(nonce_value(n)));
  }
  dirty_nonces_.clear();
  nonce_commitment_.update(parallel);

  for (const auto& n : dirty_nullifiers_) nullifier_commitment_.stage(n, spent_value());
  dirty_nullifiers_.clear();
  nullifier_commitment_.update(parallel);

  return combine(object_commitment_.root(), nonce_commitment_.root(), nullifier_commitment_.root());
}

Hash32 State::recompute_root_from_scratch() const {
  SetCommitment objects("supervm/objects/v1", 16), nonces("supervm/nonces/v1", 14),
      nullifiers("supervm/nullifiers/v1", 12);
  objects_.for_each(
      [&](const ObjectId& id, const ObjectEntry& e) { objects.stage(id, object_hash(e.object)); });
  nonces_.for_each(
      [&](const PublicKey& k, const NonceEntry& n) { nonces.stage(k, nonce_value(n.next)); });
  for (const auto& n : nullifiers_) nullifiers.stage(n, spent_value());
  objects.update(false);
  nonces.update(false);
  nullifiers.update(false);
  return combine(objects.root(), nonces.root(), nullifiers.root());
}

std::string State::canonical_dump() const {
  std::string out;
  auto put = [&](const void* p, size_t n) { out.append(static_cast<const char*>(p), n); };
  auto put_u64 = [&](uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
  };
  std::vector<const Object*> objs;
  objects_.for_each([&](const ObjectId&, const ObjectEntry& e) { objs.push_back(&e.object); });
  std::sort(objs.begin(), objs.end(), [](auto a, auto b) { return a->id < b->id; });
  put_u64(objs.size());
  for (const Object* o : objs) {
    put(o->id.data(), 32);
    out.push_back(static_cast<char>(o->kind));
    put(o->owner.data(), 32);
    put_u64(o->version);
    put_u64(o->balance);
    put_u64(o->data.size());
    put(o->data.data(), o->data.size());
  }
  std::vector<std::pair<PublicKey, uint64_t>> ns;
  nonces_.for_each([&](const PublicKey& k, const NonceEntry& n) { ns.emplace_back(k, n.next); });
  std::sort(ns.begin(), ns.end());
  put_u64(ns.size());
  for (const auto& [k, n] : ns) {
    put(k.data(), 32);
    put_u64(n);
  }
  std::vector<Hash32> nul(nullifiers_.begin(), nullifiers_.end());
  std::sort(nul.begin(), nul.end());
  put_u64(nul.size());
  for (const auto& n : nul) put(n.data(), 32);
  put(notes_.root().data(), 32);
  put_u64(notes_.size());
  for (const auto& r : root_history_) put(r.data(), 32);
  put(vk_id_.data(), 32);
  return out;
}

}  // namespace supervm::vm
