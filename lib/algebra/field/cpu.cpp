#include "algebra/field/cpu.h"

namespace supervm::algebra::field {

bool cpu_has_bmi2_adx() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  __builtin_cpu_init();
  return __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("adx");
#else
  return false;
#endif
}

// Zero-initialized (portable path) until this dynamic initializer runs, so any
// use from other static initializers is still correct.
bool g_use_adx = cpu_has_bmi2_adx();

}  // namespace supervm::algebra::field
