// The two primitives the engine needs, both from libsodium: BLAKE2b-256
// (crypto_generichash) with a domain-separation tag, and Ed25519
// (crypto_sign_detached / crypto_sign_verify_detached).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

#include "vm/types.h"

namespace supervm::vm {

// BLAKE2b-256 over tag || parts..., streaming. Tags keep hashes of different
// structures (objects, tree nodes, ids) from colliding with each other.
class Blake2b {
 public:
  explicit Blake2b(std::string_view tag);
  Blake2b& update(const void* data, size_t size);
  Blake2b& update(std::span<const uint8_t> bytes) { return update(bytes.data(), bytes.size()); }
  Blake2b& update_u64(uint64_t v);  // little endian
  Hash32 finish();

 private:
  alignas(64) unsigned char state_[384];
};

Hash32 blake2b(std::string_view tag, std::span<const uint8_t> data);
// Two-to-one compression used by the Merkle trees: BLAKE2b(tag || left || right).
Hash32 hash_pair(std::string_view tag, const Hash32& left, const Hash32& right);

struct KeyPair {
  PublicKey public_key;
  std::array<uint8_t, 64> secret_key;  // libsodium layout: seed || public key
};

KeyPair ed25519_keypair();                                  // from the CSPRNG
KeyPair ed25519_keypair_from_seed(const std::array<uint8_t, 32>& seed);
Signature ed25519_sign(const KeyPair& key, std::span<const uint8_t> message);
bool ed25519_verify(const PublicKey& key, const Signature& sig, std::span<const uint8_t> message);

}  // namespace supervm::vm
