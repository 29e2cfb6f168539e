#include "algebra/curve_id.h"

namespace supervm::algebra {

std::optional<CurveId> parse_curve_name(std::string_view name) {
  if (name == "bls12-381" || name == "bls12_381" || name == "bls12381") return CurveId::kBls12_381;
  if (name == "bn254" || name == "bn128" || name == "alt_bn128") return CurveId::kBn254;
  return std::nullopt;
}

std::string_view curve_name(CurveId id) {
  switch (id) {
    case CurveId::kBls12_381:
      return "bls12-381";
    case CurveId::kBn254:
      return "bn254";
  }
  return "unknown";
}

std::array<CurveId, 2> enabled_curves() {
  return {CurveId::kBls12_381, CurveId::kBn254};
}

}  // namespace supervm::algebra
