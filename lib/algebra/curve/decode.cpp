#include "algebra/curve/decode.h"

namespace supervm::algebra::curve {

const char* to_string(DecodeError e) {
  switch (e) {
    case DecodeError::kOk:
      return "ok";
    case DecodeError::kWrongLength:
      return "wrong encoding length";
    case DecodeError::kCoordinateTooLarge:
      return "coordinate is not below the field modulus";
    case DecodeError::kBadFlags:
      return "invalid combination of flag bits";
    case DecodeError::kNonCanonicalInfinity:
      return "point at infinity with non-zero coordinate bits";
    case DecodeError::kNotOnCurve:
      return "point is not on the curve";
    case DecodeError::kNoSquareRoot:
      return "x is not the x-coordinate of a curve point (no square root)";
    case DecodeError::kNotInSubgroup:
      return "point is not in the prime-order subgroup";
  }
  return "unknown decode error";
}

}  // namespace supervm::algebra::curve
