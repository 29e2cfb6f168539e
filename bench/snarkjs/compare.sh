#!/usr/bin/env bash
# Side-by-side proving speed of supervm and snarkjs 0.7.6 on the same .zkey and witness, in one
# run on this machine (ratios, not absolute times, are what compare across machines).
#   bench/snarkjs/compare.sh [BUILD_DIR] [RUNS]
# Needs tests/interop/install.sh (snarkjs) and a release build with bench_zk.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build/release}
runs=${2:-5}
vectors=${SUPERVM_SHARED_DIR:-$root/../shared}/testvectors/snarkjs

"$root/tests/interop/install.sh"
snark=$(node "$here/prove_time.js" "$vectors" "$runs" bn128/merkle20 bls12381/merkle20 bn128/range64)
ours=$(SUPERVM_SHARED_DIR="$(dirname "$vectors")/.." "$build/bench/bench_zk" \
  --benchmark_filter='groth16_prove_zkey/merkle20' --benchmark_repetitions="$runs" \
  --benchmark_report_aggregates_only=true --benchmark_format=json 2>/dev/null)
python3 - "$snark" "$ours" <<'PY'
import json, sys
snark = json.loads(sys.argv[1]); ours = json.loads(sys.argv[2])
med = {b["run_name"]: b["real_time"] for b in ours["benchmarks"] if b.get("aggregate_name") == "median"}
unit = {b["run_name"]: b["time_unit"] for b in ours["benchmarks"]}
scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
print(f"{'circuit':<22}{'snarkjs s':>12}{'supervm s':>12}{'speed-up':>10}")
for ours_name, snark_name in [("bn254/groth16_prove_zkey/merkle20", "bn128/merkle20"),
                              ("bls12_381/groth16_prove_zkey/merkle20", "bls12381/merkle20")]:
    found = [k for k in med if k == ours_name or k.startswith(ours_name + "/")]
    if not found: continue
    t = med[found[0]] * scale[unit[found[0]]]
    s = snark[snark_name]["median_s"]
    print(f"{snark_name:<22}{s:>12.4f}{t:>12.4f}{s / t:>9.2f}x")
print(f"snarkjs bn128/range64 median {snark['bn128/range64']['median_s']:.4f} s per proof (one at a time)")
PY

# Many proofs at once through the CLI (process start and key load included).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=200
for i in $(seq 1 $n); do
  echo "{\"id\": $i, \"witness\": \"$vectors/bn128/range64/proofs/valid_0$(( (i % 8) + 1 ))/witness.wtns\"}"
done > "$tmp/jobs.jsonl"
# CPU time is printed too: on a shared machine wall time mostly measures the other load.
start=$(date +%s.%N)
/usr/bin/time -f '%U %S' -o "$tmp/cpu" "$build/apps/supervm/supervm" --quiet prove \
  --zkey "$vectors/bn128/range64/range64_final.zkey" \
  --inputs "$tmp/jobs.jsonl" --out "$tmp/proofs.jsonl" --jobs 2
end=$(date +%s.%N)
read -r user sys < "$tmp/cpu"
python3 -c "n=$n; t=$end-$start; print(f'supervm prove --jobs 2, bn128/range64: {n} proofs in {t:.2f} s = {n/t:.0f} proofs/s (CPU {$user + $sys:.2f} s)')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
