#include "vm/key_file.h"

#include <nlohmann/json.hpp>

#include "util/error.h"
#include "util/random.h"

namespace supervm::vm {

std::string key_file_json(const KeyPair& key) {
  std::string seed = hex(key.secret_key.data(), 32);
  std::string out = "{\"type\":\"ed25519\",\"public_key\":\"" + hex(key.public_key) +
                    "\",\"seed\":\"" + seed + "\"}\n";
  util::secure_wipe(seed.data(), seed.size());
  return out;
}

KeyPair parse_key_file(const std::string& text, const std::string& where) {
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) throw_input_error(where, "", "not a JSON key file");
  auto field = [&](const char* name) -> std::string {
    auto it = j.find(name);
    if (it == j.end() || !it->is_string()) throw_input_error(where, name, "missing or not a string");
    return it->get<std::string>();
  };
  if (field("type") != "ed25519") throw_input_error(where, "type", "expected \"ed25519\"");
  auto pk = parse_fixed_hex<32>(field("public_key"));
  if (!pk) throw_input_error(where, "public_key", "expected 64 hex digits");
  std::string seed_hex = field("seed");
  auto seed = parse_fixed_hex<32>(seed_hex);
  util::secure_wipe(seed_hex.data(), seed_hex.size());
  if (!seed) throw_input_error(where, "seed", "expected 64 hex digits");
  KeyPair k = ed25519_keypair_from_seed(*seed);
  util::secure_wipe(seed->data(), seed->size());
  if (k.public_key != *pk)
    throw_input_error(where, "public_key", "does not match the seed (corrupted key file?)");
  return k;
}

}  // namespace supervm::vm
