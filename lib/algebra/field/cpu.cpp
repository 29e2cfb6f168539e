#include "algebra/field/cpu.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#endif

namespace supervm::algebra::field {

bool cpu_has_bmi2_adx() {
#if defined(SUPERVM_FIELD_NO_ASM)
  return false;  // opt-out: portable arithmetic only
#elif defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  // CPUID leaf 7, sub-leaf 0: EBX bit 8 = BMI2 (MULX), bit 19 = ADX (ADCX/ADOX).
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
  return ((ebx >> 8) & 1) && ((ebx >> 19) & 1);
#else
  return false;
#endif
}

// Zero-initialized (portable path) until this dynamic initializer runs, so any
// use from other static initializers is still correct.
bool g_use_adx = cpu_has_bmi2_adx();

}  // namespace supervm::algebra::field
