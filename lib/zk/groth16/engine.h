// Curve engines: each bundles one pairing-friendly curve's types (lib/algebra/<curve>/) so the
// Groth16 code is written once as templates over an engine E:
//   E::Fr, E::G1, E::G1Affine, E::G2, E::G2Affine, E::kCurve, E::kName.
// Pairing operations live in zk/groth16/pairing_ops.h (the verifier needs them, the key and proof
// types do not), so file-format code can include this header alone.
#pragma once

#include "algebra/bls12_381/fields.h"
#include "algebra/bls12_381/g1.h"
#include "algebra/bls12_381/g2.h"
#include "algebra/bn254/fields.h"
#include "algebra/bn254/g1.h"
#include "algebra/bn254/g2.h"
#include "algebra/curve_id.h"

namespace supervm::zk {

struct Bls12_381Engine {
  using Fr = algebra::bls12_381::Fr;
  using Fq = algebra::bls12_381::Fp;
  using Fq2 = algebra::bls12_381::Fp2;
  using G1 = algebra::bls12_381::G1;
  using G1Affine = algebra::bls12_381::G1Affine;
  using G2 = algebra::bls12_381::G2;
  using G2Affine = algebra::bls12_381::G2Affine;
  static constexpr algebra::CurveId kCurve = algebra::CurveId::kBls12_381;
  static constexpr const char* kName = "bls12-381";
  static constexpr const char* kSnarkjsName = "bls12381";  // "curve" field of snarkjs JSON
};

struct Bn254Engine {
  using Fr = algebra::bn254::Fr;
  using Fq = algebra::bn254::Fp;
  using Fq2 = algebra::bn254::Fp2;
  using G1 = algebra::bn254::G1;
  using G1Affine = algebra::bn254::G1Affine;
  using G2 = algebra::bn254::G2;
  using G2Affine = algebra::bn254::G2Affine;
  static constexpr algebra::CurveId kCurve = algebra::CurveId::kBn254;
  static constexpr const char* kName = "bn254";
  static constexpr const char* kSnarkjsName = "bn128";
};

}  // namespace supervm::zk
