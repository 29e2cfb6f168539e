#!/usr/bin/env python3
"""Generates mont_x86_gen.h: Montgomery multiplication for 4 and 6 limbs with
MULX/ADCX/ADOX (x86-64 BMI2 + ADX) as GCC/Clang inline assembly.

Algorithm: CIOS (Koc, Acar, Kaliski 1996) with two interleaved carry chains
(CF via ADCX, OF via ADOX) as described in Intel's "New Instructions Supporting
Large Integer Arithmetic" white paper (Gopal et al., 2012). Requires
p < 2^(64N-1) so one extra word (A) per row is enough. The final conditional
subtraction uses CMOV inside the same block.

Also: the plain double-width product (mul_wide) and a separate Montgomery
reduction (redc, fully reduced) for lazy reduction in Fp2 (sums of products
reduced once).

Run: python3 gen_mont_x86.py > mont_x86_gen.h

Measured and rejected (session 3, bench_algebra latency chain x = x * y on the
2-core EPYC, core at 3.65 GHz by an add-chain calibration; CPU-time medians of
5, every variant against this kernel in one binary, load average 6-9):
  - zero register for the chain closers, top word written by MULX directly
    (gnark-style "no carry", 264 instead of 279 instructions for 6 limbs):
    BLS12-381 36.0 -> 35.7..36.6 ns, BN254 19.5 -> 19.6..19.8 ns;
  - blst's order (m first, the a*b[i] row shifted by one word before the m*p
    row): BLS 36.2..36.7, BN 19.5..20.6;
  - m computed at the start of each multiply row, m0 = a0 * (b0 * inv), limbs
    of a, b, p as separate memory operands: all within +-0.5 ns.
  Leaving out the XOR that starts a row (flags of the next row then depend on
  the end of the previous row's chains) costs +1.2 ns on BN254.
  Timing-only ablations (wrong results): no final subtraction -2.0 (BN) and
  -2.3 (BLS) ns; subtraction kept but no CMOV -2.1 / -1.8; 12 fewer MULX (BLS)
  -2.0, 8 fewer (BN) +-0; 24 extra LEA +-0; ADOX turned into ADCX (one serial
  chain) +-0; no IMUL +-0. So the chain is bound by the final conditional
  subtraction, which makes every output limb wait for the top limb's borrow,
  and for 6 limbs also by MULX throughput -- not by XOR/MOV/closing ADCX.

Session 4 (latency analysis; same chain, cycles = ns * 3.65 from an ADD-chain
calibration, a standalone harness with this file's kernels, CPU-time minima):
  - llvm-mca-14 knows no znver4, and its znver3 model gives ADCX/ADOX 4 cycles
    of ALU0/ALU1 each (block reciprocal throughput 160 cycles for the 6-limb
    loop, above the measured 130), so its timeline says nothing here. Measured
    on the machine instead: MULX lo 3 / hi 4 cycles, 1 per cycle; IMUL 3; CF
    and OF chains run in parallel (ADCX/ADOX 1 cycle each).
  - Where the chain's time goes (old operand order, 6 / 4 limbs: 130 / 72
    cycles; 4 independent chains: 120 / 58): m from a constant instead of
    t0 * inv (no serial m chain, wrong result) 128 / 58; no final subtraction
    116 / 56. So 4 limbs is bound by the m chain and the subtraction, 6 limbs
    by throughput. 6 MULX alone run 1 per cycle, but 6 MULX + 12 independent
    ADDs take 9.5-10 cycles (+6 ADDs 8.2, +18 ADDs 11.8): ALU ops compete
    with MULX. Removing the 11 (7) "movl $0" closers changed nothing.
  - Kept: the operand that changes from product to product goes into RDX (one
    load per row) and the other one is the MULX memory operand, i.e. Fp's
    mul_limbs passes (b, a). With the chained value as the memory operand all
    36 (16) MULX wait for its store-to-load forwarding; as the RDX operand only
    the 6 (4) row loads do: 130 -> 124 and 72 -> 63 cycles (bench_algebra:
    BLS12-381 36.4 -> 34.8 ns, BN254 19.2 -> 17.5 ns). No final subtraction on
    top of that would give 119 / 55. mul_wide_limbs passes (b, a) for the same
    reason: fp2_mul BN254 52.4-52.9 -> 51.2-51.3 ns, BLS12-381 101-104 -> 101.
    Still above the 32 ns target for 6 limbs: dropping the 66 ADOX (wrong
    result) gives 107 cycles, 12 fewer MULX 111 -- the 6-limb kernel is bound
    by the number of MULX plus about a quarter cycle per ALU op.
  - Rejected: 128-bit digits (m = T mod 2^128 * (-p^-1 mod 2^128), n/2 serial
    m steps, two reduction rows per step, 2 IMUL + 1 MULX per step): 4 limbs
    70 (old order) / 64 (new order, vs 63 for this kernel), 6 limbs 137 / 128.
    Same with the m computation flag-free (MULX + LEA) inside the second row,
    so that it is older than the row's later MULX: 73-78 for 4 limbs. Memory
    operands per limb ("m"(a[j]), RSP-relative, hoping for memory renaming)
    instead of pointer + offset: no change.

Session 5 (Zen 4, family 25 model 17; same chain method; CPU-time medians):
  - blst on this machine (npm @chainsafe/blst 0.2.10's vendored sources, its
    build.sh with -D__ADX__, i.e. mulx_mont_384; a C++ harness outside the repo
    with blst_fp_mul(&x, &x, &y) etc. in Google Benchmark loops shaped like
    bench_algebra's, same binary as ours, 3 runs, load 2-6): fp_mul 35.0-39.6
    ns (x = y * x 35.8-38.0), fp_sqr 35.6-37.3, fp2_mul 102-123, miller_loop
    262-302 us, final_exp 345-382 us. Ours at HEAD before this session: 34.5-
    35.2 / 33.0-34.7 / 101-115 ns, 263-334 / 305-388 us. The 26.8 ns in the
    issue was a Zen 5; on this Zen 4 blst's kernel is as slow as our old one.
  - Micro-benchmarks (6 independent MULX per block, plus other instructions,
    cycles per block): MULX alone 6.0; + 12 ADCX/ADOX 6.5; + 12 XOR-zero or
    MOV reg,reg 5.9; + 12 ADD 10.3, ADC 10.8, SBB 10.6, LEA 10.4, MOV $0 9.7,
    CMOV 12.0, IMUL (independent) 11.9. So next to MULX, ADCX/ADOX are nearly
    free while every flag-writing or immediate ALU op costs ~0.3-0.5 cycles.
  - Kept (chain harness, one binary, random interleaving, 8-10 repetitions;
    6 / 4 limbs in ns): old kernel 34.0 / 17.2; first row as an ADCX chain and
    MOV $0 closers replaced by zero registers 32.1 / 16.1 (with a dedicated
    14th zero register 32.5 / 16.2, but that one does not fit a sanitizer
    build with a frame pointer; the register rotation used here needs 13);
    then m = T0 * inv by MULX instead of IMUL 29.4 / 16.1. bench_algebra
    (binary of ad66e66 vs all of this session's changes, alternating three
    times, load 1.5-3.9): BLS12-381 fp_mul 34.5-34.7 -> 29.9-30.5 ns,
    fp_square 32.7-32.8 -> 30.6-30.8, fp2_mul 101-102 -> 94.3-95.0,
    fp2_square 80-81 -> 74.0-74.8; BN254 fp_mul 17.5-17.7 -> 15.9-16.0,
    fp_square 18.2-18.4 -> 17.5-18.0, fp2_mul 51.5-54.2 -> 48.1-48.2. Against
    blst in the harness above, same binary, twice: fp_mul 35.1-35.2 vs 29.9-
    31.7, fp_sqr 35.0-35.1 vs 30.6-30.7, fp2_mul 100-101 vs 92.7-93.7 ns,
    miller_loop 259 vs 252-253 us, final_exp 344 vs 306-308 us.
    Squares: the multiply kernel with a, a beats sqr_wide + redc + C++ final
    subtraction now (31.1 vs 33.8 ns BLS12-381, 17.8 vs 18.7 BN254), so
    Fp::sqr_limbs uses it; mul_wide's rows close like the multiply kernel's.
    redc adds the high half with ADCX and does the final subtraction inside the
    block (was ADD/ADC + reduce_once in C++): mul_wide + redc chain 34.6 ->
    33.7 ns (6 limbs), 20.5 -> 19.4 ns (4 limbs).
  - Rejected: zero register alone with the ADD/ADC first row: +0.6 ns (6
    limbs). Final subtraction as an ADCX chain adding 2^(64N) - p (a second
    constant array after p) + CMOVC: 6 limbs +-0, 4 limbs -0.6 ns (would need a
    {p, -p} array in Fp; BN254 is already below its target, not done).
    AVX-512 IFMA for one dependent product: 8 52-bit limbs, 8 serial rows of
    broadcast + 2 VPMADD52 (4 cycles) + m = t0 * inv (VPMADD52LUQ, 4) + a
    lane-0 broadcast (~3) + carry shift/normalisation, ~15 cycles per row and
    ~120 per product before the 64 <-> 52-bit conversions: no win for a
    single chain (it only pays for independent products in parallel lanes).
    Two independent chains interleaved in one loop take exactly twice as long
    as one (6 limbs 65 ns per pair): the kernel is throughput-bound, not
    latency-bound, so reordering for latency has nothing left to win.
"""


