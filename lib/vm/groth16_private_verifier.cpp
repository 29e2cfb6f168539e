#include "vm/groth16_private_verifier.h"

#include <optional>

#include "util/error.h"
#include "util/random.h"
#include "vm/crypto.h"
#include "zk/formats/binary.h"
#include "zk/groth16/batch_verifier.h"
#include "zk/groth16/verifier.h"

namespace supervm::vm {

struct Groth16PrivateVerifier::Prepared {
  zk::PreparedVerifyingKey<Engine> pvk;
};

Groth16PrivateVerifier::Groth16PrivateVerifier(const zk::VerifyingKey<Engine>& vk)
    : prepared_(std::make_unique<Prepared>(Prepared{zk::prepare_verifying_key<Engine>(vk)})) {
  key_id_ = blake2b("supervm/privacy-vk", zk::formats::write_vk_bin<Engine>(vk));
}

Groth16PrivateVerifier::~Groth16PrivateVerifier() = default;

std::vector<bool> Groth16PrivateVerifier::verify_batch(
    std::span<const PrivateTransfer* const> transfers) {
  using Fr = Engine::Fr;
  const size_t n_public = prepared_->pvk.num_public();
  std::vector<bool> verdicts(transfers.size(), false);
  std::vector<std::optional<zk::Proof<Engine>>> proofs(transfers.size());
  std::vector<std::vector<Fr>> inputs(transfers.size());
  std::vector<zk::BatchItem<Engine>> items;
  std::vector<size_t> index;
  for (size_t i = 0; i < transfers.size(); ++i) {
    const PrivateTransfer& t = *transfers[i];
    auto words = public_inputs(t);
    if (words.size() != n_public) continue;
    bool canonical = true;
    for (const auto& w : words) {
      auto x = Fr::from_bytes_be(w);
      if (!x) {
        canonical = false;
        break;
      }
      inputs[i].push_back(*x);
    }
    if (!canonical) continue;
    try {
      proofs[i] = zk::formats::read_proof_bin<Engine>(t.proof, "private transfer proof");
    } catch (const Error&) {
      continue;  // malformed proof bytes: invalid, like any bad proof
    }
    items.push_back({&*proofs[i], inputs[i]});
    index.push_back(i);
  }
  if (items.empty()) return verdicts;
  auto rng = util::RandomSource::system();
  zk::BatchOptions options;
  options.point_check = zk::PointCheck::kSkip;  // read_proof_bin checked every point
  auto results = zk::verify_batch<Engine>(prepared_->pvk, items, rng, options);
  for (size_t k = 0; k < index.size(); ++k) verdicts[index[k]] = results[k].valid;
  return verdicts;
}

}  // namespace supervm::vm
