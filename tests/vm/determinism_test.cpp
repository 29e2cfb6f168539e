// Parallel execution on 1, 2 and 4 threads must give byte-identical receipts,
// state and state root to the serial executor, block after block.
#include <gtest/gtest.h>

#include <cstdio>

#include "vm/parallel_executor.h"
#include "vm/serial_executor.h"
#include "vm/signature_stage.h"
#include "vm_test_util.h"

namespace supervm::vm {
namespace {

using testing::BlockConfig;
using testing::TestOnlyHashProofVerifier;
using testing::WorldConfig;

struct Scenario {
  const char* name;
  BlockConfig block;
  size_t blocks;
  size_t window;
  bool fallback;
  WorldConfig world = {};
  bool expect_reexecution_rounds = false;
};

void run_scenario(const Scenario& sc, uint64_t seed) {
  SCOPED_TRACE(sc.name);
  TestOnlyHashProofVerifier verifier;
  const Hash32 vk = TestOnlyHashProofVerifier::key_id();
  State serial_state(vk);
  testing::World world = testing::make_world(sc.world, serial_state, seed);
  serial_state.commit_root();
  // 1, 2 and 4 threads with the default (round) consensus engine, and 2
  // threads with the reference engine built on MvccStore.
  using Engine = ExecutorOptions::ConsensusEngine;
  const unsigned thread_counts[] = {1, 2, 4, 2};
  const Engine engines[] = {Engine::kRounds, Engine::kRounds, Engine::kRounds, Engine::kMvccStore};
  constexpr size_t kExecutors = 4;
  std::vector<State> states(kExecutors, serial_state);
  std::vector<std::unique_ptr<ParallelExecutor>> executors;
  for (size_t e = 0; e < kExecutors; ++e) {
    ExecutorOptions o;
    o.threads = thread_counts[e];
    o.consensus_engine = engines[e];
    o.latency_sample_every = e == 1 ? 3 : 0;  // the sampler must not change results
    o.consensus_window = sc.window;
    o.enable_fast_fallback = sc.fallback;
    if (sc.fallback) o.fallback_on_errors = {ErrorKind::kInsufficientBalance, ErrorKind::kNotOwner};
    executors.push_back(std::make_unique<ParallelExecutor>(o, &verifier));
  }
  SerialExecutor serial(&verifier);
  std::mt19937_64 rng(seed);
  size_t ok = 0, failed = 0;
  for (size_t b = 0; b < sc.blocks; ++b) {
    auto block = testing::make_block(world, serial_state, sc.block, rng);
    auto sigs = check_signatures(block, 2);
    auto want = serial.execute(serial_state, block, sigs);
    const Hash32 want_root = serial_state.commit_root();
    const std::string want_receipts = testing::receipts_bytes(want);
    for (const auto& r : want) (r.ok() ? ok : failed)++;
    for (size_t k = 0; k < kExecutors; ++k) {
      auto got = executors[k]->execute(states[k], block, sigs);
      ASSERT_EQ(testing::receipts_bytes(got), want_receipts)
          << "block " << b << " executor " << k << " threads " << thread_counts[k];
      ASSERT_EQ(states[k].commit_root(), want_root)
          << "block " << b << " executor " << k << " threads " << thread_counts[k];
    }
    // Every 3rd transaction sampled, each once.
    ASSERT_EQ(executors[1]->commit_latencies_us().size(), (block.size() + 2) / 3);
    if (b % 50 == 49 || b + 1 == sc.blocks) {
      const std::string dump = serial_state.canonical_dump();
      for (auto& s : states) ASSERT_EQ(s.canonical_dump(), dump) << "block " << b;
      ASSERT_EQ(serial_state.recompute_root_from_scratch(), want_root);
    }
  }
  // The workload must exercise both outcomes.
  EXPECT_GT(ok, sc.blocks);
  EXPECT_GT(failed, sc.blocks / 4);
  auto st = executors[2]->stats();
  std::printf(
      "[%s] ok %zu failed %zu | fast %llu consensus %llu privacy %llu demoted %llu "
      "fallbacks %llu | windows optimistic %llu serial %llu | mvcc commits %llu aborts "
      "%llu retries %llu gc %llu\n",
      sc.name, ok, failed, (unsigned long long)st.fast, (unsigned long long)st.consensus,
      (unsigned long long)st.privacy, (unsigned long long)st.demoted,
      (unsigned long long)st.fallbacks, (unsigned long long)st.optimistic_windows,
      (unsigned long long)st.serial_windows, (unsigned long long)st.mvcc.commits,
      (unsigned long long)st.mvcc.aborts, (unsigned long long)st.mvcc.retries,
      (unsigned long long)st.mvcc.versions_collected);
  std::printf(
      "[%s] round engine: %llu parallel re-execution rounds, %llu independent transactions "
      "committed in place | %llu committed early while routing, %llu of those undone\n",
      sc.name, (unsigned long long)st.reexecution_rounds, (unsigned long long)st.independent,
      (unsigned long long)st.early, (unsigned long long)st.early_undone);
  if (sc.expect_reexecution_rounds) {
    EXPECT_GT(st.reexecution_rounds, 0u);
  }
  if (sc.block.shared_fraction > 0) {
    EXPECT_GT(st.optimistic_windows, 0u);
  }
  if (sc.block.shared_fraction > 0 && sc.block.hot_objects == 0) {
    EXPECT_GT(st.independent, 0u);
  }
  if (sc.block.shared_fraction > 0 || sc.block.other_ops > 0) {
    EXPECT_GT(st.consensus, 0u);
  }
  if (sc.block.shared_fraction < 1.0) {
    EXPECT_GT(st.fast, 0u);
    // Early commits while routing, and the undoing of some of them (these
    // worlds have few accounts: senders and objects recur within a block and
    // across routing chunks, and fast senders meet other paths).
    EXPECT_GT(st.early, 0u);
    EXPECT_GT(st.early_undone, 0u);
  }
  if (sc.fallback) {
    EXPECT_GT(st.fallbacks, 0u);
  }
  if (sc.block.privacy > 0) {
    EXPECT_GT(st.privacy, 0u);
  }
}

BlockConfig cfg(double shared, size_t hot = 0, double privacy = 0, double other = 0.2) {
  BlockConfig c;
  c.shared_fraction = shared;
  c.hot_objects = hot;
  c.privacy = privacy;
  c.other_ops = other;
  return c;
}

TEST(Determinism, OwnedOnly) {
  run_scenario({"0% shared", cfg(0.0, 0, 0, 0), 200, 16, false}, 11);
}
TEST(Determinism, QuarterShared) {
  run_scenario({"25% shared", cfg(0.25), 200, 8, false}, 12);
}
TEST(Determinism, HalfSharedWithPrivacy) {
  run_scenario({"50% shared + privacy", cfg(0.5, 0, 0.1), 200, 16, false}, 13);
}
TEST(Determinism, AllShared) {
  run_scenario({"100% shared", cfg(1.0, 0, 0, 0), 200, 32, false}, 14);
}
TEST(Determinism, HotObjects) {
  run_scenario({"hot objects", cfg(0.8, 2), 200, 8, false}, 15);
}
TEST(Determinism, FastFallback) {
  run_scenario({"fallback", cfg(0.2, 0, 0.05), 200, 16, true}, 16);
}

// A large block through big windows: exercises speculation with many
// transactions in flight and the adaptive switch to serial windows.
TEST(Determinism, LargeHotBlocks) {
  BlockConfig c = cfg(1.0, 1, 0, 0);
  c.txs = 600;
  run_scenario({"large hot", c, 6, 128, false}, 17);
}

// Many accounts and shared objects, big windows: few conflicts per window, so
// the round engine re-executes the aborted transactions in parallel rounds.
TEST(Determinism, ManyAccountsBigWindows) {
  BlockConfig c = cfg(0.6, 0, 0, 0.1);
  c.txs = 300;
  WorldConfig world;
  world.accounts = 300;
  world.shared_objects = 300;
  run_scenario({"many accounts", c, 40, 256, false, world, true}, 18);
}

// Large blocks of mostly owned transfers over many accounts: every fast
// partition gets items from every routing chunk (the fast phase walks a
// partition's buckets as one sequence, prefetching across their ends), and
// the demotion set holds hundreds of keys spread over all of its shards.
TEST(Determinism, LargeMostlyOwnedBlocks) {
  BlockConfig c = cfg(0.1, 0, 0, 0.1);
  c.txs = 1000;
  WorldConfig world;
  world.accounts = 800;
  world.shared_objects = 200;
  run_scenario({"large mostly owned", c, 8, 64, false, world}, 19);
}

}  // namespace
}  // namespace supervm::vm