def emit_first_row(e, T, n):
    """T[0..n] = a * b[0] (T was zero): one ADCX chain. The row does not use `hi`, so
    zeroing it clears CF and gives the closing ADCX its zero (ADD/ADC and MOV $0 compete
    with MULX for execution resources on Zen 4, ADCX/ADOX much less; see the docstring)."""
    e("movq 0(%[b]), %%rdx")
    e("xorl %k[hi], %k[hi]")
    e(f"mulxq 0(%[a]), %[{T[0]}], %[{T[1]}]")
    for j in range(1, n):
        e(f"mulxq {8*j}(%[a]), %[lo], %[{T[j+1]}]")
        e(f"adcxq %[lo], %[{T[j]}]")
    e(f"adcxq %[hi], %[{T[n]}]")


def emit_mac_row(e, W, n, i, Z, lo, hi):
    """W[0..n) + a * b[i] with Z zero: the XOR of Z clears CF and OF, the last MULX leaves
    the row's high word in `hi`, and ADCX/ADOX of Z close both carry chains into it, so
    `hi` is the new top word (no MOV $0, which competes with MULX on Zen 4)."""
    e(f"movq {8*i}(%[b]), %%rdx")
    e(f"xorl %k[{Z}], %k[{Z}]")
    for j in range(n):
        e(f"mulxq {8*j}(%[a]), %[{lo}], %[{hi}]")
        e(f"adcxq %[{lo}], %[{W[j]}]")
        if j + 1 < n:
            e(f"adoxq %[{hi}], %[{W[j+1]}]")
    e(f"adcxq %[{Z}], %[{hi}]")
    e(f"adoxq %[{Z}], %[{hi}]")


