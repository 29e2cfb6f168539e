// Every operation of the four prime fields against GMP on >= 10,000 random
// inputs (fixed seeds) plus edge values.
#include <gtest/gtest.h>

#include <string>

#include "gmp_oracle.h"

namespace supervm::algebra::testing {
namespace {

constexpr size_t kSamples = 10000;

template <class F>
class FieldTest : public ::testing::Test {};
TYPED_TEST_SUITE(FieldTest, AllFields, FieldNames);

TYPED_TEST(FieldTest, ModulusIsTheExpectedPrime) {
  using F = TypeParam;
  mpz_class p = modulus<F>();
  EXPECT_GT(mpz_probab_prime_p(p.get_mpz_t(), 50), 0);
  EXPECT_EQ(mpz_sizeinbase(p.get_mpz_t(), 2), F::kModulusBits);
  EXPECT_GE(8 * F::kBytes, F::kModulusBits);
  EXPECT_LT(8 * (F::kBytes - 1), F::kModulusBits);
}

TYPED_TEST(FieldTest, DerivedConstantsAgreeWithGmp) {
  using F = TypeParam;
  mpz_class p = modulus<F>();
  mpz_class R = mpz_class(1) << (64 * F::kLimbs);
  EXPECT_EQ(to_mpz(F::kR), R % p);
  EXPECT_EQ(to_mpz(F::kR2), (R * R) % p);
  EXPECT_EQ(to_mpz(F::kR3), (R * R * R) % p);
  mpz_class two64 = mpz_class(1) << 64;
  mpz_class inv = mpz_class(F::kInv);
  EXPECT_EQ((inv * p + 1) % two64, 0) << "kInv must be -p^-1 mod 2^64";
  EXPECT_EQ(to_mpz(F::one().mont), R % p);
  // p - 1 = 2^s * t with t odd.
  mpz_class t = to_mpz(F::kTrace);
  EXPECT_EQ(t % 2, 1);
  EXPECT_EQ(t << F::kTwoAdicity, p - 1);
}

TYPED_TEST(FieldTest, GeneratorIsANonResidue) {
  using F = TypeParam;
  mpz_class p = modulus<F>(), g = F::generator().to_canonical()[0];
  EXPECT_EQ(mpz_legendre(g.get_mpz_t(), p.get_mpz_t()), -1);
  EXPECT_EQ(F::generator().legendre(), -1);
}

TYPED_TEST(FieldTest, TwoAdicRootOfUnity) {
  using F = TypeParam;
  mpz_class p = modulus<F>();
  mpz_class g = F::generator().to_canonical()[0];
  mpz_class expected;
  mpz_powm(expected.get_mpz_t(), g.get_mpz_t(), to_mpz(F::kTrace).get_mpz_t(), p.get_mpz_t());
  F w = F::two_adic_root_of_unity();
  EXPECT_EQ(value(w), expected);
  // Order exactly 2^s: w^(2^(s-1)) = -1.
  F x = w;
  for (unsigned i = 0; i + 1 < F::kTwoAdicity; ++i) x = x.square();
  EXPECT_EQ(x, -F::one());
  EXPECT_TRUE(x.square().is_one());
}

TYPED_TEST(FieldTest, AddSubNegDblMulSquareAgreeWithGmp) {
  using F = TypeParam;
  mpz_class p = modulus<F>();
  auto xs = sample<F>(kSamples, 1);
  auto ys = sample<F>(kSamples, 2);
  std::reverse(ys.begin(), ys.end());
  for (size_t i = 0; i < xs.size(); ++i) {
    const F &a = xs[i], &b = ys[i];
    mpz_class A = value(a), B = value(b);
    ASSERT_LT(A, p);
    ASSERT_EQ(value(a + b), (A + B) % p) << i;
    ASSERT_EQ(value(a - b), ((A - B) % p + p) % p) << i;
    ASSERT_EQ(value(-a), (p - A) % p) << i;
    ASSERT_EQ(value(a.dbl()), (2 * A) % p) << i;
    ASSERT_EQ(value(a * b), (A * B) % p) << i;
    ASSERT_EQ(value(a.square()), (A * A) % p) << i;
    F c = a;
    c += b;
    ASSERT_EQ(c, a + b);
    c = a;
    c -= b;
    ASSERT_EQ(c, a - b);
    c = a;
    c *= b;
    ASSERT_EQ(c, a * b);
    ASSERT_EQ(a.is_zero(), A == 0);
    ASSERT_EQ(a.is_one(), A == 1);
    ASSERT_EQ(a == b, A == B);
    ASSERT_EQ(a != b, A != B);
  }
}

TYPED_TEST(FieldTest, FromU64) {
  using F = TypeParam;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 1000; ++i) {
    uint64_t x = rng();
    ASSERT_EQ(value(F::from_u64(x)), mpz_class(std::to_string(x)) % modulus<F>());
  }
  EXPECT_TRUE(F::from_u64(0).is_zero());
  EXPECT_TRUE(F::from_u64(1).is_one());
}

TYPED_TEST(FieldTest, InversesAgreeWithGmp) {
  using F = TypeParam;
  mpz_class p = modulus<F>();
  for (const F& a : sample<F>(kSamples, 4)) {
    mpz_class A = value(a), expected = 0;
    if (A != 0) mpz_invert(expected.get_mpz_t(), A.get_mpz_t(), p.get_mpz_t());
    ASSERT_EQ(value(a.inverse()), expected);
    ASSERT_EQ(value(a.inverse_vartime()), expected);
  }
}

// The divsteps inverse skips runs of zero bits and batches 62 steps: powers of two and
// their neighbours (long runs of zeros or ones in either operand) against GMP.
TYPED_TEST(FieldTest, InverseVartimeOnStructuredValues) {
  using F = TypeParam;
  const mpz_class p = modulus<F>();
  for (unsigned k = 0; k < F::kModulusBits; ++k) {
    const mpz_class two_k = mpz_class(1) << k;
    const mpz_class values[] = {two_k % p, (two_k + 1) % p, (two_k - 1) % p, (p - two_k) % p};
    for (const mpz_class& A : values) {
      if (A == 0) continue;
      mpz_class expected;
      mpz_invert(expected.get_mpz_t(), A.get_mpz_t(), p.get_mpz_t());
      ASSERT_EQ(value(from_value<F>(A).inverse_vartime()), expected) << k;
    }
  }
}

TYPED_TEST(FieldTest, BatchInverse) {
  using F = TypeParam;
  auto xs = sample<F>(kSamples, 5);
  xs[17] = F::zero();
  xs[kSamples - 1] = F::zero();
  std::vector<F> ys = xs;
  F::batch_inverse(ys);
  for (size_t i = 0; i < xs.size(); ++i) ASSERT_EQ(ys[i], xs[i].inverse()) << i;
  std::vector<F> empty;
  F::batch_inverse(empty);
  std::vector<F> zeros(3);
  F::batch_inverse(zeros);
  for (auto& z : zeros) EXPECT_TRUE(z.is_zero());
}

TYPED_TEST(FieldTest, PowAgreesWithGmp) {
  using F = TypeParam;
  mpz_class p = modulus<F>();
  std::mt19937_64 rng(6);
  auto xs = sample<F>(kSamples, 7);
  for (size_t i = 0; i < xs.size(); ++i) {
    std::vector<uint64_t> e(1 + i % 3);
    for (auto& x : e) x = rng();
    if (i % 7 == 0) e.back() = 0;
    if (i == 0) e.assign(1, 0);
    mpz_class E;
    mpz_import(E.get_mpz_t(), e.size(), -1, 8, 0, 0, e.data());
    mpz_class A = value(xs[i]), expected;
    mpz_powm(expected.get_mpz_t(), A.get_mpz_t(), E.get_mpz_t(), p.get_mpz_t());
    ASSERT_EQ(value(xs[i].pow(e)), expected) << i;
    // pow_public takes exactly kLimbs limbs.
    typename F::Limbs el{};
    for (size_t k = 0; k < el.size(); ++k) el[k] = rng();
    if (i % 3 == 0) el[i % el.size()] = 0;
    if (i == 1) el = {};
    mpz_class EL = to_mpz(el);
    mpz_powm(expected.get_mpz_t(), A.get_mpz_t(), EL.get_mpz_t(), p.get_mpz_t());
    ASSERT_EQ(value(xs[i].pow_public(el)), expected) << i;
  }
}

TYPED_TEST(FieldTest, SqrtAndLegendreAgreeWithGmp) {
  using F = TypeParam;
  mpz_class p = modulus<F>();
  int residues = 0, non_residues = 0;
  for (const F& a : sample<F>(kSamples, 8)) {
    mpz_class A = value(a);
    int leg = mpz_legendre(A.get_mpz_t(), p.get_mpz_t());
    ASSERT_EQ(a.legendre(), leg);
    auto r = a.sqrt();
    ASSERT_EQ(r.has_value(), leg >= 0);
    if (r) {
      ASSERT_EQ(r->square(), a);
      ASSERT_EQ((-*r).square(), a);
      ++residues;
    } else {
      ++non_residues;
    }
    // Every square has a root (every 4th sample keeps the runtime small).
    if (residues % 4 == 0) {
      auto s = a.square().sqrt();
      ASSERT_TRUE(s.has_value());
      ASSERT_TRUE(*s == a || *s == -a);
    }
  }
  EXPECT_GT(residues, 4000);
  EXPECT_GT(non_residues, 4000);
}

TYPED_TEST(FieldTest, LexicographicallyLargest) {
  using F = TypeParam;
  mpz_class half = (modulus<F>() - 1) / 2;
  for (const F& a : sample<F>(kSamples, 9)) {
    ASSERT_EQ(a.is_lexicographically_largest(), value(a) > half);
    if (!a.is_zero()) {
      ASSERT_NE(a.is_lexicographically_largest(), (-a).is_lexicographically_largest());
    }
  }
}

TYPED_TEST(FieldTest, CanonicalLimbs) {
  using F = TypeParam;
  for (const F& a : sample<F>(1000, 10)) {
    auto c = a.to_canonical();
    ASSERT_EQ(F::from_canonical(c), a);
  }
  EXPECT_FALSE(F::from_canonical(F::kModulus).has_value());
  typename F::Limbs all_ones;
  all_ones.fill(~uint64_t(0));
  EXPECT_FALSE(F::from_canonical(all_ones).has_value());
}

TYPED_TEST(FieldTest, BytesRoundTripAndLayout) {
  using F = TypeParam;
  constexpr size_t n = F::kBytes;
  for (const F& a : sample<F>(kSamples, 11)) {
    std::vector<uint8_t> be(n), le(n);
    a.to_bytes_be(be);
    a.to_bytes_le(le);
    ASSERT_EQ(F::from_bytes_be(be), a);
    ASSERT_EQ(F::from_bytes_le(le), a);
    std::vector<uint8_t> rev(le.rbegin(), le.rend());
    ASSERT_EQ(rev, be);
    // Big-endian bytes are the GMP export, left-padded with zeros.
    std::vector<uint8_t> gmp(n, 0);
    size_t count = 0;
    mpz_class A = value(a);
    std::vector<uint8_t> tmp(n + 8);
    mpz_export(tmp.data(), &count, 1, 1, 1, 0, A.get_mpz_t());
    std::copy(tmp.begin(), tmp.begin() + count, gmp.begin() + (n - count));
    ASSERT_EQ(be, gmp);
  }
}

TYPED_TEST(FieldTest, BytesRejectNonCanonicalAndWrongLength) {
  using F = TypeParam;
  constexpr size_t n = F::kBytes;
  auto be_of = [&](const mpz_class& z) {
    std::vector<uint8_t> out(n, 0), tmp(n + 8);
    size_t count = 0;
    mpz_export(tmp.data(), &count, 1, 1, 1, 0, z.get_mpz_t());
    std::copy(tmp.begin(), tmp.begin() + count, out.begin() + (n - count));
    return out;
  };
  mpz_class p = modulus<F>();
  for (const mpz_class& z :
       std::vector<mpz_class>{p, p + 1, p + 12345, (mpz_class(1) << (8 * n)) - 1}) {
    auto be = be_of(z);
    std::vector<uint8_t> le(be.rbegin(), be.rend());
    EXPECT_FALSE(F::from_bytes_be(be).has_value());
    EXPECT_FALSE(F::from_bytes_le(le).has_value());
  }
  auto ok = be_of(p - 1);
  EXPECT_EQ(F::from_bytes_be(ok), -F::one());
  for (size_t len : {size_t(0), size_t(1), n - 1, n + 1, 2 * n}) {
    std::vector<uint8_t> b(len, 0);
    EXPECT_FALSE(F::from_bytes_be(b).has_value()) << len;
    EXPECT_FALSE(F::from_bytes_le(b).has_value()) << len;
  }
}

TYPED_TEST(FieldTest, DecimalRoundTrip) {
  using F = TypeParam;
  for (const F& a : sample<F>(kSamples, 12)) {
    std::string s = a.to_decimal();
    ASSERT_EQ(s, value(a).get_str(10));
    ASSERT_EQ(F::from_decimal(s), a) << s;
  }
  EXPECT_EQ(F::from_decimal("0"), F::zero());
  EXPECT_EQ(F::from_decimal("1"), F::one());
  EXPECT_EQ(F::from_decimal(mpz_class(modulus<F>() - 1).get_str()), -F::one());
}

TYPED_TEST(FieldTest, DecimalRejectsNonCanonical) {
  using F = TypeParam;
  mpz_class p = modulus<F>();
  for (const std::string& s : std::vector<std::string>{
           std::string(""), std::string("+1"), std::string("-1"), std::string(" 1"),
           std::string("1 "), std::string("007"), std::string("00"), std::string("01"),
           std::string("0x10"), std::string("1a"), std::string("1.0"), std::string("1e3"),
           std::string("12\0"
                       "3",
                       4),
           p.get_str(), mpz_class(p + 1).get_str(), mpz_class(p * 1000).get_str(),
           std::string(500, '9')}) {
    EXPECT_FALSE(F::from_decimal(s).has_value()) << "accepted \"" << s << "\"";
  }
}

TYPED_TEST(FieldTest, WideBytesReduce) {
  using F = TypeParam;
  std::mt19937_64 rng(13);
  mpz_class p = modulus<F>();
  for (size_t len = 0; len <= 130; ++len) {
    for (int rep = 0; rep < 20; ++rep) {
      std::vector<uint8_t> b(len);
      for (auto& x : b) x = uint8_t(rng());
      if (rep == 0) std::fill(b.begin(), b.end(), 0xff);
      mpz_class z = 0;
      if (len) mpz_import(z.get_mpz_t(), len, -1, 1, 0, 0, b.data());
      ASSERT_EQ(value(F::from_bytes_wide_le(b)), z % p) << len;
    }
  }
}

TYPED_TEST(FieldTest, RandomIsInRangeAndVaried) {
  using F = TypeParam;
  std::mt19937_64 rng(14);
  mpz_class p = modulus<F>(), half = p / 2;
  int high = 0;
  for (int i = 0; i < 2000; ++i) {
    F a = F::random(rng);
    ASSERT_LT(value(a), p);
    high += value(a) > half;
  }
  EXPECT_GT(high, 800);
  EXPECT_LT(high, 1200);
}

TYPED_TEST(FieldTest, Select) {
  using F = TypeParam;
  F a = F::from_u64(5), b = F::from_u64(9);
  EXPECT_EQ(F::select(true, a, b), a);
  EXPECT_EQ(F::select(false, a, b), b);
}

}  // namespace
}  // namespace supervm::algebra::testing
