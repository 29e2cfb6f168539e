// supervm binary keys, proofs and witnesses: round trips on both curves (keys imported from the
// snarkjs .zkey files and made by our own setup), and the errors for wrong kind / curve /
// corruption.
#include "zk/formats/binary.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include "util/error.h"
#include "util/file.h"
#include "vectors.h"
#include "zk/formats/circom_wtns.h"
#include "zk/formats/snarkjs_json.h"
#include "zk/formats/snarkjs_zkey.h"

namespace supervm::zk::formats {
namespace {

using testing::read_bytes;
using testing::read_text;
using testing::vector_path;

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kUsage);
    return e.what();
  }
  ADD_FAILURE() << "no supervm::Error thrown";
  return "";
}

template <class Fr>
bool same_rows(const std::vector<QapEntry<Fr>>& a, const std::vector<QapEntry<Fr>>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].row != b[i].row || a[i].var != b[i].var || a[i].value != b[i].value) return false;
  return true;
}

template <class E>
void expect_same_pk(const ProvingKey<E>& a, const ProvingKey<E>& b) {
  EXPECT_TRUE(a.vk.alpha_g1 == b.vk.alpha_g1 && a.vk.beta_g2 == b.vk.beta_g2 &&
              a.vk.gamma_g2 == b.vk.gamma_g2 && a.vk.delta_g2 == b.vk.delta_g2);
  EXPECT_EQ(a.vk.ic, b.vk.ic);
  EXPECT_TRUE(a.beta_g1 == b.beta_g1 && a.delta_g1 == b.delta_g1);
  EXPECT_EQ(a.num_variables, b.num_variables);
  EXPECT_EQ(a.num_public, b.num_public);
  EXPECT_EQ(a.domain_size, b.domain_size);
  EXPECT_EQ(a.num_constraints, b.num_constraints);
  EXPECT_EQ(a.a_query, b.a_query);
  EXPECT_EQ(a.b_g1_query, b.b_g1_query);
  EXPECT_EQ(a.b_g2_query, b.b_g2_query);
  EXPECT_EQ(a.l_query, b.l_query);
  EXPECT_EQ(a.h_query, b.h_query);
  EXPECT_TRUE(same_rows(a.a_rows, b.a_rows));
  EXPECT_TRUE(same_rows(a.b_rows, b.b_rows));
  ASSERT_EQ(a.c_rows.has_value(), b.c_rows.has_value());
  if (a.c_rows) EXPECT_TRUE(same_rows(*a.c_rows, *b.c_rows));
}

template <class E>
void round_trip(const std::string& dir, const std::string& circuit) {
  SCOPED_TRACE(dir);
  auto pk = read_zkey<E>(read_bytes(vector_path(dir + "/" + circuit + "_final.zkey")), "k.zkey");
  auto pk_bytes = write_pk_bin<E>(pk);
  EXPECT_EQ(peek_binary(pk_bytes, "pk.bin").kind, FileKind::kProvingKey);
  EXPECT_EQ(peek_binary(pk_bytes, "pk.bin").curve, E::kCurve);
  expect_same_pk(read_pk_bin<E>(pk_bytes, "pk.bin"), pk);

  // Through a real file and the memory-mapped loader.
  std::string path = ::testing::TempDir() + "/supervm_pk_" + std::to_string(getpid()) + ".bin";
  util::write_file_atomic(path, pk_bytes);
  expect_same_pk(load_pk_file<E>(path), pk);
  std::remove(path.c_str());

  auto vk_bytes = write_vk_bin<E>(pk.vk);
  auto vk = read_vk_bin<E>(vk_bytes, "vk.bin");
  EXPECT_EQ(vk.ic, pk.vk.ic);
  EXPECT_TRUE(vk.alpha_g1 == pk.vk.alpha_g1 && vk.beta_g2 == pk.vk.beta_g2 &&
              vk.gamma_g2 == pk.vk.gamma_g2 && vk.delta_g2 == pk.vk.delta_g2);

  auto proof = read_proof_json<E>(read_text(vector_path(dir + "/proofs/valid_01/proof.json")), "p");
  auto proof_bytes = write_proof_bin<E>(proof);
  EXPECT_EQ(read_proof_bin<E>(proof_bytes, "proof.bin"), proof);

  auto w = read_wtns<typename E::Fr>(read_bytes(vector_path(dir + "/proofs/valid_01/witness.wtns")),
                                     "w.wtns");
  auto w_bytes = write_witness_bin<E>(w);
  EXPECT_EQ(read_witness_bin<E>(w_bytes, "w.bin"), w);
}

TEST(BinaryFormats, RoundTripBn254) {
  round_trip<Bn254Engine>("bn128/multiplier", "multiplier");
  round_trip<Bn254Engine>("bn128/range64", "range64");
}
TEST(BinaryFormats, RoundTripBls12_381) {
  round_trip<Bls12_381Engine>("bls12381/multiplier", "multiplier");
  round_trip<Bls12_381Engine>("bls12381/range64", "range64");
}

TEST(BinaryFormats, ProofSizesAreCompressed) {
  auto p = read_proof_json<Bn254Engine>(
      read_text(vector_path("bn128/multiplier/proofs/valid_01/proof.json")), "p");
  EXPECT_EQ(write_proof_bin<Bn254Engine>(p).size(), 16u + 32 + 64 + 32 + 32);
  auto q = read_proof_json<Bls12_381Engine>(
      read_text(vector_path("bls12381/multiplier/proofs/valid_01/proof.json")), "p");
  EXPECT_EQ(write_proof_bin<Bls12_381Engine>(q).size(), 16u + 48 + 96 + 48 + 32);
}

TEST(BinaryFormats, ErrorsNameKindCurveAndCorruption) {
  auto p = read_proof_json<Bn254Engine>(
      read_text(vector_path("bn128/multiplier/proofs/valid_01/proof.json")), "p");
  auto bytes = write_proof_bin<Bn254Engine>(p);
  EXPECT_EQ(error_of([&] { read_vk_bin<Bn254Engine>(bytes, "x.bin"); }),
            "x.bin: kind: file holds a proof, expected a verifying key");
  EXPECT_EQ(error_of([&] { read_proof_bin<Bls12_381Engine>(bytes, "x.bin"); }),
            "x.bin: curve: file is for curve bn254, expected bls12-381");
  auto flipped = bytes;
  flipped[20] ^= 0x04;
  EXPECT_EQ(error_of([&] { read_proof_bin<Bn254Engine>(flipped, "x.bin"); }),
            "x.bin: checksum: BLAKE2b checksum does not match: the file is corrupted");
  auto cut = bytes;
  cut.pop_back();
  EXPECT_NE(error_of([&] { read_proof_bin<Bn254Engine>(cut, "x.bin"); }).find("x.bin: length: "),
            std::string::npos);
  std::vector<uint8_t> junk(100, 0x41);
  EXPECT_EQ(error_of([&] { peek_binary(junk, "x.bin"); }),
            "x.bin: magic: not a supervm binary file (magic is not SVM\\0)");
}

}  // namespace
}  // namespace supervm::zk::formats
