// Point encodings: published generator encodings, round trips of random points, and one test
// per rejection reason for every format, including points on the curve but outside the
// prime-order subgroup.
#include <gmpxx.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "algebra/bls12_381/serialize.h"
#include "algebra/bn254/serialize.h"

namespace supervm::algebra {
namespace {

using curve::DecodeError;
using curve::Validation;

std::vector<uint8_t> unhex(const std::string& s) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < s.size(); i += 2) out.push_back(std::stoi(s.substr(i, 2), nullptr, 16));
  return out;
}
template <class C>
std::vector<uint8_t> vec(const C& c) {
  return std::vector<uint8_t>(c.begin(), c.end());
}
std::vector<uint8_t> be(const mpz_class& v, size_t n) {
  std::vector<uint8_t> out(n, 0);
  size_t count = 0;
  std::vector<uint8_t> tmp(n + 8);
  mpz_export(tmp.data(), &count, 1, 1, 1, 0, v.get_mpz_t());
  for (size_t i = 0; i < count; ++i) out[n - count + i] = tmp[i];
  return out;
}
std::vector<uint8_t> cat(std::vector<uint8_t> a, const std::vector<uint8_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Published in the zkcrypto bls12_381 crate and draft-irtf-cfrg-pairing-friendly-curves.
const std::string kBlsG1X =
    "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb";
const std::string kBlsG1Y =
    "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1";
const std::string kBlsG1Compressed =
    "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb";
const std::string kBlsG2Compressed =
    "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"
    "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8";
const std::string kBlsG2Uncompressed =
    "13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"
    "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"
    "0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be"
    "0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801";
const mpz_class kBlsP(
    "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab",
    16);
const mpz_class kBnP(
    "21888242871839275222246405745257275088696311157297823662689037894645226208583", 10);

TEST(Bls12381Serialize, GeneratorEncodingsMatchPublished) {
  using namespace bls12_381;
  EXPECT_EQ(vec(g1_encode_compressed(G1Affine::generator())), unhex(kBlsG1Compressed));
  EXPECT_EQ(vec(g1_encode_uncompressed(G1Affine::generator())), unhex(kBlsG1X + kBlsG1Y));
  EXPECT_EQ(vec(g2_encode_compressed(G2Affine::generator())), unhex(kBlsG2Compressed));
  EXPECT_EQ(vec(g2_encode_uncompressed(G2Affine::generator())), unhex(kBlsG2Uncompressed));
  auto d1 = g1_decode_compressed(unhex(kBlsG1Compressed));
  ASSERT_TRUE(d1.ok()) << d1.message();
  EXPECT_EQ(d1.point, G1Affine::generator());
  auto d2 = g2_decode_compressed(unhex(kBlsG2Compressed));
  ASSERT_TRUE(d2.ok()) << d2.message();
  EXPECT_EQ(d2.point, G2Affine::generator());
  auto d3 = g2_decode_uncompressed(unhex(kBlsG2Uncompressed));
  ASSERT_TRUE(d3.ok());
  EXPECT_EQ(d3.point, G2Affine::generator());
  // Infinity: 0xc0 / 0x40 followed by zeros.
  auto inf_c = vec(g1_encode_compressed(G1Affine()));
  EXPECT_EQ(inf_c[0], 0xc0);
  EXPECT_TRUE(curve::all_zero(std::span<const uint8_t>(inf_c).subspan(1)));
  auto inf_u = vec(g2_encode_uncompressed(G2Affine()));
  EXPECT_EQ(inf_u[0], 0x40);
  EXPECT_TRUE(curve::all_zero(std::span<const uint8_t>(inf_u).subspan(1)));
  EXPECT_TRUE(g1_decode_compressed(inf_c).point.is_infinity());
  EXPECT_TRUE(g2_decode_uncompressed(inf_u).ok());
}

TEST(Bn254Serialize, GeneratorEncodingsMatchPublished) {
  using namespace bn254;
  // EIP-196: G1 = (1, 2). EIP-197: G2 = (x1 * i + x0, y1 * i + y0), imaginary part first.
  auto g1 = cat(be(1, 32), be(2, 32));
  EXPECT_EQ(vec(g1_encode_uncompressed(G1Affine::generator())), g1);
  auto g2 = cat(cat(be(mpz_class("11559732032986387107991004021392285783925812861821192530917403151452391805634"), 32),
                    be(mpz_class("10857046999023057135944570762232829481370756359578518086990519993285655852781"), 32)),
                cat(be(mpz_class("4082367875863433681332203403145435568316851327593401208105741076214120093531"), 32),
                    be(mpz_class("8495653923123431417604973247489272438418190587263600148770280649306958101930"), 32)));
  EXPECT_EQ(vec(g2_encode_uncompressed(G2Affine::generator())), g2);
  auto d = g2_decode_uncompressed(g2);
  ASSERT_TRUE(d.ok()) << d.message();
  EXPECT_EQ(d.point, G2Affine::generator());
  // Compressed G1 generator: y = 2 is the smaller root, so flags 0b10.
  auto c = vec(g1_encode_compressed(G1Affine::generator()));
  auto expect = be(1, 32);
  expect[0] |= 0x80;
  EXPECT_EQ(c, expect);
  EXPECT_EQ(vec(g1_encode_uncompressed(G1Affine())), std::vector<uint8_t>(64, 0));
  EXPECT_EQ(vec(g2_encode_uncompressed(G2Affine())), std::vector<uint8_t>(128, 0));
  EXPECT_TRUE(g1_decode_uncompressed(std::vector<uint8_t>(64, 0)).point.is_infinity());
  auto inf = vec(g2_encode_compressed(G2Affine()));
  EXPECT_EQ(inf[0], 0x40);
  EXPECT_TRUE(g2_decode_compressed(inf).ok());
}

// ---- typed round trips and rejections over the eight formats ----


struct BlsG1 {
  using A = bls12_381::G1Affine;
  using J = bls12_381::G1;
  static constexpr size_t kC = 48, kU = 96;
  static constexpr bool kZcash = true, kCofactor = true;
  static auto enc_c(const A& p) { return vec(bls12_381::g1_encode_compressed(p)); }
  static auto enc_u(const A& p) { return vec(bls12_381::g1_encode_uncompressed(p)); }
  static auto dec_c(std::span<const uint8_t> b, Validation v = Validation::kFull) {
    return bls12_381::g1_decode_compressed(b, v);
  }
  static auto dec_u(std::span<const uint8_t> b, Validation v = Validation::kFull) {
    return bls12_381::g1_decode_uncompressed(b, v);
  }
  static mpz_class p() { return kBlsP; }
};
struct BlsG2 {
  using A = bls12_381::G2Affine;
  using J = bls12_381::G2;
  static constexpr size_t kC = 96, kU = 192;
  static constexpr bool kZcash = true, kCofactor = true;
  static auto enc_c(const A& p) { return vec(bls12_381::g2_encode_compressed(p)); }
  static auto enc_u(const A& p) { return vec(bls12_381::g2_encode_uncompressed(p)); }
  static auto dec_c(std::span<const uint8_t> b, Validation v = Validation::kFull) {
    return bls12_381::g2_decode_compressed(b, v);
  }
  static auto dec_u(std::span<const uint8_t> b, Validation v = Validation::kFull) {
    return bls12_381::g2_decode_uncompressed(b, v);
  }
  static mpz_class p() { return kBlsP; }
};
struct BnG1 {
  using A = bn254::G1Affine;
  using J = bn254::G1;
  static constexpr size_t kC = 32, kU = 64;
  static constexpr bool kZcash = false, kCofactor = false;
  static auto enc_c(const A& p) { return vec(bn254::g1_encode_compressed(p)); }
  static auto enc_u(const A& p) { return vec(bn254::g1_encode_uncompressed(p)); }
  static auto dec_c(std::span<const uint8_t> b, Validation v = Validation::kFull) {
    return bn254::g1_decode_compressed(b, v);
  }
  static auto dec_u(std::span<const uint8_t> b, Validation v = Validation::kFull) {
    return bn254::g1_decode_uncompressed(b, v);
  }
  static mpz_class p() { return kBnP; }
};
struct BnG2 {
  using A = bn254::G2Affine;
  using J = bn254::G2;
  static constexpr size_t kC = 64, kU = 128;
  static constexpr bool kZcash = false, kCofactor = true;
  static auto enc_c(const A& p) { return vec(bn254::g2_encode_compressed(p)); }
  static auto enc_u(const A& p) { return vec(bn254::g2_encode_uncompressed(p)); }
  static auto dec_c(std::span<const uint8_t> b, Validation v = Validation::kFull) {
    return bn254::g2_decode_compressed(b, v);
  }
  static auto dec_u(std::span<const uint8_t> b, Validation v = Validation::kFull) {
    return bn254::g2_decode_uncompressed(b, v);
  }
  static mpz_class p() { return kBnP; }
};

template <class T>
class FormatTest : public ::testing::Test {};
using Formats = ::testing::Types<BlsG1, BlsG2, BnG1, BnG2>;
TYPED_TEST_SUITE(FormatTest, Formats);

TYPED_TEST(FormatTest, RoundTrip) {
  using T = TypeParam;
  using A = typename T::A;
  std::mt19937_64 rng(11);
  for (int i = 0; i < 30; ++i) {
    A p = i == 0 ? A() : T::J::random(rng).to_affine();
    auto c = T::enc_c(p);
    auto u = T::enc_u(p);
    ASSERT_EQ(c.size(), T::kC);
    ASSERT_EQ(u.size(), T::kU);
    auto dc = T::dec_c(c);
    auto du = T::dec_u(u);
    ASSERT_TRUE(dc.ok()) << dc.message();
    ASSERT_TRUE(du.ok()) << du.message();
    EXPECT_EQ(dc.point, p);
    EXPECT_EQ(du.point, p);
    // Both signs of y occur and are distinguished: -p encodes differently unless infinity.
    if (!p.is_infinity()) {
      EXPECT_NE(T::enc_c(-p), c);
      EXPECT_EQ(T::dec_c(T::enc_c(-p)).point, -p);
    }
  }
}

TYPED_TEST(FormatTest, WrongLength) {
  using T = TypeParam;
  auto c = T::enc_c(T::A::generator());
  auto u = T::enc_u(T::A::generator());
  for (size_t n : {size_t{0}, size_t{1}, T::kC - 1, T::kC + 1, T::kU}) {
    std::vector<uint8_t> b(n, 0);
    for (size_t i = 0; i < n && i < c.size(); ++i) b[i] = c[i];
    EXPECT_EQ(T::dec_c(b).error, DecodeError::kWrongLength) << n;
  }
  for (size_t n : {size_t{0}, T::kU - 1, T::kU + 1, T::kC}) {
    std::vector<uint8_t> b(n, 0);
    for (size_t i = 0; i < n && i < u.size(); ++i) b[i] = u[i];
    EXPECT_EQ(T::dec_u(b).error, DecodeError::kWrongLength) << n;
  }
}

// Replaces the first coordinate component (the top one in the byte order) by v, keeping flags.
template <class T>
std::vector<uint8_t> with_first_component(std::vector<uint8_t> b, const mpz_class& v,
                                          uint8_t flags) {
  size_t n = T::kZcash ? 48 : 32;
  auto bytes = be(v, n);
  for (size_t i = 0; i < n; ++i) b[i] = bytes[i];
  b[0] |= flags;
  return b;
}

TYPED_TEST(FormatTest, CoordinateTooLarge) {
  using T = TypeParam;
  auto c = T::enc_c(T::A::generator());
  auto u = T::enc_u(T::A::generator());
  uint8_t cflag = T::kZcash ? (c[0] & 0xe0) : (c[0] & 0xc0);
  for (const mpz_class& v : {T::p(), mpz_class(T::p() + 1)}) {
    EXPECT_EQ(T::dec_c(with_first_component<T>(c, v, cflag)).error,
              DecodeError::kCoordinateTooLarge);
    EXPECT_EQ(T::dec_u(with_first_component<T>(u, v, 0)).error, DecodeError::kCoordinateTooLarge);
    // y coordinate too large (last component of the uncompressed form).
    auto y = u;
    size_t n = T::kZcash ? 48 : 32;
    auto bytes = be(v, n);
    for (size_t i = 0; i < n; ++i) y[T::kU - n + i] = bytes[i];
    EXPECT_EQ(T::dec_u(y).error, DecodeError::kCoordinateTooLarge);
  }
}

TYPED_TEST(FormatTest, NotOnCurve) {
  using T = TypeParam;
  auto u = T::enc_u(T::A::generator());
  u[T::kU - 1] ^= 1;  // change y
  EXPECT_EQ(T::dec_u(u).error, DecodeError::kNotOnCurve);
  EXPECT_EQ(T::dec_u(u, Validation::kOnCurveOnly).error, DecodeError::kNotOnCurve);
}

TYPED_TEST(FormatTest, NoSquareRoot) {
  using T = TypeParam;
  using A = typename T::A;
  using F = typename A::Field;
  // Smallest x (as field element 0, 1, 2, ...) with x^3 + b a non-square.
  A g = A::generator();
  F x = F::zero();
  while (A::from_x(x, false)) x = x + F::one();
  A fake(x, g.y);  // y is ignored by the compressed encoding
  auto c = T::enc_c(fake);
  EXPECT_EQ(T::dec_c(c).error, DecodeError::kNoSquareRoot);
}

TYPED_TEST(FormatTest, NotInSubgroup) {
  using T = TypeParam;
  using A = typename T::A;
  std::mt19937_64 rng(12);
  for (int i = 0; i < 5; ++i) {
    A p = A::random_on_curve(rng);
    ASSERT_TRUE(p.is_on_curve());
    if (!T::kCofactor) {  // cofactor 1 (BN254 G1): every curve point is in the group
      EXPECT_TRUE(p.is_in_subgroup());
      EXPECT_EQ(T::dec_c(T::enc_c(p)).point, p);
      EXPECT_EQ(T::dec_u(T::enc_u(p)).point, p);
      continue;
    }
    ASSERT_FALSE(p.is_in_subgroup());
    auto c = T::enc_c(p);
    auto u = T::enc_u(p);
    EXPECT_EQ(T::dec_c(c).error, DecodeError::kNotInSubgroup);
    EXPECT_EQ(T::dec_u(u).error, DecodeError::kNotInSubgroup);
    auto lc = T::dec_c(c, Validation::kOnCurveOnly);
    auto lu = T::dec_u(u, Validation::kOnCurveOnly);
    ASSERT_TRUE(lc.ok());
    ASSERT_TRUE(lu.ok());
    EXPECT_EQ(lc.point, p);
    EXPECT_EQ(lu.point, p);
  }
}

TYPED_TEST(FormatTest, BadFlagsAndNonCanonicalInfinity) {
  using T = TypeParam;
  using A = typename T::A;
  auto c = T::enc_c(A::generator());
  auto u = T::enc_u(A::generator());
  auto ic = T::enc_c(A());
  auto iu = T::enc_u(A());
  // Infinity with a stray bit anywhere else.
  for (size_t pos : {size_t{0}, size_t{5}, T::kC - 1}) {
    auto b = ic;
    b[pos] |= (pos == 0) ? 0x01 : 0x80;
    EXPECT_EQ(T::dec_c(b).error, DecodeError::kNonCanonicalInfinity) << pos;
  }
  if (T::kZcash) {
    for (size_t pos : {size_t{0}, T::kU - 1}) {
      auto b = iu;
      b[pos] |= 0x01;
      EXPECT_EQ(T::dec_u(b).error, DecodeError::kNonCanonicalInfinity) << pos;
    }
    auto b = c;
    b[0] &= 0x7f;  // compressed data without the compression flag
    EXPECT_EQ(T::dec_c(b).error, DecodeError::kBadFlags);
    b = u;
    b[0] |= 0x80;  // uncompressed data with the compression flag
    EXPECT_EQ(T::dec_u(b).error, DecodeError::kBadFlags);
    b = u;
    b[0] |= 0x20;  // sign flag in uncompressed form
    EXPECT_EQ(T::dec_u(b).error, DecodeError::kBadFlags);
    b = ic;
    b[0] |= 0x20;  // infinity with sign
    EXPECT_EQ(T::dec_c(b).error, DecodeError::kBadFlags);
    b = iu;
    b[0] |= 0x80;
    EXPECT_EQ(T::dec_u(b).error, DecodeError::kBadFlags);
  } else {
    auto b = c;
    b[0] &= 0x3f;  // 0b00: not a compressed encoding
    EXPECT_EQ(T::dec_c(b).error, DecodeError::kBadFlags);
    // Ethereum uncompressed form has no flags: high bits make the coordinate >= p.
    b = iu;
    b[0] = 0x40;
    EXPECT_EQ(T::dec_u(b).error, DecodeError::kCoordinateTooLarge);
  }
}

TEST(DecodeError, DistinctMessages) {
  std::vector<std::string> seen;
  for (int e = 0; e <= static_cast<int>(DecodeError::kNotInSubgroup); ++e) {
    std::string m = curve::to_string(static_cast<DecodeError>(e));
    for (const auto& s : seen) EXPECT_NE(s, m);
    seen.push_back(m);
  }
}

}  // namespace
}  // namespace supervm::algebra
