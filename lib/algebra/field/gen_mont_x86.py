#!/usr/bin/env python3
"""Generates mont_x86_gen.h: Montgomery multiplication for 4 and 6 limbs with
MULX/ADCX/ADOX (x86-64 BMI2 + ADX) as GCC/Clang inline assembly.

Algorithm: CIOS (Koc, Acar, Kaliski 1996) with two interleaved carry chains
(CF via ADCX, OF via ADOX) as described in Intel's "New Instructions Supporting
Large Integer Arithmetic" white paper (Gopal et al., 2012). Requires
p < 2^(64N-1) so one extra word (A) per row is enough. The final conditional
subtraction uses CMOV inside the same block.

Also: the plain double-width product (mul_wide) and a separate Montgomery
reduction (redc) for lazy reduction in Fp2 (sums of products reduced once).

Run: python3 gen_mont_x86.py > mont_x86_gen.h
"""


def gen_mul(n):
    regs = [f"r{i}" for i in range(n + 1)]
    T = regs[:n]
    A = regs[n]
    L = []

    def e(s):
        L.append(s)

    # Row 0: t = a * b[0] (t was zero), a single ADC chain.
    e("movq 0(%[b]), %%rdx")
    e(f"mulxq 0(%[a]), %[{T[0]}], %[{T[1]}]")
    for j in range(1, n):
        hi = T[j + 1] if j + 1 < n else A
        e(f"mulxq {8*j}(%[a]), %[lo], %[{hi}]")
        e(f"{'addq' if j == 1 else 'adcq'} %[lo], %[{T[j]}]")
    e(f"adcq $0, %[{A}]")
    for i in range(n):
        if i > 0:
            # (A, t) = t + a * b[i]
            e(f"movq {8*i}(%[b]), %%rdx")
            e(f"xorl %k[{A}], %k[{A}]")
            for j in range(n):
                e(f"mulxq {8*j}(%[a]), %[lo], %[hi]")
                e(f"adcxq %[lo], %[{T[j]}]")
                e(f"adoxq %[hi], %[{T[j+1] if j + 1 < n else A}]")
            e("movl $0, %k[lo]")
            e(f"adcxq %[lo], %[{A}]")
        # m = t0 * inv; (A, t) += m * p; shift down one word.
        e(f"movq %[{T[0]}], %%rdx")
        e("imulq %[inv], %%rdx")
        e("xorl %k[lo], %k[lo]")
        for j in range(n):
            e(f"mulxq {8*j}(%[p]), %[lo], %[hi]")
            e(f"adcxq %[lo], %[{T[j]}]")
            e(f"adoxq %[hi], %[{T[j+1] if j + 1 < n else A}]")
        e("movl $0, %k[lo]")
        e(f"adcxq %[lo], %[{A}]")
        T, A = T[1:] + [A], T[0]
    # Final conditional subtraction: s = t - p in the free registers, keep s
    # unless it borrowed (t < p). Free: lo, hi, rdx, A, and the a/b pointers.
    free = ["lo", "hi", "%%rdx", A, "a", "b"][:n]
    def reg(x):
        return x if x.startswith("%%") else f"%[{x}]"
    for j in range(n):
        e(f"movq %[{T[j]}], {reg(free[j])}")
        e(f"{'subq' if j == 0 else 'sbbq'} {8*j}(%[p]), {reg(free[j])}")
    for j in range(n):
        e(f"cmovncq {reg(free[j])}, %[{T[j]}]")
    body = "\n".join(f'      "{s}\\n\\t"' for s in L)
    outs = ", ".join(f'[{r}] "=&r"({r})' for r in regs)
    res = "\n".join(f"  r[{j}] = {T[j]};" for j in range(n))
    decl = ", ".join(regs)
    return f"""// r = a * b * 2^(-{64*n}) mod p, fully reduced.
[[gnu::always_inline]] inline void mul_adx_{n}(uint64_t* r, const uint64_t* a, const uint64_t* b,
                                             const uint64_t* p, uint64_t inv) {{
  uint64_t {decl}, lo, hi;
  asm(
{body}
      : {outs}, [lo] "=&r"(lo), [hi] "=&r"(hi), [a] "+r"(a), [b] "+r"(b)
      : [p] "r"(p), [inv] "m"(inv) SUPERVM_MONT_ADX_MEM_IN({n})
      : "rdx", "cc" SUPERVM_MONT_ADX_MEM_CLOBBER);
{res}
}}
"""


