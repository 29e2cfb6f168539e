// Ed25519 key files written by `supervm keygen` and read by `supervm tx sign`:
//   {"type":"ed25519","public_key":"<64 hex>","seed":"<64 hex>"}
// The 32-byte seed is the secret (libsodium's crypto_sign_seed_keypair derives
// the key pair from it); the public key is stored too, to catch corruption.
#pragma once

#include <string>

#include "vm/crypto.h"

namespace supervm::vm {

std::string key_file_json(const KeyPair& key);
// Throws supervm::Error (input error naming `where`) on any malformed or
// inconsistent key file. Wipes the parsed text's secret copy.
KeyPair parse_key_file(const std::string& text, const std::string& where);

}  // namespace supervm::vm
