// Groth16 benchmarks: proving (built-in chain circuit and the snarkjs merkle20 .zkey of the shared
// test vectors), single verification (3 public inputs), batch verification of 256 proofs and
// bisection finding 1 bad proof among 256. Run with
//   bench_zk --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "util/file.h"
#include "util/random.h"
#include "zk/circuit/builtin.h"
#include "zk/formats/binary.h"
#include "zk/formats/circom_r1cs.h"
#include "zk/formats/circom_wtns.h"
#include "zk/formats/snarkjs_zkey.h"
#include "zk/groth16/batch_verifier.h"
#include "zk/groth16/prover.h"
#include "zk/groth16/setup.h"

namespace supervm::zk {
namespace {

// The shared test vectors live beside the checkout (../shared); SUPERVM_SHARED_DIR overrides.
std::string shared_dir() {
  const char* env = std::getenv("SUPERVM_SHARED_DIR");
  return env ? env : (std::filesystem::path(__FILE__).parent_path() / "../../../shared").string();
}

// User + system CPU time of the whole process (all threads).
double process_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto sec = [](const timeval& t) { return double(t.tv_sec) + 1e-6 * double(t.tv_usec); };
  return sec(u.ru_utime) + sec(u.ru_stime);
}

template <class E>
struct ChainSetup {
  CircuitInstance<typename E::Fr> inst;
  ProvingKey<E> pk;
  PreparedVerifyingKey<E> pvk;
};

// Keys are made once per (curve, k, p) and kept for the whole run.
template <class E>
const ChainSetup<E>& chain_setup(size_t k, size_t p) {
  static std::map<std::pair<size_t, size_t>, std::unique_ptr<ChainSetup<E>>> cache;
  auto& slot = cache[{k, p}];
  if (!slot) {
    slot = std::make_unique<ChainSetup<E>>();
    slot->inst = build_builtin_circuit<typename E::Fr>(
        "chain", {{"k", std::to_string(k)}, {"p", std::to_string(p)}});
    auto rng = util::RandomSource::deterministic(42);
    slot->pk = generate_keys<E>(slot->inst.r1cs, rng);
    slot->pvk = prepare_verifying_key(slot->pk.vk);
  }
  return *slot;
}

template <class E>
void BM_Prove(benchmark::State& state, size_t constraints) {
  const auto& s = chain_setup<E>(constraints, 1);
  auto rng = util::RandomSource::system();
  for (auto _ : state) {
    auto proof = prove(s.pk, std::span<const typename E::Fr>(s.inst.witness), rng);
    benchmark::DoNotOptimize(proof);
  }
  state.SetItemsProcessed(state.iterations());
}

// merkle20 (11,353 constraints) from the snarkjs test vectors: .zkey + .wtns, as `supervm prove
// --zkey` does (key parsed once; the proof self-check against the vk is included).
template <class E>
void BM_ProveZkey(benchmark::State& state, const std::string& dir) {
  const std::string base = shared_dir() + "/testvectors/snarkjs/" + dir;
  if (!std::filesystem::exists(base + "/merkle20_final.zkey")) {
    state.SkipWithError("test vectors not found");
    return;
  }
  static auto pk = formats::read_zkey<E>(util::read_file(base + "/merkle20_final.zkey"), "zkey");
  static auto w = formats::read_wtns<typename E::Fr>(
      util::read_file(base + "/proofs/valid_01/witness.wtns"), "wtns");
  static auto pvk = prepare_verifying_key(pk.vk);
  ProveOptions<E> opt;
  opt.pvk = &pvk;
  auto rng = util::RandomSource::system();
  for (auto _ : state) {
    auto proof = prove(pk, std::span<const typename E::Fr>(w), rng, opt);
    benchmark::DoNotOptimize(proof);
  }
  state.SetItemsProcessed(state.iterations());
}

// Loading the merkle20 proving key as `supervm prove --pk` does (memory-mapped supervm binary
// key from `supervm setup --r1cs`, so with the C matrix). The key is made once per run from the
// test vectors' .r1cs with a fixed seed and written to a temporary file; the page cache keeps
// it warm, as for a key used repeatedly.
template <class E>
void BM_PkLoad(benchmark::State& state, const std::string& dir) {
  const std::string base = shared_dir() + "/testvectors/snarkjs/" + dir;
  if (!std::filesystem::exists(base + "/merkle20.r1cs")) {
    state.SkipWithError("test vectors not found");
    return;
  }
  struct TempFile {  // removed at exit
    std::string path;
    ~TempFile() { std::filesystem::remove(path); }
  };
  static const TempFile file = [&] {
    auto r1cs =
        formats::read_r1cs<typename E::Fr>(util::read_file(base + "/merkle20.r1cs"), "r1cs");
    auto rng = util::RandomSource::deterministic(7);
    const auto bytes = formats::write_pk_bin(generate_keys<E>(r1cs, rng));
    const auto tmp = std::filesystem::temp_directory_path() /
                     ("supervm_bench_merkle20_" + std::string(E::kName) + "_" +
                      std::to_string(::getpid()) + ".pk");
    util::write_file_atomic(tmp.string(), bytes);
    return TempFile{tmp.string()};
  }();
  // The loader runs on TBB threads: report their CPU time too (the CPU column is the main
  // thread's), since on a loaded machine the wall time follows the total work.
  const double cpu0 = process_cpu_seconds();
  for (auto _ : state) {
    auto pk = formats::load_pk_file<E>(file.path);
    benchmark::DoNotOptimize(pk);
  }
  state.counters["process_cpu_ms"] =
      1e3 * (process_cpu_seconds() - cpu0) / static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations());
}

