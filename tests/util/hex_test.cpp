#include "util/hex.h"

#include <gtest/gtest.h>

#include <random>

#include "util/error.h"

namespace supervm::util {
namespace {

TEST(Hex, RoundTripsRandomBytes) {
  std::mt19937_64 rng(42);
  for (int len = 0; len < 200; ++len) {
    std::vector<uint8_t> bytes(len);
    for (auto& b : bytes) b = static_cast<uint8_t>(rng());
    std::string text = to_hex(bytes);
    ASSERT_EQ(text.size(), 2u * len);
    auto back = from_hex(text);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, bytes);
  }
}

TEST(Hex, AcceptsUpperCaseAndPrefix) {
  EXPECT_EQ(from_hex("0xABcd").value(), (std::vector<uint8_t>{0xab, 0xcd}));
  EXPECT_EQ(from_hex("").value(), std::vector<uint8_t>{});
  EXPECT_EQ(to_hex(std::vector<uint8_t>{0x00, 0xff, 0x10}), "00ff10");
}

TEST(Hex, RejectsOddLength) {
  EXPECT_FALSE(from_hex("abc").has_value());
  EXPECT_FALSE(from_hex("0x1").has_value());
  try {
    parse_hex("abc", "key.json");
    FAIL() << "odd length accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kUsage);
    EXPECT_NE(std::string(e.what()).find("key.json"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("odd length"), std::string::npos);
  }
}

TEST(Hex, RejectsBadDigitsAndNamesThePosition) {
  for (const char* bad : {"zz", "0g", "g0", " 0", "0 ", "--", "0x0x"}) {
    EXPECT_FALSE(from_hex(bad).has_value()) << bad;
  }
  try {
    parse_hex("00a!", "proof");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("position 3"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace supervm::util
