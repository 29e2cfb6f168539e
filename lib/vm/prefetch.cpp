#include "vm/prefetch.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#endif

namespace supervm::vm {

namespace {
bool cpu_has_prefetchw() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(0x80000001u, &eax, &ebx, &ecx, &edx)) return false;
  return (ecx >> 8) & 1;  // PRFCHW (AMD: 3DNowPrefetch)
#else
  return false;
#endif
}
}  // namespace

bool g_has_prefetchw = cpu_has_prefetchw();

}  // namespace supervm::vm