// n proofs of the chain circuit with 3 public inputs (32 distinct statements, repeated).
template <class E>
struct ProofSet {
  std::vector<Proof<E>> proofs;
  std::vector<std::vector<typename E::Fr>> inputs;
};

template <class E>
const ProofSet<E>& proof_set() {
  static ProofSet<E> set = [] {
    ProofSet<E> out;
    const auto& s = chain_setup<E>(4, 3);
    auto rng = util::RandomSource::deterministic(43);
    for (uint64_t i = 0; i < 32; ++i) {
      auto inst = build_builtin_circuit<typename E::Fr>("chain", {{"k", "4"}, {"p", "3"}},
                                                        {{"x", E::Fr::from_u64(100 + i)}});
      out.proofs.push_back(prove(s.pk, std::span<const typename E::Fr>(inst.witness), rng));
      out.inputs.push_back(inst.public_inputs());
    }
    return out;
  }();
  return set;
}

template <class E>
void BM_Verify(benchmark::State& state, PointCheck check) {
  const auto& s = chain_setup<E>(4, 3);
  const auto& set = proof_set<E>();
  size_t i = 0;
  for (auto _ : state) {
    auto r = verify(s.pvk, set.proofs[i % 32], std::span<const typename E::Fr>(set.inputs[i % 32]),
                    check);
    if (!r.valid) state.SkipWithError("proof rejected");
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}

// The verification equation as it was computed before the verifying key stored normalized
// lines (zk/groth16/fixed_lines.h): generic prepared -gamma, -delta and the library's
// multi-Miller loop. Kept so the two can be compared in one run (bench/README).
template <class E>
void BM_VerifyGenericLines(benchmark::State& state) {
  using Ops = PairingOps<E>;
  using Fr = typename E::Fr;
  const auto& s = chain_setup<E>(4, 3);
  const auto& set = proof_set<E>();
  static const auto neg_gamma = Ops::prepare(-s.pk.vk.gamma_g2);
  static const auto neg_delta = Ops::prepare(-s.pk.vk.delta_g2);
  size_t i = 0;
  std::vector<Fr> scalars(s.pvk.num_public() + 1, Fr::one());
  for (auto _ : state) {
    const auto& proof = set.proofs[i % 32];
    const auto& x = set.inputs[i % 32];
    std::copy(x.begin(), x.end(), scalars.begin() + 1);
    const auto b = Ops::prepare(proof.b);
    const std::array<typename E::G1Affine, 3> ps{proof.a, s.pvk.ic_combination(scalars).to_affine(),
                                                 proof.c};
    const std::array<const typename Ops::G2Prepared*, 3> qs{&b, &neg_gamma, &neg_delta};
    if (Ops::final_exponentiation(Ops::multi_miller_loop(ps, qs)) != s.pvk.alpha_beta)
      state.SkipWithError("proof rejected");
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}

template <class E>
void BM_BatchVerify(benchmark::State& state, size_t n, size_t bad, PointCheck check) {
  const auto& s = chain_setup<E>(4, 3);
  const auto& set = proof_set<E>();
  std::vector<Proof<E>> proofs(n);
  std::vector<BatchItem<E>> items(n);
  for (size_t i = 0; i < n; ++i) proofs[i] = set.proofs[i % 32];
  for (size_t i = 0; i < bad; ++i) {  // spread the bad ones: C + G
    auto& p = proofs[(i * 97 + n / 3) % n];
    p.c = (typename E::G1(p.c) + E::G1::generator()).to_affine();
  }
  for (size_t i = 0; i < n; ++i)
    items[i] = {&proofs[i], std::span<const typename E::Fr>(set.inputs[i % 32])};
  auto rng = util::RandomSource::system();
  BatchOptions opt;
  opt.point_check = check;  // kSkip: the parsers validate points (the CLI path)
  const double cpu0 = process_cpu_seconds();
  for (auto _ : state) {
    auto v = verify_batch(s.pvk, std::span<const BatchItem<E>>(items), rng, opt);
    size_t invalid = 0;
    for (const auto& r : v) invalid += !r.valid;
    if (invalid != bad) state.SkipWithError("wrong verdicts");
  }
  // All threads (the CPU column is the main thread's only).
  state.counters["process_cpu_ms"] =
      1e3 * (process_cpu_seconds() - cpu0) / static_cast<double>(state.iterations());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}

void register_all() {
  using benchmark::kMicrosecond;
  using benchmark::kMillisecond;
  for (size_t k : {size_t{1024}, size_t{11353}}) {
    benchmark::RegisterBenchmark(("bn254/groth16_prove/" + std::to_string(k)).c_str(),
                                 BM_Prove<Bn254Engine>, k)
        ->Unit(kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("bls12_381/groth16_prove/" + std::to_string(k)).c_str(),
                                 BM_Prove<Bls12_381Engine>, k)
        ->Unit(kMillisecond)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("bn254/groth16_prove_zkey/merkle20", BM_ProveZkey<Bn254Engine>,
                               std::string("bn128/merkle20"))
      ->Unit(kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("bls12_381/groth16_prove_zkey/merkle20",
                               BM_ProveZkey<Bls12_381Engine>, std::string("bls12381/merkle20"))
      ->Unit(kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("bn254/groth16_pk_load/merkle20", BM_PkLoad<Bn254Engine>,
                               std::string("bn128/merkle20"))
      ->Unit(kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("bls12_381/groth16_pk_load/merkle20", BM_PkLoad<Bls12_381Engine>,
                               std::string("bls12381/merkle20"))
      ->Unit(kMillisecond)
      ->UseRealTime();
  const auto skip = PointCheck::kSkip, full = PointCheck::kFull;
  benchmark::RegisterBenchmark("bls12_381/groth16_verify", BM_Verify<Bls12_381Engine>, skip)
      ->Unit(kMicrosecond);
  benchmark::RegisterBenchmark("bn254/groth16_verify", BM_Verify<Bn254Engine>, skip)
      ->Unit(kMicrosecond);
  benchmark::RegisterBenchmark("bls12_381/groth16_verify_generic_lines",
                               BM_VerifyGenericLines<Bls12_381Engine>)
      ->Unit(kMicrosecond);
  benchmark::RegisterBenchmark("bn254/groth16_verify_generic_lines",
                               BM_VerifyGenericLines<Bn254Engine>)
      ->Unit(kMicrosecond);
  benchmark::RegisterBenchmark("bls12_381/groth16_verify_point_checks", BM_Verify<Bls12_381Engine>,
                               full)
      ->Unit(kMicrosecond);
  benchmark::RegisterBenchmark("bn254/groth16_verify_point_checks", BM_Verify<Bn254Engine>, full)
      ->Unit(kMicrosecond);
  struct Batch {
    const char* suffix;
    size_t bad;
    PointCheck check;
  };
  for (const Batch& b : {Batch{"groth16_batch_verify/256", 0, skip},
                         Batch{"groth16_batch_verify_bisect_1bad/256", 1, skip},
                         Batch{"groth16_batch_verify_point_checks/256", 0, full}}) {
    benchmark::RegisterBenchmark((std::string("bls12_381/") + b.suffix).c_str(),
                                 BM_BatchVerify<Bls12_381Engine>, size_t{256}, b.bad, b.check)
        ->Unit(kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark((std::string("bn254/") + b.suffix).c_str(),
                                 BM_BatchVerify<Bn254Engine>, size_t{256}, b.bad, b.check)
        ->Unit(kMillisecond)
        ->UseRealTime();
  }
}

const bool registered = (register_all(), true);

}  // namespace
}  // namespace supervm::zk
