// Field arithmetic micro-benchmarks, named <curve>/<operation>. Each loop is a
// dependent chain (the next input is the previous output) so the compiler can
// neither hoist nor overlap the work; ns/iteration is the latency of one op.
#include <benchmark/benchmark.h>

#include <random>

#include "algebra/bls12_381/fields.h"
#include "algebra/bn254/fields.h"
#include "algebra/field/cpu.h"

namespace supervm::algebra {
namespace {

template <class F>
void mul(benchmark::State& s) {
  std::mt19937_64 rng(1);
  F x = F::random(rng), y = F::random(rng);
  for (auto _ : s) {
    x = x * y;
    benchmark::DoNotOptimize(x);
  }
}

// Bench-only: the same product with the chained value as the RIGHT factor
// (x = y * x). mul_limbs feeds its left factor to the x86 kernel row by row
// (RDX); this shows the latency when the late operand is the other one.
template <class F>
void mul_rchain(benchmark::State& s) {
  std::mt19937_64 rng(1);
  F x = F::random(rng), y = F::random(rng);
  for (auto _ : s) {
    x = y * x;
    benchmark::DoNotOptimize(x);
  }
}

template <class F>
void mul_portable(benchmark::State& s) {
  bool saved = field::g_use_adx;
  field::g_use_adx = false;
  mul<F>(s);
  field::g_use_adx = saved;
}

template <class F>
void square(benchmark::State& s) {
  std::mt19937_64 rng(2);
  F x = F::random(rng);
  for (auto _ : s) {
    x = x.square();
    benchmark::DoNotOptimize(x);
  }
}

template <class F>
void add(benchmark::State& s) {
  std::mt19937_64 rng(3);
  F x = F::random(rng), y = F::random(rng);
  for (auto _ : s) {
    x = x + y;
    benchmark::DoNotOptimize(x);
  }
}

template <class F>
void sub(benchmark::State& s) {
  std::mt19937_64 rng(4);
  F x = F::random(rng), y = F::random(rng);
  for (auto _ : s) {
    x = x - y;
    benchmark::DoNotOptimize(x);
  }
}

template <class F>
void inverse(benchmark::State& s) {
  std::mt19937_64 rng(5);
  F x = F::random(rng);
  for (auto _ : s) {
    x = x.inverse() + F::one();
    benchmark::DoNotOptimize(x);
  }
}

template <class F>
void inverse_vartime(benchmark::State& s) {
  std::mt19937_64 rng(6);
  F x = F::random(rng);
  for (auto _ : s) {
    x = x.inverse_vartime() + F::one();
    benchmark::DoNotOptimize(x);
  }
}

template <class F>
void sqrt(benchmark::State& s) {
  std::mt19937_64 rng(7);
  F x = F::random(rng).square();
  for (auto _ : s) {
    auto r = x.sqrt();
    benchmark::DoNotOptimize(r);
    x = r->square() + r->square().square();  // next input, still a random-looking square
    x = x.square();
  }
}

template <class F>
void legendre(benchmark::State& s) {
  std::mt19937_64 rng(8);
  F x = F::random(rng);
  for (auto _ : s) {
    int l = x.legendre();
    benchmark::DoNotOptimize(l);
    x = x + F::from_u64(uint64_t(l + 2));
  }
}

template <class F>
void batch_inverse(benchmark::State& s) {
  std::mt19937_64 rng(9);
  std::vector<F> v(size_t(s.range(0)));
  for (auto& x : v) x = F::random(rng);
  for (auto _ : s) {
    F::batch_inverse(v);
    benchmark::DoNotOptimize(v.data());
  }
  s.SetItemsProcessed(int64_t(s.iterations()) * s.range(0));
}

template <class F>
void register_prime_field(const std::string& prefix) {
  benchmark::RegisterBenchmark((prefix + "_mul").c_str(), mul<F>);
  benchmark::RegisterBenchmark((prefix + "_mul_rchain").c_str(), mul_rchain<F>);
  benchmark::RegisterBenchmark((prefix + "_mul_portable").c_str(), mul_portable<F>);
  benchmark::RegisterBenchmark((prefix + "_square").c_str(), square<F>);
  benchmark::RegisterBenchmark((prefix + "_add").c_str(), add<F>);
  benchmark::RegisterBenchmark((prefix + "_sub").c_str(), sub<F>);
  benchmark::RegisterBenchmark((prefix + "_inverse").c_str(), inverse<F>);
  benchmark::RegisterBenchmark((prefix + "_inverse_vartime").c_str(), inverse_vartime<F>);
  benchmark::RegisterBenchmark((prefix + "_sqrt").c_str(), sqrt<F>);
  benchmark::RegisterBenchmark((prefix + "_legendre").c_str(), legendre<F>);
  benchmark::RegisterBenchmark((prefix + "_batch_inverse").c_str(), batch_inverse<F>)->Arg(1024);
}

template <class F2>
void register_fp2(const std::string& prefix) {
  benchmark::RegisterBenchmark((prefix + "_mul").c_str(), mul<F2>);
  benchmark::RegisterBenchmark((prefix + "_square").c_str(), square<F2>);
  benchmark::RegisterBenchmark((prefix + "_add").c_str(), add<F2>);
  benchmark::RegisterBenchmark((prefix + "_inverse").c_str(), inverse<F2>);
  benchmark::RegisterBenchmark((prefix + "_sqrt").c_str(), sqrt<F2>);
}

const bool registered = [] {
  register_prime_field<bls12_381::Fp>("bls12_381/fp");
  register_prime_field<bls12_381::Fr>("bls12_381/fr");
  register_fp2<bls12_381::Fp2>("bls12_381/fp2");
  register_prime_field<bn254::Fp>("bn254/fp");
  register_prime_field<bn254::Fr>("bn254/fr");
  register_fp2<bn254::Fp2>("bn254/fp2");
  return true;
}();

}  // namespace
}  // namespace supervm::algebra
