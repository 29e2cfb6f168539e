// Batch verification: verdicts equal one-by-one verification over random mixtures of valid,
// invalid and malformed proofs; bisection finds exactly the bad ones within O(k log n) checks.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "util/random.h"
#include "zk/circuit/builtin.h"
#include "zk/groth16/batch_verifier.h"
#include "zk/groth16/prover.h"
#include "zk/groth16/setup.h"

namespace supervm::zk {
namespace {

template <class E>
class BatchTest : public ::testing::Test {
 protected:
  using Fr = typename E::Fr;
  struct Statement {
    Proof<E> proof;
    std::vector<Fr> inputs;
  };

  // A chain circuit with 2 public inputs and a pool of valid proofs for different x.
  static void SetUpTestSuite() {
    auto rng = util::RandomSource::deterministic(2024);
    auto shape = build_builtin_circuit<Fr>("chain", {{"k", "3"}, {"p", "2"}});
    pk_ = new ProvingKey<E>(generate_keys<E>(shape.r1cs, rng));
    pvk_ = new PreparedVerifyingKey<E>(prepare_verifying_key(pk_->vk));
    pool_ = new std::vector<Statement>;
    for (uint64_t i = 0; i < 10; ++i) {
      auto inst = build_builtin_circuit<Fr>("chain", {{"k", "3"}, {"p", "2"}},
                                            {{"x", Fr::from_u64(1000 + 17 * i)}});
      pool_->push_back({prove(*pk_, std::span<const Fr>(inst.witness), rng), inst.public_inputs()});
    }
  }
  static void TearDownTestSuite() {
    delete pk_;
    delete pvk_;
    delete pool_;
  }

  // Mutation kinds: 0 valid, 1 C + G, 2 wrong input, 3 A from another statement,
  // 4 wrong input count (malformed), 5 B off the subgroup (malformed), 6 B negated.
  static Statement mutate(const Statement& s, int kind, std::mt19937_64& rng) {
    Statement t = s;
    switch (kind) {
      case 1:
        t.proof.c = (typename E::G1(t.proof.c) + E::G1::generator()).to_affine();
        break;
      case 2:
        t.inputs[rng() % t.inputs.size()] += Fr::one();
        break;
      case 3: {
        const auto& other = (*pool_)[rng() % pool_->size()];
        if (other.proof.a == t.proof.a)
          t.proof.a = -t.proof.a;
        else
          t.proof.a = other.proof.a;
        break;
      }
      case 4:
        t.inputs.pop_back();
        break;
      case 5: {
        typename E::G2Affine q;
        do q = E::G2Affine::random_on_curve(rng);
        while (q.is_in_subgroup());
        t.proof.b = q;
        break;
      }
      case 6:
        t.proof.b = -t.proof.b;
        break;
      default:
        break;
    }
    return t;
  }

  static std::vector<BatchItem<E>> items_of(const std::vector<Statement>& v) {
    std::vector<BatchItem<E>> items;
    for (const auto& s : v) items.push_back({&s.proof, std::span<const Fr>(s.inputs)});
    return items;
  }

