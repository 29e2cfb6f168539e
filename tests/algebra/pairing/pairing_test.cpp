// Optimal ate pairing of both curves: bilinearity, non-degeneracy, order r, multi-pairing ==
// product of pairings, prepared == unprepared, the precompile-style check, the final
// exponentiation against plain exponentiation by (p^12 - 1)/r (GMP), line functions against
// affine arithmetic, and published known answers for e(G1, G2).
#include "algebra/bls12_381/pairing.h"

#include <gmpxx.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "affine_oracle.h"
#include "algebra/bls12_381/pairing_params.h"
#include "algebra/bn254/pairing.h"
#include "algebra/bn254/pairing_params.h"
#include "algebra/pairing/line.h"
#include "algebra/tower/pow.h"

namespace supervm::algebra {
namespace {

struct Bls {
  using Fp = bls12_381::Fp;
  using Fp2 = bls12_381::Fp2;
  using Fr = bls12_381::Fr;
  using Fp12 = bls12_381::Fp12;
  using G1Affine = bls12_381::G1Affine;
  using G2Affine = bls12_381::G2Affine;
  using G2Prepared = bls12_381::G2Prepared;
  using Params = bls12_381::PairingParams;
  // The HHT hard part yields e^3 (see lib/algebra/pairing/final_exp.h).
  static constexpr unsigned kExtraExponent = 3;
  static auto prepare(const G2Affine& q) { return bls12_381::prepare(q); }
  static Fp12 pairing(const G1Affine& p, const G2Affine& q) { return bls12_381::pairing(p, q); }
  static Fp12 miller_loop(const G1Affine& p, const G2Affine& q) {
    return bls12_381::miller_loop(p, q);
  }
  static Fp12 multi(std::span<const G1Affine> ps, std::span<const G2Prepared* const> qs) {
    return bls12_381::multi_miller_loop(ps, qs);
  }
  static Fp12 multi_affine(std::span<const G1Affine> ps, std::span<const G2Affine> qs) {
    return bls12_381::multi_miller_loop_affine(ps, qs);
  }
  static Fp12 final_exp(const Fp12& f) { return bls12_381::final_exponentiation(f); }
  static bool product_is_one(std::span<const G1Affine> ps, std::span<const G2Prepared* const> qs) {
    return bls12_381::pairing_product_is_one(ps, qs);
  }
};

struct Bn {
  using Fp = bn254::Fp;
  using Fp2 = bn254::Fp2;
  using Fr = bn254::Fr;
  using Fp12 = bn254::Fp12;
  using G1Affine = bn254::G1Affine;
  using G2Affine = bn254::G2Affine;
  using G2Prepared = bn254::G2Prepared;
  using Params = bn254::PairingParams;
  static constexpr unsigned kExtraExponent = 1;
  static auto prepare(const G2Affine& q) { return bn254::prepare(q); }
  static Fp12 pairing(const G1Affine& p, const G2Affine& q) { return bn254::pairing(p, q); }
  static Fp12 miller_loop(const G1Affine& p, const G2Affine& q) { return bn254::miller_loop(p, q); }
  static Fp12 multi(std::span<const G1Affine> ps, std::span<const G2Prepared* const> qs) {
    return bn254::multi_miller_loop(ps, qs);
  }
  static Fp12 multi_affine(std::span<const G1Affine> ps, std::span<const G2Affine> qs) {
    return bn254::multi_miller_loop_affine(ps, qs);
  }
  static Fp12 final_exp(const Fp12& f) { return bn254::final_exponentiation(f); }
  static bool product_is_one(std::span<const G1Affine> ps, std::span<const G2Prepared* const> qs) {
    return bn254::pairing_product_is_one(ps, qs);
  }
};

mpz_class to_mpz(std::span<const uint64_t> limbs) {
  mpz_class r;
  mpz_import(r.get_mpz_t(), limbs.size(), -1, sizeof(uint64_t), 0, 0, limbs.data());
  return r;
}

std::vector<uint64_t> to_limbs(const mpz_class& v) {
  std::vector<uint64_t> out((mpz_sizeinbase(v.get_mpz_t(), 2) + 63) / 64 + 1, 0);
  size_t count = 0;
  mpz_export(out.data(), &count, -1, sizeof(uint64_t), 0, 0, v.get_mpz_t());
  out.resize(count);
  return out;
}

template <class C>
struct PairingTest : ::testing::Test {
  using Fp = typename C::Fp;
  using Fp2 = typename C::Fp2;
  using Fr = typename C::Fr;
  using Fp12 = typename C::Fp12;
  using G1Affine = typename C::G1Affine;
  using G2Affine = typename C::G2Affine;
  std::mt19937_64 rng{0x9a1f2026};

