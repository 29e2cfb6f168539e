// FFT benchmarks over Fr, named <curve>/fr_fft/<size> (one thread, as the
// targets are stated) and <curve>/fr_fft_parallel/<size> (all cores).
#include <benchmark/benchmark.h>
#include <oneapi/tbb/global_control.h>

#include <memory>
#include <random>
#include <vector>

#include "algebra/bls12_381/fields.h"
#include "algebra/bn254/fields.h"
#include "algebra/field/fft.h"

namespace supervm::algebra {
namespace {

enum class Op { kFft, kIfft, kCosetFft, kCosetIfft };

template <class F, Op op>
void transform(benchmark::State& s, size_t n, bool single_thread) {
  std::unique_ptr<tbb::global_control> limit;
  if (single_thread) {
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, 1);
  }
  EvaluationDomain<F> d(n);
  std::mt19937_64 rng(1);
  std::vector<F> v(n);
  for (auto& x : v) x = F::random(rng);
  for (auto _ : s) {
    switch (op) {  // the output of one run is the input of the next
      case Op::kFft:
        d.fft(v);
        break;
      case Op::kIfft:
        d.ifft(v);
        break;
      case Op::kCosetFft:
        d.coset_fft(v);
        break;
      case Op::kCosetIfft:
        d.coset_ifft(v);
        break;
    }
    benchmark::DoNotOptimize(v.data());
    benchmark::ClobberMemory();
  }
  s.SetItemsProcessed(int64_t(s.iterations() * n));
}

template <class F>
void register_curve(const std::string& curve) {
  for (int64_t n : {int64_t(1) << 10, int64_t(1) << 16, int64_t(1) << 20}) {
    std::string size = "/" + std::to_string(n);
    // Single-threaded runs report CPU time (robust on a shared machine); the
    // parallel one wall time (its name gets Google Benchmark's /real_time suffix).
    auto reg = [&](const std::string& name, void (*fn)(benchmark::State&, size_t, bool),
                   bool single) {
      auto* b = benchmark::RegisterBenchmark(
          (curve + name + size).c_str(),
          [fn, n, single](benchmark::State& s) { fn(s, size_t(n), single); });
      b->Unit(benchmark::kMillisecond);
      if (!single) b->UseRealTime();
    };
    reg("/fr_fft", transform<F, Op::kFft>, true);
    reg("/fr_ifft", transform<F, Op::kIfft>, true);
    reg("/fr_coset_fft", transform<F, Op::kCosetFft>, true);
    reg("/fr_fft_parallel", transform<F, Op::kFft>, false);
  }
}

const bool registered = [] {
  register_curve<bls12_381::Fr>("bls12_381");
  register_curve<bn254::Fr>("bn254");
  return true;
}();

}  // namespace
}  // namespace supervm::algebra
