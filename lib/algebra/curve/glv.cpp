#include "algebra/curve/glv.h"

#include <cstdlib>
#include <string>

namespace supervm::algebra::curve {
namespace {

mpz_class signed_hex(std::string_view s) {
  bool neg = !s.empty() && s[0] == '-';
  if (neg) s.remove_prefix(1);
  if (s.size() >= 2 && s[0] == '0' && s[1] == 'x') s.remove_prefix(2);
  mpz_class v(std::string(s), 16);
  return neg ? mpz_class(-v) : v;
}

// round(n / d) for d > 0, ties away from zero (any consistent rounding keeps the bound).
mpz_class round_div(const mpz_class& n, const mpz_class& d) {
  mpz_class twice = 2 * n + (n >= 0 ? d : mpz_class(-d));
  mpz_class q;
  mpz_tdiv_q(q.get_mpz_t(), twice.get_mpz_t(), mpz_class(2 * d).get_mpz_t());
  return q;
}

}  // namespace

mpz_class mpz_from_limbs(std::span<const uint64_t> limbs) {
  mpz_class v;
  mpz_import(v.get_mpz_t(), limbs.size(), -1, sizeof(uint64_t), 0, 0, limbs.data());
  return v;
}

void mpz_to_limbs(const mpz_class& v, std::span<uint64_t> out) {
  for (auto& l : out) l = 0;
  size_t count = 0;
  if (mpz_sizeinbase(v.get_mpz_t(), 2) > out.size() * 64) std::abort();
  mpz_export(out.data(), &count, -1, sizeof(uint64_t), 0, 0, v.get_mpz_t());
}

GlvLattice::GlvLattice(std::string_view a1, std::string_view b1, std::string_view a2,
                       std::string_view b2)
    : a1_(signed_hex(a1)), b1_(signed_hex(b1)), a2_(signed_hex(a2)), b2_(signed_hex(b2)) {
  det_ = a1_ * b2_ - a2_ * b1_;  // = +-r
}

std::array<GlvHalf, 2> GlvLattice::split(std::span<const uint64_t> k) const {
  mpz_class kk = mpz_from_limbs(k);
  mpz_class d = det_, nb2 = b2_, nb1 = -b1_;
  if (d < 0) {
    d = -d;
    nb2 = -nb2;
    nb1 = -nb1;
  }
  mpz_class c1 = round_div(kk * nb2, d);
  mpz_class c2 = round_div(kk * nb1, d);
  mpz_class k1 = kk - c1 * a1_ - c2 * a2_;
  mpz_class k2 = -c1 * b1_ - c2 * b2_;
  std::array<GlvHalf, 2> out;
  out[0].negative = k1 < 0;
  out[1].negative = k2 < 0;
  mpz_to_limbs(abs(k1), out[0].limbs);
  mpz_to_limbs(abs(k2), out[1].limbs);
  return out;
}

}  // namespace supervm::algebra::curve
