// State root and note tree against independent computations.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "util/error.h"
#include "vm/crypto.h"
#include "vm/note_tree.h"
#include "vm/set_commitment.h"
#include "vm/state.h"
#include "zk/hash/poseidon.h"

namespace supervm::vm {
namespace {

Hash32 rand32(std::mt19937_64& rng) {
  Hash32 h;
  for (auto& b : h) b = static_cast<uint8_t>(rng());
  return h;
}

TEST(SetCommitment, IndependentOfInsertionOrderAndBatching) {
  std::mt19937_64 rng(1);
  std::vector<std::pair<Hash32, Hash32>> kv;
  for (int i = 0; i < 3000; ++i) kv.emplace_back(rand32(rng), rand32(rng));
  SetCommitment a("t", 8), b("t", 8);
  for (auto& [k, v] : kv) a.stage(k, v);
  a.update(true);
  std::shuffle(kv.begin(), kv.end(), rng);
  for (size_t i = 0; i < kv.size(); ++i) {
    b.stage(kv[i].first, kv[i].second);
    if (i % 97 == 0) b.update(false);
  }
  b.update(false);
  EXPECT_EQ(a.root(), b.root());
  EXPECT_EQ(a.size(), 3000u);
  // Removing and re-adding a key restores the root; changing a value changes it.
  Hash32 r = a.root();
  a.stage(kv[5].first, std::nullopt);
  a.update();
  EXPECT_NE(a.root(), r);
  a.stage(kv[5].first, kv[5].second);
  a.update();
  EXPECT_EQ(a.root(), r);
  Hash32 other = kv[5].second;
  other[0] ^= 1;
  a.stage(kv[5].first, other);
  a.update();
  EXPECT_NE(a.root(), r);
}

// Bucket layout oracle: recompute the root from the definition in the header.
TEST(SetCommitment, MatchesDefinition) {
  std::mt19937_64 rng(2);
  const unsigned bits = 3;
  SetCommitment c("dom", bits);
  std::vector<std::pair<Hash32, Hash32>> kv;
  for (int i = 0; i < 40; ++i) {
    kv.emplace_back(rand32(rng), rand32(rng));
    c.stage(kv.back().first, kv.back().second);
  }
  c.update(false);
  std::sort(kv.begin(), kv.end());
  const std::string d = "dom/b3";
  std::vector<Hash32> level(1u << bits);
  for (unsigned b = 0; b < level.size(); ++b) {
    Blake2b h(d + "/bucket");
    std::vector<std::pair<Hash32, Hash32>> in;
    for (auto& e : kv)
      if ((e.first[0] >> (8 - bits)) == b) in.push_back(e);
    h.update_u64(in.size());
    for (auto& [k, v] : in) h.update(k.data(), 32).update(v.data(), 32);
    level[b] = h.finish();
  }
  while (level.size() > 1) {
    std::vector<Hash32> up;
    for (size_t i = 0; i < level.size(); i += 2)
      up.push_back(hash_pair(d + "/node", level[i], level[i + 1]));
    level.swap(up);
  }
  EXPECT_EQ(c.root(), level[0]);
}

// Note tree oracle: a full Merkle tree computed level by level over field
// elements with Poseidon directly (empty leaf 0, empty subtrees hashed up).
TEST(NoteTree, MatchesFullTreeComputation) {
  using Fr = zk::PoseidonFr;
  auto word = [](const Fr& x) {
    Hash32 h;
    x.to_bytes_be(h);
    return h;
  };
  std::vector<Fr> empty{Fr::zero()};
  for (unsigned h = 0; h < NoteTree::kDepth; ++h)
    empty.push_back(zk::poseidon_compress(empty.back(), empty.back()));
  for (unsigned h = 0; h <= NoteTree::kDepth; ++h)
    EXPECT_EQ(NoteTree::empty_hash(h), word(empty[h]));
  std::mt19937_64 rng(3);
  NoteTree t;
  std::vector<Fr> leaves;
  for (int n = 0; n < 40; ++n) {
    std::vector<Fr> level = leaves;
    for (unsigned h = 0; h < NoteTree::kDepth; ++h) {
      if (level.size() % 2) level.push_back(empty[h]);
      std::vector<Fr> up;
      for (size_t i = 0; i < level.size(); i += 2)
        up.push_back(zk::poseidon_compress(level[i], level[i + 1]));
      if (up.empty()) up.push_back(empty[h + 1]);
      level.swap(up);
    }
    ASSERT_EQ(t.root(), word(level[0])) << n << " leaves";
    leaves.push_back(Fr::random(rng));
    t.append(word(leaves.back()));
  }
  EXPECT_EQ(t.size(), 40u);
}

// Leaves must be canonical field elements: r - 1 is the largest.
TEST(NoteTree, OnlyCanonicalLeaves) {
  Hash32 r_minus_1, r;
  (-zk::PoseidonFr::one()).to_bytes_be(r_minus_1);
  r = r_minus_1;
  r[31] += 1;  // r - 1 ends in ...00, so no carry
  EXPECT_TRUE(NoteTree::is_canonical(r_minus_1));
  EXPECT_FALSE(NoteTree::is_canonical(r));
  Hash32 ones;
  ones.fill(0xff);
  EXPECT_FALSE(NoteTree::is_canonical(ones));
  NoteTree t;
  EXPECT_THROW(t.append(r), Error);
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(t, NoteTree());
  t.append(r_minus_1);
  EXPECT_EQ(t.size(), 1u);
}

TEST(StateRoot, IncrementalEqualsFromScratchAndOrderIndependent) {
  std::mt19937_64 rng(4);
  State a, b;
  std::vector<Object> objs;
  for (int i = 0; i < 500; ++i) {
    Object o;
    o.id = rand32(rng);
    o.owner = rand32(rng);
    o.balance = rng() % 1000;
    o.version = 1;
    objs.push_back(o);
  }
  for (auto& o : objs) a.put_object(o);
  a.commit_root();
  for (int i = 0; i < 100; ++i) {
    objs[i].balance += 1;
    a.put_object(objs[i]);
  }
  a.erase_object(objs[7].id);
  a.set_nonce(objs[0].owner, 3);
  a.add_nullifier(objs[1].owner);
  Hash32 ra = a.commit_root();
  EXPECT_EQ(ra, a.recompute_root_from_scratch());
  std::reverse(objs.begin(), objs.end());
  for (auto& o : objs)
    if (o.id != objs[objs.size() - 1 - 7].id) b.put_object(o);
  b.set_nonce(objs.back().owner, 3);
  b.add_nullifier(objs[objs.size() - 2].owner);
  EXPECT_EQ(b.commit_root(), ra);
  // Any change to any object changes the root.
  Object changed = *b.find_object(objs[3].id);
  changed.data.push_back(0);
  b.put_object(changed);
  EXPECT_NE(b.commit_root(), ra);
}

// Executors change entries in place and write the marks into room that
// State reserves (several threads, disjoint parts), giving back what they did
// not use: the root must be the one computed from scratch.
TEST(StateRoot, MarksWrittenIntoReservedRoom) {
  std::mt19937_64 rng(5);
  State s;
  std::vector<ObjectId> ids;
  std::vector<PublicKey> senders;
  for (int i = 0; i < 300; ++i) {
    Object o;
    o.id = rand32(rng);
    o.owner = rand32(rng);
    o.balance = 1000;
    o.version = 1;
    s.put_object(o);
    s.set_nonce(o.owner, 1);
    ids.push_back(o.id);
    senders.push_back(o.owner);
  }
  s.commit_root();
  // Room for 100 changes; 60 used, the rest given back.
  std::span<ObjectId> objects = s.add_dirty_objects(200);
  std::span<PublicKey> nonces = s.add_dirty_nonces(100);
  for (size_t k = 0; k < 60; ++k) {
    const size_t a = rng() % ids.size(), b = rng() % ids.size();
    s.find_object_mut(ids[a])->balance -= 1;
    s.find_object_mut(ids[b])->balance += 1;
    *s.find_nonce_mut(senders[a]) += 1;
    objects[2 * k] = ids[a];
    objects[2 * k + 1] = ids[b];
    nonces[k] = senders[a];
  }
  s.drop_dirty_marks(80, 40);
  const Hash32 root = s.commit_root();
  EXPECT_EQ(root, s.recompute_root_from_scratch());
  // A change without a mark is not in the incremental root: the marks matter.
  s.find_object_mut(ids[0])->balance += 7;
  EXPECT_NE(s.commit_root(), s.recompute_root_from_scratch());
}

}  // namespace
}  // namespace supervm::vm
