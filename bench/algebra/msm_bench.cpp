// MSM benchmarks: <curve>/g1_msm/<n>, <curve>/g2_msm/<n>, one TBB thread
// (tbb::global_control max_allowed_parallelism = 1), plus bls12_381/g1_msm/65536/threads:2
// and bn254/g1_msm/65536/threads:2 with two TBB threads.
// Tuning switches (bench only; MsmOptions fields): SUPERVM_MSM_WINDOW, SUPERVM_MSM_BATCH,
// SUPERVM_MSM_TASK_BUCKETS.
// Inputs are made cheaply: bases G0 + i*G (one addition each, one batch inversion), random
// scalars from a fixed seed; they are built once per group and size and reused.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "algebra/bls12_381/g1.h"
#include "algebra/bls12_381/g2.h"
#include "algebra/bn254/g1.h"
#include "algebra/bn254/g2.h"
#include "algebra/curve/msm.h"

namespace {

using namespace supervm::algebra;

template <class J>
struct MsmInput {
  std::vector<typename J::AffineT> bases;
  std::vector<typename J::Scalar> scalars;
};

template <class J>
const MsmInput<J>& input(size_t n) {
  static std::map<size_t, MsmInput<J>> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  std::mt19937_64 rng(7);
  MsmInput<J> in;
  std::vector<J> pts(n);
  J g = J::random(rng);
  const J step = J::generator();
  for (size_t i = 0; i < n; ++i) {
    g = g + step;
    pts[i] = g;
  }
  in.bases.resize(n);
  batch_to_affine(pts, in.bases);
  for (size_t i = 0; i < n; ++i) in.scalars.push_back(J::Scalar::random(rng));
  return cache.emplace(n, std::move(in)).first->second;
}

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::atoi(v) : fallback;
}

curve::MsmOptions bench_options() {
  curve::MsmOptions o;
  o.window = env_int("SUPERVM_MSM_WINDOW", 0);
  o.batch_affine = env_int("SUPERVM_MSM_BATCH", -1);
  o.task_buckets = env_int("SUPERVM_MSM_TASK_BUCKETS", 0);
  return o;
}

template <class J>
void bm_msm(benchmark::State& st, size_t n, int threads, int window = 0) {
  const auto& in = input<J>(n);
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, threads);
  curve::MsmOptions opt = bench_options();
  if (window > 0) opt.window = window;
  for (auto _ : st) benchmark::DoNotOptimize(curve::msm(in.bases, in.scalars, opt));
  st.SetItemsProcessed(int64_t(st.iterations()) * int64_t(n));
}

template <class J>
void reg(const std::string& name, size_t n, int threads = 1) {
  std::string full = name + "/" + std::to_string(n) + (threads > 1 ? "/threads:2" : "");
  benchmark::RegisterBenchmark(full.c_str(), [n, threads](benchmark::State& st) {
    bm_msm<J>(st, n, threads);
  })->Unit(benchmark::kMillisecond);
}

// SUPERVM_MSM_TUNE=<n> registers tune/<curve>/g1_msm/<n>/c:<c> for c = 10..16 (or
// SUPERVM_MSM_TUNE_CMIN..CMAX), so that window widths can be compared in one process
// (--benchmark_enable_random_interleaving) on a loaded machine.
void register_tuning() {
  const size_t n = size_t(env_int("SUPERVM_MSM_TUNE", 65536));
  for (int c = env_int("SUPERVM_MSM_TUNE_CMIN", 10); c <= env_int("SUPERVM_MSM_TUNE_CMAX", 16);
       ++c) {
    const std::string suffix = "/" + std::to_string(n) + "/c:" + std::to_string(c);
    benchmark::RegisterBenchmark(
        ("tune/bls12_381/g1_msm" + suffix).c_str(),
        [n, c](benchmark::State& st) { bm_msm<bls12_381::G1>(st, n, 1, c); })
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("tune/bn254/g1_msm" + suffix).c_str(), [n,
                                                                          c](benchmark::State& st) {
      bm_msm<bn254::G1>(st, n, 1, c);
    })->Unit(benchmark::kMillisecond);
  }
}

int registered = [] {
  for (size_t n : {size_t{1024}, size_t{4096}, size_t{65536}}) {
    reg<bls12_381::G1>("bls12_381/g1_msm", n);
    reg<bn254::G1>("bn254/g1_msm", n);
  }
  reg<bls12_381::G1>("bls12_381/g1_msm", 65536, 2);
  reg<bn254::G1>("bn254/g1_msm", 65536, 2);
  if (std::getenv("SUPERVM_MSM_TUNE") != nullptr) register_tuning();
  for (size_t n : {size_t{1024}, size_t{4096}}) {
    reg<bls12_381::G2>("bls12_381/g2_msm", n);
    reg<bn254::G2>("bn254/g2_msm", n);
  }
  return 0;
}();

}  // namespace
