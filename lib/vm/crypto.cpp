#include "vm/crypto.h"

#include <sodium.h>

#include "util/random.h"
#include "util/error.h"

namespace supervm::vm {

static_assert(sizeof(crypto_generichash_state) <= 384, "Blake2b state buffer too small");

Blake2b::Blake2b(std::string_view tag) {
  util::ensure_sodium();
  crypto_generichash_init(reinterpret_cast<crypto_generichash_state*>(state_), nullptr, 0, 32);
  update(tag.data(), tag.size());
}

Blake2b& Blake2b::update(const void* data, size_t size) {
  crypto_generichash_update(reinterpret_cast<crypto_generichash_state*>(state_),
                            static_cast<const unsigned char*>(data), size);
  return *this;
}

Blake2b& Blake2b::update_u64(uint64_t v) {
  uint8_t b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<uint8_t>(v >> (8 * i));
  return update(b, 8);
}

Hash32 Blake2b::finish() {
  Hash32 out;
  crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(state_), out.data(), 32);
  return out;
}

Hash32 blake2b(std::string_view tag, std::span<const uint8_t> data) {
  return Blake2b(tag).update(data).finish();
}

Hash32 hash_pair(std::string_view tag, const Hash32& left, const Hash32& right) {
  return Blake2b(tag).update(left.data(), 32).update(right.data(), 32).finish();
}

KeyPair ed25519_keypair() {
  util::ensure_sodium();
  KeyPair k;
  crypto_sign_keypair(k.public_key.data(), k.secret_key.data());
  return k;
}

KeyPair ed25519_keypair_from_seed(const std::array<uint8_t, 32>& seed) {
  util::ensure_sodium();
  KeyPair k;
  crypto_sign_seed_keypair(k.public_key.data(), k.secret_key.data(), seed.data());
  return k;
}

Signature ed25519_sign(const KeyPair& key, std::span<const uint8_t> message) {
  util::ensure_sodium();
  Signature sig;
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), key.secret_key.data());
  return sig;
}

bool ed25519_verify(const PublicKey& key, const Signature& sig, std::span<const uint8_t> message) {
  util::ensure_sodium();
  return crypto_sign_verify_detached(sig.data(), message.data(), message.size(), key.data()) == 0;
}

}  // namespace supervm::vm