  static inline ProvingKey<E>* pk_ = nullptr;
  static inline PreparedVerifyingKey<E>* pvk_ = nullptr;
  static inline std::vector<Statement>* pool_ = nullptr;
};

using Engines = ::testing::Types<Bls12_381Engine, Bn254Engine>;
TYPED_TEST_SUITE(BatchTest, Engines);

TYPED_TEST(BatchTest, VerdictsEqualOneByOne) {
  using E = TypeParam;
  using Fr = typename E::Fr;
  std::mt19937_64 rng(0xBA7C4);
  auto coins = util::RandomSource::deterministic(77);
  const double bad_rates[] = {0.0, 0.05, 0.3, 1.0};
  for (int round = 0; round < 10; ++round) {
    const size_t n = 1 + rng() % 36;
    const double bad_rate = bad_rates[round % 4];
    std::vector<typename TestFixture::Statement> batch;
    for (size_t i = 0; i < n; ++i) {
      const auto& base = (*this->pool_)[rng() % this->pool_->size()];
      const bool bad = std::uniform_real_distribution<double>(0, 1)(rng) < bad_rate;
      batch.push_back(this->mutate(base, bad ? 1 + static_cast<int>(rng() % 6) : 0, rng));
    }
    auto items = this->items_of(batch);
    BatchOptions opt;
    opt.group_size = std::vector<size_t>{0, 1, 3, 16}[round % 4];
    BatchStats stats;
    auto got = verify_batch(*this->pvk_, std::span<const BatchItem<E>>(items), coins, opt, &stats);
    ASSERT_EQ(got.size(), n);
    size_t malformed = 0;
    for (size_t i = 0; i < n; ++i) {
      auto want = verify(*this->pvk_, batch[i].proof, std::span<const Fr>(batch[i].inputs));
      EXPECT_EQ(got[i].valid, want.valid) << "round " << round << " item " << i;
      EXPECT_EQ(got[i].error, want.error) << "round " << round << " item " << i;
      malformed += want.error.find("pairing") == std::string::npos && !want.valid;
    }
    EXPECT_EQ(stats.malformed, malformed);
  }
}

TYPED_TEST(BatchTest, AllValidCostsOneCheck) {
  using E = TypeParam;
  std::vector<typename TestFixture::Statement> batch;
  for (int rep = 0; rep < 3; ++rep)
    batch.insert(batch.end(), this->pool_->begin(), this->pool_->end());
  auto items = this->items_of(batch);
  auto coins = util::RandomSource::deterministic(78);
  BatchStats stats;
  auto got = verify_batch(*this->pvk_, std::span<const BatchItem<E>>(items), coins, {}, &stats);
  for (const auto& v : got) EXPECT_TRUE(v.valid) << v.error;
  EXPECT_EQ(stats.batch_checks, 1u);
  EXPECT_EQ(stats.single_miller_loops, 0u);
  EXPECT_TRUE(verify_batch(*this->pvk_, std::span<const BatchItem<E>>(), coins).empty());
}

// k bad proofs at random positions among n: exactly those are reported, within
// 1 + 2k(log2(groups) + log2(group size) + 1) equation checks.
TYPED_TEST(BatchTest, BisectionFindsExactlyTheBadOnes) {
  using E = TypeParam;
  std::mt19937_64 rng(0xB15EC7);
  auto coins = util::RandomSource::deterministic(79);
  const size_t n = 64, group = 4;
  for (size_t k : {1u, 2u, 5u}) {
    std::vector<typename TestFixture::Statement> batch;
    for (size_t i = 0; i < n; ++i) batch.push_back((*this->pool_)[i % this->pool_->size()]);
    std::set<size_t> bad;
    while (bad.size() < k) bad.insert(rng() % n);
    for (size_t i : bad) batch[i] = this->mutate(batch[i], 1 + static_cast<int>(rng() % 3), rng);
    auto items = this->items_of(batch);
    BatchOptions opt;
    opt.group_size = group;
    BatchStats stats;
    auto got = verify_batch(*this->pvk_, std::span<const BatchItem<E>>(items), coins, opt, &stats);
    for (size_t i = 0; i < n; ++i)
      EXPECT_EQ(got[i].valid, !bad.count(i)) << "k=" << k << " i=" << i;
    const size_t bound = 1 + 2 * k * (4 /*log2 16 groups*/ + 2 /*log2 4*/ + 1);
    EXPECT_LE(stats.batch_checks, bound) << "k=" << k;
    EXPECT_LE(stats.single_miller_loops, k * group);
    if (k == 1) {
      // One bad proof: the full check, then at most two per level on the way down (the left
      // half is checked; the right half only when the left one failed too).
      EXPECT_LE(stats.batch_checks, 1u + 2u * (4u + 2u));
      EXPECT_EQ(stats.single_miller_loops, group);
    }
  }
}

}  // namespace
}  // namespace supervm::zk
