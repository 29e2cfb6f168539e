// Reads a proving key of engine E: a snarkjs .zkey or a supervm binary proving key.
#pragma once

#include <string>

#include "zk/formats/snarkjs_zkey.h"
#include "zk/groth16/types.h"
#include "zk_keys.h"

namespace supervm::cli {

template <class E>
zk::ProvingKey<E> load_proving_key(std::span<const uint8_t> bytes, const std::string& where) {
  switch (detect_key_format(bytes, where)) {
    case KeyFileFormat::kZkey:
      return zk::formats::read_zkey<E>(bytes, where);
    case KeyFileFormat::kSupervmBinary:
      break;
    case KeyFileFormat::kSnarkjsJson:
      throw_input_error(where, "", "this is a verifying key; proving needs a proving key (--pk or --zkey)");
  }
  throw_input_error(where, "", "supervm binary proving keys are not readable by this build");
}

}  // namespace supervm::cli