def emit_reduce_row(e, T, A, n, zero_reg, lo="lo", hi="hi"):
    """m = T[0] * inv mod 2^64; (A, T) += m * p (T[0] becomes 0). `zero_reg` is the register the XOR
    that clears CF and OF also zeroes: A when it holds nothing yet, else the scratch `lo`.
    T[0] + lo(m * p[0]) is exactly 0 mod 2^64, so T[0] is the zero the closing ADCX adds
    (no MOV $0 into a scratch register)."""
    e(f"movq %[{T[0]}], %%rdx")
    # m = low word of T[0] * inv by MULX (the high word lands in the scratch `lo`):
    # IMUL here made the whole 6-limb kernel ~9 % slower on Zen 4 (see the docstring).
    e(f"mulxq %[inv], %%rdx, %[{lo}]")
    e(f"xorl %k[{zero_reg}], %k[{zero_reg}]")
    for j in range(n):
        e(f"mulxq {8*j}(%[p]), %[{lo}], %[{hi}]")
        e(f"adcxq %[{lo}], %[{T[j]}]")
        e(f"adoxq %[{hi}], %[{T[j+1] if j + 1 < n else A}]")
    e(f"adcxq %[{T[0]}], %[{A}]")


def gen_mul(n):
    """CIOS without any MOV $0 or extra zero register (13 registers, so it also fits
    sanitizer builds with a frame pointer). Register roles rotate: after a reduce row its
    T[0] is 0 and becomes Z, the zero of the next multiply row; that row's XOR Z clears
    the flags, its last MULX writes the high word into the scratch `hi`, which becomes the
    top word A (A = hi + CF + OF via ADCX Z / ADOX Z), and Z becomes the new scratch."""
    names = [f"r{i}" for i in range(n + 1)]
    regs = list(names)
    T = names[:n]
    A = names[n]
    lo, hi = "lo", "hi"
    L = []

    def e(s):
        L.append(s)

    # Row 0: t = a * b[0] (`hi` is still free there).
    emit_first_row(e, T + [A], n)
    Z = None
    for i in range(n):
        if i > 0:
            # (A, t) = t + a * b[i]; Z is zero.
            emit_mac_row(e, T, n, i, Z, lo, hi)
            A, hi = hi, Z
        # m = t0 * inv; (A, t) += m * p; shift down one word (t0 is now 0: the next Z).
        emit_reduce_row(e, T, A, n, lo, lo, hi)
        T, Z = T[1:] + [A], T[0]
    # Final conditional subtraction: s = t - p in the free registers, keep s
    # unless it borrowed (t < p). Free: lo, hi, rdx, Z, and the a/b pointers.
    free = [lo, hi, "%%rdx", Z, "a", "b"][:n]

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

    emit_first_row(e, T, n)
    e(f"movq %[{T[0]}], 0(%[r])")
    # W: the n words of the running sum; Z: the register of the word just stored
    # (zeroed by the row's XOR, it closes both chains into the last high word, which
    # stays in `hi`'s register and becomes the top word; Z becomes the scratch `hi`).
    W, Z, hi = T[1:], T[0], "hi"
    for i in range(1, n):
        emit_mac_row(e, W, n, i, Z, "lo", hi)
        W, hi = W + [hi], Z
        e(f"movq %[{W[0]}], {8*i}(%[r])")
        W, Z = W[1:], W[0]
    for j in range(n):
        e(f"movq %[{W[j]}], {8*(n+j)}(%[r])")
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
    """Montgomery reduction of t[0..2n) (t < p * 2^(64n)), fully reduced:
    u = t_high + (t_low + m p) / 2^(64n) < 2p, then the same CMOV conditional
    subtraction as the multiply kernel. m depends only on t_low, so only the low half
    goes through the rows; the high half is added by one ADCX chain."""
    T = [f"r{i}" for i in range(n)]
    A = f"r{n}"
    regs = T + [A]
    L = []

    def e(s):
        L.append(s)

    for j in range(n):
        e(f"movq {8*j}(%[t]), %[{T[j]}]")
    for i in range(n):
        emit_reduce_row(e, T, A, n, A)
        T, A = T[1:] + [A], T[0]
    # A (the last row's T[0]) is 0: its XOR clears CF for the ADCX chain.
    e(f"xorl %k[{A}], %k[{A}]")
    for j in range(n):
        e(f"adcxq {8*(n+j)}(%[t]), %[{T[j]}]")
    free = ["lo", "hi", "%%rdx", A, "t", "x"][:n]

    def reg(x):
        return x if x.startswith("%%") else f"%[{x}]"
    for j in range(n):
        e(f"movq %[{T[j]}], {reg(free[j])}")
        e(f"{'subq' if j == 0 else 'sbbq'} {8*j}(%[p]), {reg(free[j])}")
    for j in range(n):
        e(f"cmovncq {reg(free[j])}, %[{T[j]}]")
    body = "\n".join(f'      "{s}\\n\\t"' for s in L)
    outs = ", ".join(f'[{r}] "=&r"({r})' for r in regs)
    res = "\n".join(f"  out[{j}] = {T[j]};" for j in range(n))
    decl = ", ".join(regs)
    return f"""// out = t * 2^(-{64*n}) mod p, fully reduced, for t < p * 2^{64*n}.
[[gnu::always_inline]] inline void redc_adx_{n}(uint64_t* out, const uint64_t* t,
                                              const uint64_t* p, uint64_t inv) {{
  uint64_t {decl}, lo, hi, x;
  asm(
{body}
      : {outs}, [lo] "=&r"(lo), [hi] "=&r"(hi), [x] "=&r"(x), [t] "+r"(t)
      : [p] "r"(p), [inv] "m"(inv) SUPERVM_MONT_ADX_MEM_IN_T({n})
      : "rdx", "cc" SUPERVM_MONT_ADX_MEM_CLOBBER);
{res}
}}
"""


