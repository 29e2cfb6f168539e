// Curve benchmarks: <curve>/g1_add, g1_add_mixed, g1_dbl, g1_scalar_mul, g2_add, g2_scalar_mul,
// g1_subgroup_check, g2_subgroup_check, g1_decompress, g2_decompress, g1_fixed_base_mul.
// Single thread.
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "algebra/bls12_381/serialize.h"
#include "algebra/bn254/serialize.h"
#include "algebra/curve/fixed_base.h"

namespace {

using namespace supervm::algebra;

template <class J>
void bm_add(benchmark::State& st) {
  std::mt19937_64 rng(1);
  J a = J::random(rng), b = J::random(rng);
  for (auto _ : st) {
    a = a + b;
    benchmark::DoNotOptimize(a);
  }
}

template <class J>
void bm_add_mixed(benchmark::State& st) {
  std::mt19937_64 rng(1);
  J a = J::random(rng);
  auto b = J::random(rng).to_affine();
  for (auto _ : st) {
    a = a.add_mixed(b);
    benchmark::DoNotOptimize(a);
  }
}

template <class J>
void bm_dbl(benchmark::State& st) {
  std::mt19937_64 rng(1);
  J a = J::random(rng);
  for (auto _ : st) {
    a = a.dbl();
    benchmark::DoNotOptimize(a);
  }
}

template <class J>
void bm_scalar_mul(benchmark::State& st) {
  std::mt19937_64 rng(1);
  J a = J::random(rng);
  auto k = J::Scalar::random(rng);
  for (auto _ : st) benchmark::DoNotOptimize(a * k);
}

template <class J>
void bm_subgroup(benchmark::State& st) {
  std::mt19937_64 rng(1);
  auto a = J::random(rng).to_affine();
  for (auto _ : st) benchmark::DoNotOptimize(a.is_in_subgroup());
}

template <class J>
void bm_fixed_base(benchmark::State& st) {
  std::mt19937_64 rng(1);
  curve::FixedBaseTable table(J::random(rng));
  auto k = J::Scalar::random(rng);
  for (auto _ : st) benchmark::DoNotOptimize(table.mul(k));
}

template <class J, class Enc, class Dec>
void bm_decompress(benchmark::State& st, Enc enc, Dec dec) {
  std::mt19937_64 rng(1);
  auto bytes = enc(J::random(rng).to_affine());
  for (auto _ : st) benchmark::DoNotOptimize(dec(bytes, curve::Validation::kFull));
}

template <class G1, class G2>
void register_curve(const std::string& c) {
  auto us = benchmark::kMicrosecond;
  benchmark::RegisterBenchmark((c + "/g1_add").c_str(), bm_add<G1>);
  benchmark::RegisterBenchmark((c + "/g1_add_mixed").c_str(), bm_add_mixed<G1>);
  benchmark::RegisterBenchmark((c + "/g1_dbl").c_str(), bm_dbl<G1>);
  benchmark::RegisterBenchmark((c + "/g2_add").c_str(), bm_add<G2>);
  benchmark::RegisterBenchmark((c + "/g1_scalar_mul").c_str(), bm_scalar_mul<G1>)->Unit(us);
  benchmark::RegisterBenchmark((c + "/g2_scalar_mul").c_str(), bm_scalar_mul<G2>)->Unit(us);
  benchmark::RegisterBenchmark((c + "/g1_subgroup_check").c_str(), bm_subgroup<G1>)->Unit(us);
  benchmark::RegisterBenchmark((c + "/g2_subgroup_check").c_str(), bm_subgroup<G2>)->Unit(us);
  benchmark::RegisterBenchmark((c + "/g1_fixed_base_mul").c_str(), bm_fixed_base<G1>)->Unit(us);
}

int reg = [] {
  register_curve<bls12_381::G1, bls12_381::G2>("bls12_381");
  register_curve<bn254::G1, bn254::G2>("bn254");
  auto us = benchmark::kMicrosecond;
  benchmark::RegisterBenchmark("bls12_381/g1_decompress", [](benchmark::State& st) {
    bm_decompress<bls12_381::G1>(st, bls12_381::g1_encode_compressed,
                                 bls12_381::g1_decode_compressed);
  })->Unit(us);
  benchmark::RegisterBenchmark("bls12_381/g2_decompress", [](benchmark::State& st) {
    bm_decompress<bls12_381::G2>(st, bls12_381::g2_encode_compressed,
                                 bls12_381::g2_decode_compressed);
  })->Unit(us);
  benchmark::RegisterBenchmark("bn254/g1_decompress", [](benchmark::State& st) {
    bm_decompress<bn254::G1>(st, bn254::g1_encode_compressed, bn254::g1_decode_compressed);
  })->Unit(us);
  benchmark::RegisterBenchmark("bn254/g2_decompress", [](benchmark::State& st) {
    bm_decompress<bn254::G2>(st, bn254::g2_encode_compressed, bn254::g2_decode_compressed);
  })->Unit(us);
  return 0;
}();

}  // namespace