def gen_mul_wide(n):
    """r[0..2n) = a * b (no reduction), schoolbook rows with two carry chains."""
    T = [f"r{i}" for i in range(n + 1)]
    regs = list(T)
    L = []

    def e(s):
        L.append(s)

    e("movq 0(%[b]), %%rdx")
    e(f"mulxq 0(%[a]), %[{T[0]}], %[{T[1]}]")
    for j in range(1, n):
        e(f"mulxq {8*j}(%[a]), %[lo], %[{T[j+1]}]")
        e(f"{'addq' if j == 1 else 'adcq'} %[lo], %[{T[j]}]")
    e(f"adcq $0, %[{T[n]}]")
    e(f"movq %[{T[0]}], 0(%[r])")
    T = T[1:] + [T[0]]
    for i in range(1, n):
        e(f"movq {8*i}(%[b]), %%rdx")
        e(f"xorl %k[{T[n]}], %k[{T[n]}]")
        for j in range(n):
            e(f"mulxq {8*j}(%[a]), %[lo], %[hi]")
            e(f"adcxq %[lo], %[{T[j]}]")
            e(f"adoxq %[hi], %[{T[j+1]}]")
        e("movl $0, %k[lo]")
        e(f"adcxq %[lo], %[{T[n]}]")
        e(f"movq %[{T[0]}], {8*i}(%[r])")
        T = T[1:] + [T[0]]
    for j in range(n):
        e(f"movq %[{T[j]}], {8*(n+j)}(%[r])")
    body = "\n".join(f'      "{s}\\n\\t"' for s in L)
    outs = ", ".join(f'[{r}] "=&r"({r})' for r in regs)
    decl = ", ".join(regs)
    # volatile: the block's only result is the memory at r. Sanitizer and -O0
    # builds describe that memory with a "memory" clobber instead of an "=m"
    # operand, and GCC deletes a non-volatile asm whose register outputs are
    # all unused, clobber or not (GCC 12 did exactly that under
    # -O2 -fsanitize=address: r was never written).
    return f"""// r[0..{2*n}) = a * b, the full {128*n}-bit product (no reduction).
[[gnu::always_inline]] inline void mul_wide_adx_{n}(uint64_t* r, const uint64_t* a,
                                                  const uint64_t* b) {{
  uint64_t {decl}, lo, hi;
  asm volatile(
{body}
      : {outs}, [lo] "=&r"(lo), [hi] "=&r"(hi) SUPERVM_MONT_ADX_MEM_OUT({2*n})
      : [a] "r"(a), [b] "r"(b), [r] "r"(r) SUPERVM_MONT_ADX_MEM_IN2({n})
      : "rdx", "cc" SUPERVM_MONT_ADX_MEM_CLOBBER);
}}
"""


