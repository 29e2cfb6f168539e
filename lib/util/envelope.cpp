#include "util/envelope.h"

#include <sodium.h>

#include <cstring>

#include "util/error.h"
#include "util/random.h"

namespace supervm::util {
namespace {

constexpr uint8_t kMagic[4] = {'S', 'V', 'M', 0};

void put_le(uint8_t* out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out[i] = static_cast<uint8_t>(v >> (8 * i));
}

uint64_t get_le(const uint8_t* in, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(in[i]) << (8 * i);
  return v;
}

void checksum(std::span<const uint8_t> data, uint8_t out[kEnvelopeChecksumSize]) {
  ensure_sodium();
  crypto_generichash(out, kEnvelopeChecksumSize, data.data(), data.size(), nullptr, 0);
}

}  // namespace

std::vector<uint8_t> seal_envelope(const EnvelopeHeader& header, std::span<const uint8_t> payload) {
  std::vector<uint8_t> out(kEnvelopeHeaderSize + payload.size() + kEnvelopeChecksumSize);
  std::memcpy(out.data(), kMagic, 4);
  put_le(out.data() + 4, header.version, 2);
  out[6] = header.kind;
  out[7] = header.curve;
  put_le(out.data() + 8, payload.size(), 8);
  if (!payload.empty())
    std::memcpy(out.data() + kEnvelopeHeaderSize, payload.data(), payload.size());
  checksum(std::span<const uint8_t>(out.data(), kEnvelopeHeaderSize + payload.size()),
           out.data() + kEnvelopeHeaderSize + payload.size());
  return out;
}

EnvelopeHeader peek_envelope(std::span<const uint8_t> file, const std::string& where) {
  if (file.size() < kEnvelopeHeaderSize + kEnvelopeChecksumSize)
    throw_input_error(
        where, "header",
        "file is too short (" + std::to_string(file.size()) + " bytes) to be a supervm file");
  if (std::memcmp(file.data(), kMagic, 4) != 0)
    throw_input_error(where, "magic", "not a supervm binary file (magic is not SVM\\0)");
  EnvelopeHeader h;
  h.version = static_cast<uint16_t>(get_le(file.data() + 4, 2));
  h.kind = file[6];
  h.curve = file[7];
  return h;
}

std::span<const uint8_t> open_envelope(std::span<const uint8_t> file,
                                       const EnvelopeHeader& expected, const std::string& where) {
  EnvelopeHeader h = peek_envelope(file, where);
  if (h.version != expected.version)
    throw_input_error(where, "version",
                      "format version " + std::to_string(h.version) +
                          " is not supported (expected " + std::to_string(expected.version) + ")");
  if (h.kind != expected.kind)
    throw_input_error(where, "kind",
                      "file holds kind " + std::to_string(h.kind) + ", expected " +
                          std::to_string(expected.kind));
  if (h.curve != expected.curve)
    throw_input_error(where, "curve",
                      "file is for curve id " + std::to_string(h.curve) + ", expected " +
                          std::to_string(expected.curve));
  uint64_t length = get_le(file.data() + 8, 8);
  uint64_t room = file.size() - kEnvelopeHeaderSize - kEnvelopeChecksumSize;
  if (length != room)
    throw_input_error(where, "length",
                      "header says " + std::to_string(length) +
                          " payload bytes but the file holds " + std::to_string(room) +
                          " (truncated or padded)");
  uint8_t sum[kEnvelopeChecksumSize];
  checksum(file.first(kEnvelopeHeaderSize + length), sum);
  if (sodium_memcmp(sum, file.data() + kEnvelopeHeaderSize + length, kEnvelopeChecksumSize) != 0)
    throw_input_error(where, "checksum", "BLAKE2b checksum does not match: the file is corrupted");
  return file.subspan(kEnvelopeHeaderSize, length);
}

}  // namespace supervm::util
