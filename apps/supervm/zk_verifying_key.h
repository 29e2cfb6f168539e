// Reads a verifying key of engine E from any of the key formats zk_keys.h recognises.
#pragma once

#include <string>

#include "zk/formats/binary.h"
#include "zk/formats/snarkjs_json.h"
#include "zk/formats/snarkjs_zkey.h"
#include "zk/groth16/types.h"
#include "zk_keys.h"

namespace supervm::cli {

template <class E>
zk::VerifyingKey<E> load_verifying_key(std::span<const uint8_t> bytes, const std::string& where) {
  switch (detect_key_format(bytes, where)) {
    case KeyFileFormat::kSnarkjsJson: {
      std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      return zk::formats::read_vk_json<E>(text, where);
    }
    case KeyFileFormat::kZkey:
      return zk::formats::read_zkey<E>(bytes, where).vk;
    case KeyFileFormat::kSupervmBinary:
      if (zk::formats::peek_binary(bytes, where).kind == zk::formats::FileKind::kProvingKey)
        return zk::formats::read_pk_bin<E>(bytes, where).vk;
      return zk::formats::read_vk_bin<E>(bytes, where);
  }
  throw Error(ExitCode::kInternal, "unreachable key format");
}

}  // namespace supervm::cli
