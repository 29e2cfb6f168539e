#include "util/envelope.h"

#include <gtest/gtest.h>

#include <random>

#include "util/error.h"

namespace supervm::util {
namespace {

std::string error_of(std::span<const uint8_t> file, const EnvelopeHeader& h) {
  try {
    open_envelope(file, h, "key.bin");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kUsage);
    return e.what();
  }
  return "";
}

TEST(Envelope, RoundTrip) {
  std::mt19937_64 rng(7);
  for (size_t n : {0u, 1u, 31u, 1000u}) {
    std::vector<uint8_t> payload(n);
    for (auto& b : payload) b = static_cast<uint8_t>(rng());
    EnvelopeHeader h{1, 3, 2};
    auto file = seal_envelope(h, payload);
    EXPECT_EQ(file.size(), kEnvelopeHeaderSize + n + kEnvelopeChecksumSize);
    auto got = open_envelope(file, h, "key.bin");
    EXPECT_EQ(std::vector<uint8_t>(got.begin(), got.end()), payload);
  }
}

TEST(Envelope, RejectsEachMismatchByName) {
  std::vector<uint8_t> payload(64, 0xab);
  EnvelopeHeader h{1, 3, 2};
  auto file = seal_envelope(h, payload);
  EXPECT_NE(error_of(file, {2, 3, 2}).find("version"), std::string::npos);
  EXPECT_NE(error_of(file, {1, 4, 2}).find("kind"), std::string::npos);
  EXPECT_NE(error_of(file, {1, 3, 1}).find("curve"), std::string::npos);

  auto truncated = file;
  truncated.pop_back();
  EXPECT_NE(error_of(truncated, h).find("length"), std::string::npos);
  auto padded = file;
  padded.push_back(0);
  EXPECT_NE(error_of(padded, h).find("length"), std::string::npos);
  auto flipped = file;
  flipped[20] ^= 1;
  EXPECT_NE(error_of(flipped, h).find("checksum"), std::string::npos);
  auto bad_magic = file;
  bad_magic[0] = 'X';
  EXPECT_NE(error_of(bad_magic, h).find("magic"), std::string::npos);
  EXPECT_NE(error_of(std::span<const uint8_t>(file.data(), 10), h).find("too short"),
            std::string::npos);
}

TEST(Envelope, EveryTruncationIsRejected) {
  std::vector<uint8_t> payload(40, 1);
  EnvelopeHeader h{1, 1, 1};
  auto file = seal_envelope(h, payload);
  for (size_t n = 0; n < file.size(); ++n) {
    EXPECT_THROW(open_envelope(std::span<const uint8_t>(file.data(), n), h, "f"), Error) << n;
  }
}

}  // namespace
}  // namespace supervm::util