def gen_sqr_wide(n, budget):
    """r[0..2n) = a^2 (no reduction). Off-diagonal products a_i a_j (i < j)
    once, n(n-1)/2 MULX in shrinking rows with the two carry chains, then one
    pass that doubles them (ADCX x, x) and adds the diagonal a_i^2 (ADOX).
    Words that are final early are parked in r when registers run out
    (budget = registers for result words besides lo, hi, rdx, a, r)."""
    L = []

    def e(s):
        L.append(s)

    pool = [f"w{i}" for i in range(budget)]
    free = list(pool)
    loc = {}  # word index -> register name, or None when parked in r
    final = set()

    def take():
        if not free:
            # park the lowest final word that still sits in a register
            k = min(k for k in final if loc.get(k))
            e(f"movq %[{loc[k]}], {8*k}(%[r])")
            free.append(loc[k])
            loc[k] = None
        return free.pop(0)

    # Row 0: plain ADD/ADC chain into w1..wn (w0 = 0).
    e("movq 0(%[a]), %%rdx")
    loc[1] = take(); loc[2] = take()
    e(f"mulxq 8(%[a]), %[{loc[1]}], %[{loc[2]}]")
    for j in range(2, n):
        loc[j + 1] = take()
        e(f"mulxq {8*j}(%[a]), %[lo], %[{loc[j+1]}]")
        e(f"{'addq' if j == 2 else 'adcq'} %[lo], %[{loc[j]}]")
    if n > 2:
        e(f"adcq $0, %[{loc[n]}]")
    final.update([1, 2])
    for i in range(1, n - 1):
        top = i + n
        loc[top] = take()
        e(f"movq {8*i}(%[a]), %%rdx")
        e(f"xorl %k[{loc[top]}], %k[{loc[top]}]")
        for j in range(i + 1, n):
            e(f"mulxq {8*j}(%[a]), %[lo], %[hi]")
            e(f"adcxq %[lo], %[{loc[i+j]}]")
            e(f"adoxq %[hi], %[{loc[i+j+1]}]")
        e("movl $0, %k[lo]")
        e(f"adcxq %[lo], %[{loc[top]}]")
        final.update([2 * i + 1, 2 * i + 2])
    final.update(range(1, 2 * n - 1))
    # Doubling plus diagonal. w0 = 0 and w_{2n-1} = 0 before doubling; each
    # word pair is stored as soon as it is done, which frees its registers.
    free.extend(["lo", "hi"])

    def R(x):
        return "%%rdx" if x == "rdx" else f"%[{x}]"

    e("xorl %k[lo], %k[lo]")  # clears CF and OF
    for k in range(n):
        dlo, dhi = free.pop(0), free.pop(0)
        e(f"movq {8*k}(%[a]), %%rdx")
        e(f"mulxq %%rdx, %[{dlo}], %[{dhi}]")
        for idx, d in ((2 * k, dlo), (2 * k + 1, dhi)):
            if idx == 0:
                e(f"movq %[{d}], 0(%[r])")
            elif idx == 2 * n - 1:
                z = free[0]
                e(f"movl $0, %k[{z}]")
                e(f"adcxq %[{z}], %[{d}]")
                e(f"adoxq %[{z}], %[{d}]")
                e(f"movq %[{d}], {8*idx}(%[r])")
            else:
                if loc[idx] is None:  # parked: reload (rdx is free after the MULX)
                    loc[idx] = free.pop(0) if free else "rdx"
                    e(f"movq {8*idx}(%[r]), {R(loc[idx])}")
                x = R(loc[idx])
                e(f"adcxq {x}, {x}")
                e(f"adoxq %[{d}], {x}")
                e(f"movq {x}, {8*idx}(%[r])")
                if loc[idx] != "rdx":
                    free.append(loc[idx])
            free.append(d)
    body = "\n".join(f'      "{s}\\n\\t"' for s in L)
    outs = ", ".join(f'[{r}] "=&r"({r})' for r in pool)
    decl = ", ".join(pool)
    return f"""// r[0..{2*n}) = a^2, the full {128*n}-bit square (no reduction).
[[gnu::always_inline]] inline void sqr_wide_adx_{n}(uint64_t* r, const uint64_t* a) {{
  uint64_t {decl}, lo, hi;
  asm volatile(  // volatile: the result is only in memory (see mul_wide)
{body}
      : {outs}, [lo] "=&r"(lo), [hi] "=&r"(hi) SUPERVM_MONT_ADX_MEM_OUT({2*n})
      : [a] "r"(a), [r] "r"(r) SUPERVM_MONT_ADX_MEM_IN_A({n})
      : "rdx", "cc" SUPERVM_MONT_ADX_MEM_CLOBBER);
}}
"""


