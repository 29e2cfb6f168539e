#include "zk/hash/poseidon.h"

#include <array>

#include "algebra/bn254/fields.h"
#include "util/error.h"
#include "zk/hash/grain_lfsr.h"

namespace supervm::zk {

namespace {

constexpr size_t kMaxWidth = 16;

template <class F>
F sbox(const F& x) {  // x^5
  F x2 = x.square();
  return x2.square() * x;
}

}  // namespace

template <class F>
PoseidonParams<F> generate_poseidon_params(const PoseidonSpec& spec) {
  const unsigned t = spec.width;
  if (t < 2 || t > kMaxWidth || spec.full_rounds % 2 != 0 || spec.field_bits != F::kModulusBits ||
      F::kBytes * 8 < spec.field_bits)
    throw Error(ExitCode::kUsage, "poseidon: unsupported instance");
  GrainLfsr grain(/*field=*/1, /*sbox=*/0, spec.field_bits, t, spec.full_rounds,
                  spec.partial_rounds);
  std::array<uint8_t, F::kBytes> buf;
  PoseidonParams<F> p{spec, {}, {}};

  const size_t n_constants = size_t{spec.full_rounds + spec.partial_rounds} * t;
  p.round_constants.reserve(n_constants);
  while (p.round_constants.size() < n_constants) {
    grain.next_bits_be(spec.field_bits, buf);
    if (auto c = F::from_bytes_be(buf)) p.round_constants.push_back(*c);  // else >= p: skip
  }

  auto draw_reduced = [&] {
    grain.next_bits_be(spec.field_bits, buf);
    std::array<uint8_t, F::kBytes> le;
    for (size_t i = 0; i < buf.size(); ++i) le[i] = buf[buf.size() - 1 - i];
    return F::from_bytes_wide_le(le);  // the script's F(int): reduced mod p
  };
  for (;;) {
    std::vector<F> xy(2 * t);
    for (;;) {  // draw 2t values until they are pairwise distinct
      for (auto& v : xy) v = draw_reduced();
      bool distinct = true;
      for (size_t i = 0; i < xy.size() && distinct; ++i)
        for (size_t j = 0; j < i; ++j)
          if (xy[i] == xy[j]) distinct = false;
      if (distinct) break;
    }
    std::vector<F> m(size_t{t} * t);
    bool ok = true;
    for (unsigned i = 0; i < t && ok; ++i)
      for (unsigned j = 0; j < t && ok; ++j) {
        F sum = xy[i] + xy[t + j];
        if (sum.is_zero())
          ok = false;
        else
          m[size_t{i} * t + j] = sum.inverse();
      }
    if (ok) {
      p.mds = std::move(m);
      return p;
    }
  }
}

template <class F>
void poseidon_permute(const PoseidonParams<F>& params, std::span<F> state) {
  const unsigned t = params.spec.width;
  if (state.size() != t) throw Error(ExitCode::kInternal, "poseidon: state size != width");
  const unsigned half = params.spec.full_rounds / 2;
  const unsigned rounds = params.spec.full_rounds + params.spec.partial_rounds;
  const F* rc = params.round_constants.data();
  const F* m = params.mds.data();
  std::array<F, kMaxWidth> tmp;
  for (unsigned r = 0; r < rounds; ++r) {
    for (unsigned i = 0; i < t; ++i) state[i] += *rc++;
    if (r < half || r >= half + params.spec.partial_rounds) {
      for (unsigned i = 0; i < t; ++i) state[i] = sbox(state[i]);
    } else {
      state[0] = sbox(state[0]);
    }
    for (unsigned i = 0; i < t; ++i) {
      F acc = m[size_t{i} * t] * state[0];
      for (unsigned j = 1; j < t; ++j) acc += m[size_t{i} * t + j] * state[j];
      tmp[i] = acc;
    }
    for (unsigned i = 0; i < t; ++i) state[i] = tmp[i];
  }
}

const PoseidonParams<PoseidonFr>& poseidon_bls12_381_t3() {
  static const auto kParams = generate_poseidon_params<PoseidonFr>({255, 3, 8, 57});
  return kParams;
}

PoseidonFr poseidon_compress(const PoseidonFr& left, const PoseidonFr& right) {
  std::array<PoseidonFr, 3> state{PoseidonFr::zero(), left, right};
  poseidon_permute<PoseidonFr>(poseidon_bls12_381_t3(), state);
  return state[1];
}

template PoseidonParams<algebra::bls12_381::Fr> generate_poseidon_params(const PoseidonSpec&);
template void poseidon_permute(const PoseidonParams<algebra::bls12_381::Fr>&,
                               std::span<algebra::bls12_381::Fr>);
template PoseidonParams<algebra::bn254::Fr> generate_poseidon_params(const PoseidonSpec&);
template void poseidon_permute(const PoseidonParams<algebra::bn254::Fr>&,
                               std::span<algebra::bn254::Fr>);

}  // namespace supervm::zk
