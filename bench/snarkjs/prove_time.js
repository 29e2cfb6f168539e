#!/usr/bin/env node
'use strict';
// snarkjs 0.7.6 Groth16 proving time, in process (keys and witness already in memory, curve
// initialised by a warm-up proof), as the baseline for supervm's proving benchmarks.
// Prints one JSON object: {"<curve>/<circuit>": {"median_s": ..., "runs_s": [...]}, ...}.
//   node prove_time.js VECTORS_DIR RUNS CURVE/CIRCUIT...
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');
const snarkjs = require(path.join(__dirname, '../../tests/interop/node_modules/snarkjs'));

async function main() {
  const [vectors, runsText, ...cases] = process.argv.slice(2);
  const runs = parseInt(runsText, 10);
  const out = {};
  for (const c of cases) {
    const [curve, circuit] = c.split('/');
    const dir = path.join(vectors, curve, circuit);
    const zkey = { type: 'mem', data: new Uint8Array(fs.readFileSync(path.join(dir, `${circuit}_final.zkey`))) };
    const wtns = { type: 'mem', data: new Uint8Array(fs.readFileSync(path.join(dir, 'proofs/valid_01/witness.wtns'))) };
    await snarkjs.groth16.prove(zkey, wtns);  // warm-up
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await snarkjs.groth16.prove(zkey, wtns);
      times.push((performance.now() - t0) / 1000);
    }
    const sorted = [...times].sort((a, b) => a - b);
    out[c] = { median_s: sorted[Math.floor(sorted.length / 2)], runs_s: times };
  }
  console.log(JSON.stringify(out));
  process.exit(0);
}
main().catch((e) => { console.error(e); process.exit(1); });