def gen_addsub(n, op):
    """r = a + b mod p or a - b mod p (a, b < p < 2^(64n-1)) in one block: one
    carry chain on the loaded limbs, one on a copy, CMOV picks (no branch, no
    flag round trip through a register)."""
    S = [f"s{i}" for i in range(n)]
    T = [f"t{i}" for i in range(n)]
    L = []

    def e(s):
        L.append(s)

    first, rest = ("addq", "adcq") if op == "add" else ("subq", "sbbq")
    for j in range(n):
        e(f"movq {8*j}(%[a]), %[{S[j]}]")
        e(f"{first if j == 0 else rest} {8*j}(%[b]), %[{S[j]}]")
    # add: t = s - p, borrow iff s < p -> keep s.  sub: t = d + p, carry iff
    # a < b (d wrapped) -> keep t.
    first, rest = ("subq", "sbbq") if op == "add" else ("addq", "adcq")
    for j in range(n):
        e(f"movq %[{S[j]}], %[{T[j]}]")
        e(f"{first if j == 0 else rest} %[p{j}], %[{T[j]}]")
    cm = "cmovcq" if op == "add" else "cmovncq"
    for j in range(n):
        e(f"{cm} %[{S[j]}], %[{T[j]}]")
    body = "\n".join(f'      "{x}\\n\\t"' for x in L)
    outs = ", ".join(f'[{r}] "=&r"({r})' for r in S + T)
    pin = ", ".join(f'[p{j}] "m"(p[{j}])' for j in range(n))
    res = "\n".join(f"  r[{j}] = {T[j]};" for j in range(n))
    what = "a + b" if op == "add" else "a - b"
    return f"""// r = {what} mod p for a, b < p. p should be a constant array (its limbs are
// memory operands).
[[gnu::always_inline]] inline void {op}_mod_{n}(uint64_t* r, const uint64_t* a, const uint64_t* b,
                                          const uint64_t* p) {{
  uint64_t {", ".join(S + T)};
  asm(
{body}
      : {outs}
      : [a] "r"(a), [b] "r"(b), {pin}, "m"(*(const uint64_t(*)[{n}])a),
        "m"(*(const uint64_t(*)[{n}])b)
      : "cc");
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
#define SUPERVM_MONT_ADX_MEM_IN_A(n) , "m"(*(const uint64_t(*)[n])a)
#define SUPERVM_MONT_ADX_MEM_IN_T(n) \\
  , "m"(*(const uint64_t(*)[2 * n])t), "m"(*(const uint64_t(*)[n])p)
#define SUPERVM_MONT_ADX_MEM_OUT(n) , "=m"(*(uint64_t(*)[n])r)
#define SUPERVM_MONT_ADX_MEM_CLOBBER
#else
#define SUPERVM_MONT_ADX_MEM_IN(n)
#define SUPERVM_MONT_ADX_MEM_IN2(n)
#define SUPERVM_MONT_ADX_MEM_IN_A(n)
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
print(gen_sqr_wide(4, 6))
print(gen_sqr_wide(6, 8))
print("""// Modular addition and subtraction need 2N + 2 registers and memory operands
// for p: optimized, unsanitized builds only (see SUPERVM_MONT_X86_ADDSUB).
#if defined(__OPTIMIZE__) && !defined(SUPERVM_MONT_ADX_SANITIZED)
#define SUPERVM_MONT_X86_ADDSUB 1
""")
print(gen_addsub(4, "add"))
print(gen_addsub(4, "sub"))
print(gen_addsub(6, "add"))
print(gen_addsub(6, "sub"))
print("#endif")
print("""}  // namespace supervm::algebra::mont::x86

#endif""")