def gen_redc(n):
    """Montgomery reduction of t[0..2n) (t < p * 2^(64n)): returns
    u = t_high + (t_low + m p) / 2^(64n) < 2p in out[0..n), not yet reduced.
    m depends only on t_low, so only the low half goes through the rows."""
    T = [f"r{i}" for i in range(n)]
    A = f"r{n}"
    regs = T + [A]
    L = []

    def e(s):
        L.append(s)

    for j in range(n):
        e(f"movq {8*j}(%[t]), %[{T[j]}]")
    for i in range(n):
        e(f"movq %[{T[0]}], %%rdx")
        e("imulq %[inv], %%rdx")
        e(f"xorl %k[{A}], %k[{A}]")
        for j in range(n):
            e(f"mulxq {8*j}(%[p]), %[lo], %[hi]")
            e(f"adcxq %[lo], %[{T[j]}]")
            e(f"adoxq %[hi], %[{T[j+1] if j + 1 < n else A}]")
        e("movl $0, %k[lo]")
        e(f"adcxq %[lo], %[{A}]")
        T, A = T[1:] + [A], T[0]
    for j in range(n):
        e(f"{'addq' if j == 0 else 'adcq'} {8*(n+j)}(%[t]), %[{T[j]}]")
    body = "\n".join(f'      "{s}\\n\\t"' for s in L)
    outs = ", ".join(f'[{r}] "=&r"({r})' for r in regs)
    res = "\n".join(f"  out[{j}] = {T[j]};" for j in range(n))
    decl = ", ".join(regs)
    return f"""// out = (t + m p) / 2^{64*n} < 2p for t < p * 2^{64*n} (needs the caller's final
// conditional subtraction).
[[gnu::always_inline]] inline void redc_adx_{n}(uint64_t* out, const uint64_t* t,
                                              const uint64_t* p, uint64_t inv) {{
  uint64_t {decl}, lo, hi;
  asm(
{body}
      : {outs}, [lo] "=&r"(lo), [hi] "=&r"(hi)
      : [t] "r"(t), [p] "r"(p), [inv] "m"(inv) SUPERVM_MONT_ADX_MEM_IN_T({n})
      : "rdx", "cc" SUPERVM_MONT_ADX_MEM_CLOBBER);
{res}
}}
"""


print("""// GENERATED by gen_mont_x86.py -- do not edit by hand.
// Montgomery multiplication with MULX/ADCX/ADOX; only call when the CPU has
// BMI2 and ADX (see cpu.h). The assembler accepts these instructions without
// -march flags, so the functions inline into ordinary code.
#pragma once

#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SUPERVM_HAVE_MONT_ADX 1

// Optimized builds describe exactly which memory the block reads; unoptimized
// and sanitizer builds (no registers to spare for extra addresses with 6 limbs)
// use a "memory" clobber instead.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define SUPERVM_MONT_ADX_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SUPERVM_MONT_ADX_SANITIZED 1
#endif
#if defined(__OPTIMIZE__) && !defined(SUPERVM_MONT_ADX_SANITIZED)
#define SUPERVM_MONT_ADX_MEM_IN(n)                                         \\
  , "m"(*(const uint64_t(*)[n])a), "m"(*(const uint64_t(*)[n])b), \\
      "m"(*(const uint64_t(*)[n])p)
#define SUPERVM_MONT_ADX_MEM_IN2(n) \\
  , "m"(*(const uint64_t(*)[n])a), "m"(*(const uint64_t(*)[n])b)
#define SUPERVM_MONT_ADX_MEM_IN_T(n) \\
  , "m"(*(const uint64_t(*)[2 * n])t), "m"(*(const uint64_t(*)[n])p)
#define SUPERVM_MONT_ADX_MEM_OUT(n) , "=m"(*(uint64_t(*)[n])r)
#define SUPERVM_MONT_ADX_MEM_CLOBBER
#else
#define SUPERVM_MONT_ADX_MEM_IN(n)
#define SUPERVM_MONT_ADX_MEM_IN2(n)
#define SUPERVM_MONT_ADX_MEM_IN_T(n)
#define SUPERVM_MONT_ADX_MEM_OUT(n)
#define SUPERVM_MONT_ADX_MEM_CLOBBER , "memory"
#endif

namespace supervm::algebra::mont::x86 {
""")
print(gen_mul(4))
print(gen_mul(6))
print(gen_mul_wide(4))
print(gen_mul_wide(6))
print(gen_redc(4))
print(gen_redc(6))
print("""}  // namespace supervm::algebra::mont::x86

#endif""")
