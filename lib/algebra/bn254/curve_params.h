// BN254 (alt_bn128) curve constants as used by the Ethereum precompiles (EIP-196, EIP-197) and
// draft-irtf-cfrg-pairing-friendly-curves Sec. 4.2.2 (BN254 with u = 4965661367192848881).
// Endomorphism constants were computed from these with an independent script and are checked
// by tests/algebra/curve (phi(G1) == [lambda]G1, psi(G2) == [p mod r]G2, beta^3 == 1).
#pragma once

#include <cstdint>

namespace supervm::algebra::bn254::params {

// Curve parameter u (positive, 63 bits): p = 36u^4 + 36u^3 + 24u^2 + 6u + 1.
inline constexpr uint64_t kU = 4965661367192848881ULL;

// E1: y^2 = x^3 + 3, G1 = (1, 2), cofactor 1.
// E2: y^2 = x^3 + 3/(9 + u) over Fp2 (D-type twist). Generator from EIP-197 (decimal).
inline constexpr const char* kG2X0 =
    "10857046999023057135944570762232829481370756359578518086990519993285655852781";
inline constexpr const char* kG2X1 =
    "11559732032986387107991004021392285783925812861821192530917403151452391805634";
inline constexpr const char* kG2Y0 =
    "8495653923123431417604973247489272438418190587263600148770280649306958101930";
inline constexpr const char* kG2Y1 =
    "4082367875863433681332203403145435568316851327593401208105741076214120093531";

inline constexpr const char* kOrder =
    "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001";
// G2 cofactor h2 = 2p - r.
inline constexpr const char* kG2Cofactor =
    "30644e72e131a029b85045b68181585e06ceecda572a2489345f2299c0f9fa8d";

// phi(x, y) = (beta x, y) acts on G1 as [lambda],
// lambda = 0x30644e72e131a029048b6e193fd84104cc37a73fec2bc5e9b8ca0b2d36636f23.
inline constexpr const char* kBeta =
    "30644e72e131a0295e6dd9e7e0acccb0c28f069fbb966e3de4bd44e5607cfd48";
inline constexpr const char* kGlvA1 = "0x6f4d8248eeb859fc8211bbeb7d4f1128";
inline constexpr const char* kGlvB1 = "-0x89d3256894d213e3";
inline constexpr const char* kGlvA2 = "0x89d3256894d213e3";
inline constexpr const char* kGlvB2 = "0x6f4d8248eeb859fd0be4e1541221250b";

// psi(x, y) = (conj(x) * kPsiX, conj(y) * kPsiY), kPsiX = xi^((p-1)/3), kPsiY = xi^((p-1)/2),
// xi = 9 + u. On G2 it acts as [p mod r] = [6u^2].
inline constexpr const char* kPsiX0 =
    "2fb347984f7911f74c0bec3cf559b143b78cc310c2c3330c99e39557176f553d";
inline constexpr const char* kPsiX1 =
    "16c9e55061ebae204ba4cc8bd75a079432ae2a1d0b7c9dce1665d51c640fcba2";
inline constexpr const char* kPsiY0 =
    "063cf305489af5dcdc5ec698b6e2f9b9dbaae0eda9c95998dc54014671a0135a";
inline constexpr const char* kPsiY1 =
    "07c03cbcac41049a0704b5a7ec796f2b21807dc98fa25bd282d37f632623b0e3";
inline constexpr const char* kPsi2X =
    "30644e72e131a0295e6dd9e7e0acccb0c28f069fbb966e3de4bd44e5607cfd48";
inline constexpr const char* kPsi2Y =
    "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd46";
// Reduced GLS lattice for lambda = 6u^2 (psi on G2).
inline constexpr const char* kGlsA1 = "0x6f4d8248eeb859fbf83e9682e87cfd46";
inline constexpr const char* kGlsB1 = "-0x1";
inline constexpr const char* kGlsA2 = "0x19d797039be763ba7";
inline constexpr const char* kGlsB2 = "0x6f4d8248eeb859fd95b806bca6f338ef";

}  // namespace supervm::algebra::bn254::params
