// Pairing and tower benchmarks: <curve>/miller_loop, final_exp, pairing, multi_pairing/3,
// fp12_mul (+ a few building blocks for profiling). Single thread.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "algebra/bls12_381/pairing.h"
#include "algebra/bn254/pairing.h"

namespace {

using namespace supervm::algebra;

template <class Fr, class G1Affine, class G2Affine>
struct Inputs {
  std::vector<G1Affine> ps;
  std::vector<G2Affine> qs;
  explicit Inputs(size_t n) {
    std::mt19937_64 rng(42);
    for (size_t i = 0; i < n; ++i) {
      auto a = Fr::random(rng), b = Fr::random(rng);
      ps.push_back((G1Affine::generator() * a).to_affine());
      qs.push_back((G2Affine::generator() * b).to_affine());
    }
  }
};

#define SUPERVM_PAIRING_BENCHES(NS)                                                           \
  using NS##_inputs = Inputs<NS::Fr, NS::G1Affine, NS::G2Affine>;                             \
  void NS##_miller_loop(benchmark::State& st) {                                               \
    NS##_inputs in(1);                                                                        \
    for (auto _ : st) benchmark::DoNotOptimize(NS::miller_loop(in.ps[0], in.qs[0]));          \
  }                                                                                           \
  BENCHMARK(NS##_miller_loop)->Name(#NS "/miller_loop")->Unit(benchmark::kMicrosecond);       \
  void NS##_final_exp(benchmark::State& st) {                                                 \
    NS##_inputs in(1);                                                                        \
    NS::Fp12 f = NS::miller_loop(in.ps[0], in.qs[0]);                                         \
    for (auto _ : st) benchmark::DoNotOptimize(NS::final_exponentiation(f));                  \
  }                                                                                           \
  BENCHMARK(NS##_final_exp)->Name(#NS "/final_exp")->Unit(benchmark::kMicrosecond);           \
  void NS##_pairing(benchmark::State& st) {                                                   \
    NS##_inputs in(1);                                                                        \
    for (auto _ : st) benchmark::DoNotOptimize(NS::pairing(in.ps[0], in.qs[0]));              \
  }                                                                                           \
  BENCHMARK(NS##_pairing)->Name(#NS "/pairing")->Unit(benchmark::kMicrosecond);               \
  void NS##_multi_pairing(benchmark::State& st) {                                             \
    const size_t n = static_cast<size_t>(st.range(0));                                        \
    NS##_inputs in(n);                                                                        \
    /* unprepared inputs: the lines are computed inside the Miller loop */                    \
    for (auto _ : st) {                                                                       \
      benchmark::DoNotOptimize(                                                               \
          NS::final_exponentiation(NS::multi_miller_loop_affine(in.ps, in.qs)));              \
    }                                                                                         \
  }                                                                                           \
  BENCHMARK(NS##_multi_pairing)                                                               \
      ->Name(#NS "/multi_pairing")                                                            \
      ->Arg(3)                                                                                \
      ->Unit(benchmark::kMicrosecond);                                                        \
  void NS##_multi_pairing_separate(benchmark::State& st) {                                    \
    const size_t n = static_cast<size_t>(st.range(0));                                        \
    NS##_inputs in(n);                                                                        \
    for (auto _ : st) {                                                                       \
      /* the same work as prepare() each point, then the prepared Miller loop */              \
      std::vector<NS::G2Prepared> prep;                                                       \
      prep.reserve(n);                                                                        \
      std::vector<const NS::G2Prepared*> ptrs;                                                \
      for (auto& q : in.qs) {                                                                 \
        prep.push_back(NS::prepare(q));                                                       \
        ptrs.push_back(&prep.back());                                                         \
      }                                                                                       \
      benchmark::DoNotOptimize(NS::final_exponentiation(NS::multi_miller_loop(in.ps, ptrs))); \
    }                                                                                         \
  }                                                                                           \
  BENCHMARK(NS##_multi_pairing_separate)                                                      \
      ->Name(#NS "/multi_pairing_separate")                                                   \
      ->Arg(3)                                                                                \
      ->Unit(benchmark::kMicrosecond);                                                        \
  void NS##_multi_pairing_prepared(benchmark::State& st) {                                    \
    const size_t n = static_cast<size_t>(st.range(0));                                        \
    NS##_inputs in(n);                                                                        \
    std::vector<NS::G2Prepared> prep;                                                         \
    for (auto& q : in.qs) prep.push_back(NS::prepare(q));                                     \
    std::vector<const NS::G2Prepared*> ptrs;                                                  \
    for (auto& q : prep) ptrs.push_back(&q);                                                  \
    for (auto _ : st)                                                                         \
      benchmark::DoNotOptimize(NS::final_exponentiation(NS::multi_miller_loop(in.ps, ptrs))); \
  }                                                                                           \
  BENCHMARK(NS##_multi_pairing_prepared)                                                      \
      ->Name(#NS "/multi_pairing_prepared")                                                   \
      ->Arg(3)                                                                                \
      ->Unit(benchmark::kMicrosecond);                                                        \
  void NS##_prepare(benchmark::State& st) {                                                   \
    NS##_inputs in(1);                                                                        \
    for (auto _ : st) benchmark::DoNotOptimize(NS::prepare(in.qs[0]));                        \
  }                                                                                           \
  BENCHMARK(NS##_prepare)->Name(#NS "/g2_prepare")->Unit(benchmark::kMicrosecond);            \
  void NS##_fp12_mul(benchmark::State& st) {                                                  \
    std::mt19937_64 rng(7);                                                                   \
    NS::Fp12 a = NS::Fp12::random(rng), b = NS::Fp12::random(rng);                            \
    for (auto _ : st) {                                                                       \
      a = a * b;                                                                              \
      benchmark::DoNotOptimize(a);                                                            \
    }                                                                                         \
  }                                                                                           \
  BENCHMARK(NS##_fp12_mul)->Name(#NS "/fp12_mul");                                            \
  void NS##_fp12_square(benchmark::State& st) {                                               \
    std::mt19937_64 rng(7);                                                                   \
    NS::Fp12 a = NS::Fp12::random(rng);                                                       \
    for (auto _ : st) {                                                                       \
      a = a.square();                                                                         \
      benchmark::DoNotOptimize(a);                                                            \
    }                                                                                         \
  }                                                                                           \
  BENCHMARK(NS##_fp12_square)->Name(#NS "/fp12_square");                                      \
  void NS##_fp12_cyclotomic_square(benchmark::State& st) {                                    \
    std::mt19937_64 rng(7);                                                                   \
    NS::Fp12 a = NS::Fp12::random(rng);                                                       \
    for (auto _ : st) {                                                                       \
      a = a.cyclotomic_square();                                                              \
      benchmark::DoNotOptimize(a);                                                            \
    }                                                                                         \
  }                                                                                           \
  BENCHMARK(NS##_fp12_cyclotomic_square)->Name(#NS "/fp12_cyclotomic_square");                \
  void NS##_fp12_mul_by_line(benchmark::State& st) {                                          \
    std::mt19937_64 rng(7);                                                                   \
    NS::Fp12 a = NS::Fp12::random(rng);                                                       \
    NS::Fp2 x = NS::Fp2::random(rng), y = NS::Fp2::random(rng), z = NS::Fp2::random(rng);     \
    for (auto _ : st) {                                                                       \
      a = a.mul_by_014(x, y, z);                                                              \
      benchmark::DoNotOptimize(a);                                                            \
    }                                                                                         \
  }                                                                                           \
  BENCHMARK(NS##_fp12_mul_by_line)->Name(#NS "/fp12_mul_by_line");                            \
  void NS##_fp2_mul(benchmark::State& st) {                                                   \
    std::mt19937_64 rng(7);                                                                   \
    NS::Fp2 a = NS::Fp2::random(rng), b = NS::Fp2::random(rng);                               \
    for (auto _ : st) {                                                                       \
      a = a * b;                                                                              \
      benchmark::DoNotOptimize(a);                                                            \
    }                                                                                         \
  }                                                                                           \
  BENCHMARK(NS##_fp2_mul)->Name(#NS "/fp2_mul_in_tower");

SUPERVM_PAIRING_BENCHES(bls12_381)
SUPERVM_PAIRING_BENCHES(bn254)

}  // namespace
