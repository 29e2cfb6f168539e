// Prefetching a cache line that the caller is about to write.
//
// A plain prefetch asks for a readable copy. When another core holds the
// line (it wrote it last, as happens to State entries that the routing
// chunks of two threads take in turn), the first write then has to take the
// copy back from that core: a second trip, and for a claim word's atomic
// compare-and-swap a stall of the whole pipeline. PREFETCHW asks for the line
// as writable at once. CPUs that do not report it (CPUID 0x80000001, ECX bit
// 8) get a plain prefetch.
#pragma once

namespace supervm::vm {

// Whether this CPU has PREFETCHW; false until the dynamic initializer ran.
extern bool g_has_prefetchw;

inline void prefetch_for_write(const void* p) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  if (g_has_prefetchw) {
    asm volatile("prefetchw %0" ::"m"(*static_cast<const char*>(p)));
    return;
  }
#endif
  __builtin_prefetch(p, 1);
}

}  // namespace supervm::vm
