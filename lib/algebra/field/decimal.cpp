#include "algebra/field/decimal.h"

#include <gmp.h>

#include <memory>

namespace supervm::algebra::field {
namespace {

struct Mpz {
  mpz_t v;
  Mpz() { mpz_init(v); }
  ~Mpz() { mpz_clear(v); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
};

}  // namespace

bool parse_decimal(std::string_view s, uint64_t* out, size_t n) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  if (s.size() > 1 && s[0] == '0') return false;
  // 20 digits per limb bound the size before GMP allocates anything big.
  if (s.size() > 20 * n + 1) return false;
  Mpz z;
  std::string copy(s);
  if (mpz_set_str(z.v, copy.c_str(), 10) != 0) return false;
  if (mpz_sizeinbase(z.v, 2) > 64 * n) return false;
  for (size_t i = 0; i < n; ++i) out[i] = 0;
  size_t count = 0;
  mpz_export(out, &count, -1, sizeof(uint64_t), 0, 0, z.v);
  return true;
}

std::string to_decimal(const uint64_t* in, size_t n) {
  Mpz z;
  mpz_import(z.v, n, -1, sizeof(uint64_t), 0, 0, in);
  std::unique_ptr<char[]> buf(new char[mpz_sizeinbase(z.v, 10) + 2]);
  mpz_get_str(buf.get(), 10, z.v);
  return std::string(buf.get());
}

}  // namespace supervm::algebra::field
