// BLS12-381 curve constants (hex, big endian), as published in
// draft-irtf-cfrg-pairing-friendly-curves-11 Sec. 4.2.1 and the zkcrypto bls12_381 crate.
// Endomorphism constants were computed from these with an independent script and are checked
// by tests/algebra/curve (phi(G1) == [lambda]G1, psi(G2) == [x]G2, beta^3 == 1).
#pragma once

#include <cstdint>

namespace supervm::algebra::bls12_381::params {

// Curve parameter x (the "u" of the specs) = -0xd201000000010000; we store |x|.
inline constexpr uint64_t kXAbs = 0xd201000000010000ULL;
inline constexpr bool kXNegative = true;

// E1: y^2 = x^3 + 4 over Fp.   E2: y^2 = x^3 + 4(u + 1) over Fp2 (M-type twist).
inline constexpr const char* kG1X =
    "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb";
inline constexpr const char* kG1Y =
    "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1";
inline constexpr const char* kG2X0 =
    "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8";
inline constexpr const char* kG2X1 =
    "13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e";
inline constexpr const char* kG2Y0 =
    "0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801";
inline constexpr const char* kG2Y1 =
    "0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be";

// Group order r and the G1 cofactor h1 = (x - 1)^2 / 3.
inline constexpr const char* kOrder =
    "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";
inline constexpr const char* kG1Cofactor = "396c8c005555e1568c00aaab0000aaab";
// G2 cofactor h2 (draft-irtf-cfrg-pairing-friendly-curves Sec. 4.2.1).
inline constexpr const char* kG2Cofactor =
    "5d543a95414e7f1091d50792876a202cd91de4547085abaa68a205b2e5a7ddfa628f1cb4d9e82ef21537e293a6691ae1"
    "616ec6e786f0c70cf1c38e31c7238e5";

// phi(x, y) = (beta * x, y) acts on G1 as [lambda] with lambda = -x^2 mod r
// (beta is a primitive cube root of unity in Fp).
inline constexpr const char* kBeta =
    "5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffefffe";
// Reduced GLV lattice for lambda = -x^2: v1 = (1, -(x^2 - 1)), v2 = (x^2, 1).
inline constexpr const char* kGlvA1 = "0x1";
inline constexpr const char* kGlvB1 = "-0xac45a4010001a40200000000ffffffff";
inline constexpr const char* kGlvA2 = "0xac45a4010001a4020000000100000000";
inline constexpr const char* kGlvB2 = "0x1";

// psi(x, y) = (conj(x) * kPsiX, conj(y) * kPsiY), the untwist-Frobenius-twist endomorphism of E2,
// with kPsiX = 1/(u+1)^((p-1)/3), kPsiY = 1/(u+1)^((p-1)/2). On G2 it acts as [x].
inline constexpr const char* kPsiX0 = "0";
inline constexpr const char* kPsiX1 =
    "1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bfd00000000aaad";
inline constexpr const char* kPsiY0 =
    "135203e60180a68ee2e9c448d77a2cd91c3dedd930b1cf60ef396489f61eb45e304466cf3e67fa0af1ee7b04121bdea2";
inline constexpr const char* kPsiY1 =
    "06af0e0437ff400b6831e36d6bd17ffe48395dabc2d3435e77f76e17009241c5ee67992f72ec05f4c81084fbede3cc09";
// psi^2(x, y) = (x * kPsi2X, y * kPsi2Y) with both constants in Fp.
inline constexpr const char* kPsi2X =
    "1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bfd00000000aaac";
inline constexpr const char* kPsi2Y =
    "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaaa";

}  // namespace supervm::algebra::bls12_381::params
