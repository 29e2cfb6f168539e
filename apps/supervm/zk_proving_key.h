// Reads a proving key of engine E: a snarkjs .zkey or a supervm binary proving key.
#pragma once

#include <string>

#include "zk/formats/binary.h"
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
      if (zk::formats::peek_binary(bytes, where).kind != zk::formats::FileKind::kProvingKey) break;
      return zk::formats::read_pk_bin<E>(bytes, where);
    case KeyFileFormat::kSnarkjsJson:
      break;
  }
  throw_input_error(where, "",
                    "not a proving key (a verifying key?): proving needs --pk or --zkey");
}

}  // namespace supervm::cli
