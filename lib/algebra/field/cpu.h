// Run-time choice between the portable and the x86-64 MULX/ADCX/ADOX
// Montgomery multiplication. The flag is read once per multiplication as a
// plain global (a predictable branch, no function-pointer call), so the ADX
// inline assembly still inlines into hot loops.
#pragma once

namespace supervm::algebra::field {

// True when CPUID reports both BMI2 (MULX) and ADX (ADCX/ADOX).
bool cpu_has_bmi2_adx();

// Whether Fp multiplication uses the ADX path. Initialized at program start
// from cpu_has_bmi2_adx(); tests and benchmarks may turn it off to exercise
// the portable path (never turn it on when the CPU lacks the instructions).
extern bool g_use_adx;

}  // namespace supervm::algebra::field