  static mpz_class p() { return to_mpz((-Fp::one()).to_canonical()) + 1; }
  static mpz_class r() { return to_mpz((-Fr::one()).to_canonical()) + 1; }
  static test::AffinePt<Fp> g1() {
    auto g = G1Affine::generator();
    return {g.x, g.y, false};
  }
  static test::AffinePt<Fp2> g2() {
    auto g = G2Affine::generator();
    return {g.x, g.y, false};
  }
  static G1Affine to_g1(const test::AffinePt<Fp>& a) {
    return a.inf ? G1Affine() : G1Affine(a.x, a.y);
  }
  static G2Affine to_g2(const test::AffinePt<Fp2>& a) {
    return a.inf ? G2Affine() : G2Affine(a.x, a.y);
  }
  template <class F>
  static test::AffinePt<F> mul(const test::AffinePt<F>& pt, const Fr& k) {
    auto limbs = k.to_canonical();
    return test::oracle_mul(pt, std::span<const uint64_t>(limbs));
  }
  G1Affine rand_g1() { return to_g1(mul(g1(), Fr::random(rng))); }
  G2Affine rand_g2() { return to_g2(mul(g2(), Fr::random(rng))); }
  static Fp12 pow_fr(const Fp12& f, const Fr& k) {
    auto limbs = k.to_canonical();
    return pow_vartime(f, std::span<const uint64_t>(limbs));
  }
};

using Curves = ::testing::Types<Bls, Bn>;
TYPED_TEST_SUITE(PairingTest, Curves);

TYPED_TEST(PairingTest, GeneratorsAreOnTheCurves) {
  EXPECT_TRUE(TypeParam::G1Affine::generator().is_on_curve());
  EXPECT_TRUE(TypeParam::G2Affine::generator().is_on_curve());
}

TYPED_TEST(PairingTest, NonDegenerateAndOfOrderR) {
  auto e = TypeParam::pairing(TypeParam::G1Affine::generator(), TypeParam::G2Affine::generator());
  EXPECT_FALSE(e.is_one());
  auto rl = to_limbs(TestFixture::r());
  EXPECT_TRUE(pow_vartime(e, std::span<const uint64_t>(rl)).is_one());
}

TYPED_TEST(PairingTest, Bilinearity) {
  using Fr = typename TestFixture::Fr;
  const auto g1 = TestFixture::g1();
  const auto g2 = TestFixture::g2();
  auto e = TypeParam::pairing(TestFixture::to_g1(g1), TestFixture::to_g2(g2));
  for (int i = 0; i < 3; ++i) {
    Fr a = Fr::random(this->rng), b = Fr::random(this->rng);
    auto pa = TestFixture::to_g1(TestFixture::mul(g1, a));
    auto qb = TestFixture::to_g2(TestFixture::mul(g2, b));
    auto eab = TypeParam::pairing(pa, qb);
    EXPECT_EQ(eab, TestFixture::pow_fr(e, a * b));
    // e(aP, Q) == e(P, aQ)
    auto qa = TestFixture::to_g2(TestFixture::mul(g2, a));
    EXPECT_EQ(TypeParam::pairing(pa, TestFixture::to_g2(g2)),
              TypeParam::pairing(TestFixture::to_g1(g1), qa));
  }
}

TYPED_TEST(PairingTest, InfinityGivesOne) {
  using G1Affine = typename TestFixture::G1Affine;
  using G2Affine = typename TestFixture::G2Affine;
  EXPECT_TRUE(TypeParam::pairing(G1Affine(), G2Affine::generator()).is_one());
  EXPECT_TRUE(TypeParam::pairing(G1Affine::generator(), G2Affine()).is_one());
  EXPECT_TRUE(TypeParam::pairing(G1Affine(), G2Affine()).is_one());
}

TYPED_TEST(PairingTest, MultiPairingIsProductOfPairings) {
  using Fp12 = typename TestFixture::Fp12;
  using G1Affine = typename TestFixture::G1Affine;
  using G2Affine = typename TestFixture::G2Affine;
  using G2Prepared = typename TypeParam::G2Prepared;
  for (size_t n = 1; n <= 5; ++n) {
    std::vector<G1Affine> ps;
    std::vector<G2Affine> qs;
    for (size_t i = 0; i < n; ++i) {
      ps.push_back(this->rand_g1());
      qs.push_back(this->rand_g2());
    }
    if (n == 4) ps[1] = G1Affine();  // infinity inside a batch contributes 1
    if (n == 5) qs[3] = G2Affine();
    std::vector<G2Prepared> prep;
    for (auto& q : qs) prep.push_back(TypeParam::prepare(q));
    std::vector<const G2Prepared*> ptrs;
    for (auto& q : prep) ptrs.push_back(&q);
    Fp12 product = Fp12::one();
    Fp12 miller_product = Fp12::one();
    for (size_t i = 0; i < n; ++i) {
      product *= TypeParam::pairing(ps[i], qs[i]);
      miller_product *= TypeParam::miller_loop(ps[i], qs[i]);
    }
    Fp12 multi = TypeParam::multi(ps, ptrs);
    EXPECT_EQ(multi, miller_product) << "n=" << n;  // prepared == unprepared, exactly
    // Lines computed inside the loop: the same value as from the prepared lines.
    EXPECT_EQ(TypeParam::multi_affine(ps, qs), multi) << "n=" << n;
    EXPECT_EQ(TypeParam::final_exp(multi), product) << "n=" << n;
  }
  EXPECT_TRUE(TypeParam::multi({}, {}).is_one());
  EXPECT_TRUE(TypeParam::multi_affine({}, {}).is_one());
  std::vector<G1Affine> one_p{G1Affine::generator()};
  EXPECT_THROW(TypeParam::multi(one_p, {}), std::invalid_argument);
  EXPECT_THROW(TypeParam::multi_affine(one_p, {}), std::invalid_argument);
  // All pairs at infinity: 1.
  std::vector<G2Affine> inf_q{G2Affine()};
  EXPECT_TRUE(TypeParam::multi_affine(one_p, inf_q).is_one());
  G2Prepared bogus;  // claims a finite point but holds no lines
  bogus.infinity = false;
  const G2Prepared* bogus_ptr = &bogus;
  EXPECT_THROW(TypeParam::multi(one_p, std::span<const G2Prepared* const>(&bogus_ptr, 1)),
               std::invalid_argument);
}

TYPED_TEST(PairingTest, PrecompileStyleCheck) {
  using Fr = typename TestFixture::Fr;
  using G2Prepared = typename TypeParam::G2Prepared;
  auto p = this->rand_g1();
  auto q = this->rand_g2();
  auto pq = TypeParam::prepare(q);
  std::vector<typename TestFixture::G1Affine> ps{p, -p};
  std::vector<const G2Prepared*> qs{&pq, &pq};
  EXPECT_TRUE(TypeParam::product_is_one(ps, qs));  // e(P, Q) e(-P, Q) == 1
  // e(aP, bQ) e(-abP, Q) == 1 and not with ab + 1
  Fr a = Fr::random(this->rng), b = Fr::random(this->rng);
  const auto g1 = TestFixture::g1();
  auto pa = TestFixture::to_g1(TestFixture::mul(g1, a));
  auto qb = TypeParam::prepare(TestFixture::to_g2(TestFixture::mul(TestFixture::g2(), b)));
  auto g2p = TypeParam::prepare(TypeParam::G2Affine::generator());
  auto pab = TestFixture::to_g1(test::oracle_neg(TestFixture::mul(g1, a * b)));
  std::vector<typename TestFixture::G1Affine> ps2{pa, pab};
  std::vector<const G2Prepared*> qs2{&qb, &g2p};
  EXPECT_TRUE(TypeParam::product_is_one(ps2, qs2));
  ps2[1] = TestFixture::to_g1(test::oracle_neg(TestFixture::mul(g1, a * b + Fr::one())));
  EXPECT_FALSE(TypeParam::product_is_one(ps2, qs2));
}

TYPED_TEST(PairingTest, FinalExponentiationIsPowerByPMinusOneOverR) {
  using Fp12 = typename TestFixture::Fp12;
  mpz_class p = TestFixture::p(), r = TestFixture::r();
  mpz_class p12;
  mpz_pow_ui(p12.get_mpz_t(), p.get_mpz_t(), 12);
  ASSERT_EQ(mpz_divisible_p(mpz_class(p12 - 1).get_mpz_t(), r.get_mpz_t()), 1);
  mpz_class e = (p12 - 1) / r * TypeParam::kExtraExponent;
  auto el = to_limbs(e);
  for (int i = 0; i < 2; ++i) {
    Fp12 f = Fp12::random(this->rng);
    EXPECT_EQ(TypeParam::final_exp(f), pow_vartime(f, std::span<const uint64_t>(el)));
  }
  // And on a real Miller loop value.
  Fp12 f = TypeParam::miller_loop(this->rand_g1(), this->rand_g2());
  EXPECT_EQ(TypeParam::final_exp(f), pow_vartime(f, std::span<const uint64_t>(el)));
}

// The line coefficients (c0, cx, cy) describe, in affine coordinates of the twist, the line
// c0 + cx x + cy y = 0: it must pass through T and -2T (tangent) or T, Q and -(T + Q), and the
// projective point must land on 2T / T + Q.
TYPED_TEST(PairingTest, LineFunctionsAgainstAffineArithmetic) {
  using Fp2 = typename TestFixture::Fp2;
  using Fr = typename TestFixture::Fr;
  const Fp2 three_b = TypeParam::Params::three_b_twist();
  auto mul_by_three_b = [](const Fp2& a) { return TypeParam::Params::mul_by_three_b(a); };
  // The twist is y^2 = x^3 + b' and the fast constant multiplication agrees with 3b'.
  auto g2 = TestFixture::g2();
  EXPECT_EQ(g2.y.square() - g2.x.square() * g2.x + g2.y.square() - g2.x.square() * g2.x +
                g2.y.square() - g2.x.square() * g2.x,
            three_b);
  auto on_line = [](const pairing::LineCoeffs<Fp2>& l, const test::AffinePt<Fp2>& pt) {
    return (l.c0 + l.cx * pt.x + l.cy * pt.y).is_zero();
  };
  auto same = [](const pairing::G2Projective<Fp2>& t, const test::AffinePt<Fp2>& pt) {
    Fp2 zi = t.z.inverse();
    return t.x * zi == pt.x && t.y * zi == pt.y;
  };
  for (int i = 0; i < 5; ++i) {
    auto t = TestFixture::mul(TestFixture::g2(), Fr::random(this->rng));
    auto q = TestFixture::mul(TestFixture::g2(), Fr::random(this->rng));
    // Random projective scaling of T.
    Fp2 z = Fp2::random(this->rng);
    pairing::G2Projective<Fp2> tp{t.x * z, t.y * z, z};
    EXPECT_EQ(mul_by_three_b(z), z * three_b);
    auto l = pairing::doubling_step(tp, mul_by_three_b);
    auto t2 = test::oracle_add(t, t);
    EXPECT_TRUE(on_line(l, t));
    EXPECT_TRUE(on_line(l, test::oracle_neg(t2)));
    EXPECT_FALSE(l.cy.is_zero());
    EXPECT_TRUE(same(tp, t2));
    auto la = pairing::addition_step(tp, q.x, q.y);
    auto t2q = test::oracle_add(t2, q);
    EXPECT_TRUE(on_line(la, t2));
    EXPECT_TRUE(on_line(la, q));
    EXPECT_TRUE(on_line(la, test::oracle_neg(t2q)));
    EXPECT_TRUE(same(tp, t2q));
  }
  // Edge projective scalings (coefficients 0, 1, 2, p - 1, p - 2): the lazily reduced Y of the
  // doubling step must stay in range for them too.
  const Fp2 one = Fp2::one(), u{Fp2::Base::zero(), Fp2::Base::one()}, two = one.dbl();
  const Fp2 zs[] = {one, -one, u, -u, one + u, -(one + u), two, -two, two + u, -(two + two * u)};
  auto t = TestFixture::mul(TestFixture::g2(), Fr::random(this->rng));
  const auto t2 = test::oracle_add(t, t);
  for (const Fp2& z : zs) {
    pairing::G2Projective<Fp2> tp{t.x * z, t.y * z, z};
    auto l = pairing::doubling_step(tp, mul_by_three_b);
    EXPECT_TRUE(on_line(l, t));
    EXPECT_TRUE(on_line(l, test::oracle_neg(t2)));
    EXPECT_TRUE(same(tp, t2));
    // Doubling again from the (unnormalized) result.
    auto l2 = pairing::doubling_step(tp, mul_by_three_b);
    EXPECT_TRUE(on_line(l2, t2));
    EXPECT_TRUE(same(tp, test::oracle_add(t2, t2)));
  }
}

// Fp12 from 12 canonical Fp values in the order c0.c0.c0, c0.c0.c1, c0.c1.c0, ..., c1.c2.c1.
template <class Fp12, class Fp>
Fp12 fp12_from(const std::array<Fp, 12>& v) {
  using Fp2 = typename Fp12::Fp2;
  using Fp6 = typename Fp12::Fp6;
  auto f2 = [&](int i) { return Fp2{v[2 * i], v[2 * i + 1]}; };
  return Fp12{Fp6{f2(0), f2(1), f2(2)}, Fp6{f2(3), f2(4), f2(5)}};
}

// zkcrypto/bls12_381, src/pairings.rs, `Gt::generator()`: pairing(G1 generator, G2
// generator), stored there as raw Montgomery limbs (R = 2^384 mod p, as here).
TEST(PairingKnownAnswer, Bls12_381GeneratorPairingMatchesZkcrypto) {
  using bls12_381::Fp;
  const uint64_t mont[12][6] = {
      {0x1972e433a01f85c5, 0x97d32b76fd772538, 0xc8ce546fc96bcdf9, 0xcef63e7366d40614,
       0xa611342781843780, 0x13f3448a3fc6d825},
      {0xd26331b02e9d6995, 0x9d68a482f7797e7d, 0x9c9b29248d39ea92, 0xf4801ca2e13107aa,
       0xa16c0732bdbcb066, 0x083ca4afba360478},
      {0x59e261db0916b641, 0x2716b6f4b23e960d, 0xc8e55b10a0bd9c45, 0x0bdb0bd99c4deda8,
       0x8cf89ebf57fdaac5, 0x12d6b7929e777a5e},
      {0x5fc85188b0e15f35, 0x34a06e3a8f096365, 0xdb3126a6e02ad62c, 0xfc6f5aa97d9a990b,
       0xa12f55f5eb89c210, 0x1723703a926f8889},
      {0x93588f2971828778, 0x43f65b8611ab7585, 0x3183aaf5ec279fdf, 0xfa73d7e18ac99df6,
       0x64e176a6a64c99b0, 0x179fa78c58388f1f},
      {0x672a0a11ca2aef12, 0x0d11b9b52aa3f16b, 0xa44412d0699d056e, 0xc01d0177221a5ba5,
       0x66e0cede6c735529, 0x05f5a71e9fddc339},
      {0xd30a88a1b062c679, 0x5ac56a5d35fc8304, 0xd0c834a6a81f290d, 0xcd5430c2da3707c7,
       0xf0c27ff780500af0, 0x09245da6e2d72eae},
      {0x9f2e0676791b5156, 0xe2d1c8234918fe13, 0x4c9e459f3c561bf4, 0xa3e85e53b9d3e3c1,
       0x820a121e21a70020, 0x15af618341c59acc},
      {0x7c95658c24993ab1, 0x73eb38721ca886b9, 0x5256d749477434bc, 0x8ba41902ea504a8b,
       0x04a3d3f80c86ce6d, 0x18a64a87fb686eaa},
      {0xbb83e71bb920cf26, 0x2a5277ac92a73945, 0xfc0ee59f94f046a0, 0x7158cdf3786058f7,
       0x7cc1061b82f945f6, 0x03f847aa9fdbe567},
      {0x8078dba56134e657, 0x1cd7ec9a43998a6e, 0xb1aa599a1a993766, 0xc9a0f62f0842ee44,
       0x8e159be3b605dffa, 0x0c86ba0d4af13fc2},
      {0xe80ff2a06a52ffb1, 0x7694ca48721a906c, 0x7583183e03b08514, 0xf567afdd40cee4e2,
       0x9a6d96d2e526a5fc, 0x197e9f49861f2242},
  };
  std::array<Fp, 12> v;
  for (int i = 0; i < 12; ++i) {
    typename Fp::Limbs l;
    for (int j = 0; j < 6; ++j) l[j] = mont[i][j];
    v[i] = Fp::from_mont(l);
  }
  auto expected = fp12_from<bls12_381::Fp12>(v);
  auto e = bls12_381::pairing(bls12_381::G1Affine::generator(), bls12_381::G2Affine::generator());
  EXPECT_EQ(e, expected);
}

// Aptos framework, aptos-stdlib sources/cryptography/bn254_algebra.move, test constant
// GT_GENERATOR_SERIALIZED: arkworks (ark-bn254) serialization of the GT generator
// e(G1 generator, G2 generator), 12 little-endian 32-byte Fp values in tower order.
// ark-bn254's final exponentiation uses the Fuentes-Castaneda et al. hard part, which raises
// the exact pairing to m = 2x(6x^2 + 3x + 1) (coprime to r); ours is the exact pairing.
TEST(PairingKnownAnswer, Bn254GeneratorPairingMatchesArkworks) {
  using bn254::Fp;
  const std::string hex =
      "950e879d73631f5eb5788589eb5f7ef8d63e0a28de1ba00dfe4ca9ed3f252b264a8afb8eb4349db466ed1809"
      "ea4d7c39bdab7938821f1b0a00a295c72c2de002e01dbdfd0254134efcb1ec877395d25f937719b344adb1a5"
      "8d129be2d6f2a9132b16a16e8ab030b130e69c69bd20b4c45986e6744a98314b5c1a0f50faa90b04dbaf9ef8"
      "aeeee3f50be31c210b598f4752f073987f9d35be8f6770d83f2ffc0af0d18dd9d2dbcdf943825acc12a7a9dd"
      "ca45e629d962c6bd64908c3930a5541cfe2924dcc5580d5cef7a4bfdec90a91b59926f850d4a7923c01a5a5d"
      "bf0f5c094a2b9fb9d415820fa6b40c59bb9eade9c953407b0fc11da350a9d872cad6d3142974ca385854afdf"
      "5f583c04231adc5957c8914b6b20dc89660ed7c3bbe7c01d972be2d53ecdb27a1bcc16ac610db95aa7d237c8"
      "ff55a898cb88645a0e32530b23d7ebf5dafdd79b0f9c2ac4ba07ce18d3d16cf36e47916c4cae5d08d3afa813"
      "972c769e8514533e380c9443b3e1ee5c96fa3a0a73f301b626454721527bf900";
  ASSERT_EQ(hex.size(), 768u);
  std::array<Fp, 12> v;
  for (int i = 0; i < 12; ++i) {
    uint8_t bytes[32];
    for (int j = 0; j < 32; ++j)
      bytes[j] = (uint8_t)std::stoi(hex.substr(64 * i + 2 * j, 2), nullptr, 16);
    auto f = Fp::from_bytes_le(bytes);
    ASSERT_TRUE(f.has_value());
    v[i] = *f;
  }
  auto expected = fp12_from<bn254::Fp12>(v);
  auto e = bn254::pairing(bn254::G1Affine::generator(), bn254::G2Affine::generator());
  const uint64_t x = bn254::PairingParams::kXAbs;
  mpz_class m = mpz_class(2) * x * (mpz_class(6) * x * x + mpz_class(3) * x + 1);
  auto ml = to_limbs(m);
  EXPECT_EQ(pow_vartime(e, std::span<const uint64_t>(ml)), expected);
}

}  // namespace
}  // namespace supervm::algebra
