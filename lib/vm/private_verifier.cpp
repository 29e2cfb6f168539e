#include "vm/private_verifier.h"

namespace supervm::vm {

std::vector<Hash32> public_inputs(const PrivateTransfer& t) {
  std::vector<Hash32> out;
  out.reserve(3 + t.nullifiers.size() + t.commitments.size());
  out.push_back(t.root);
  out.insert(out.end(), t.nullifiers.begin(), t.nullifiers.end());
  out.insert(out.end(), t.commitments.begin(), t.commitments.end());
  Hash32 fee{};
  for (int i = 0; i < 8; ++i) fee[31 - i] = static_cast<uint8_t>(t.fee >> (8 * i));
  out.push_back(fee);
  out.push_back(t.ext_hash);
  return out;
}

}  // namespace supervm::vm
