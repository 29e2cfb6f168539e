#!/usr/bin/env bash
# Installs the interoperability oracle (snarkjs 0.7.6, pinned with every transitive
# dependency by package-lock.json) into tests/interop/node_modules with `npm ci`.
#
# Called by scripts/test.sh before every run, so it is idempotent and quiet: when the
# installed tree was made from the current lockfile it does nothing. The lockfile pins the
# same versions as ../shared/testvectors/snarkjs/package-lock.json (the toolchain that made
# the test vectors), minus circom2 and circomlib, which the tests do not need.
#
# Without node/npm or without registry access it warns on stderr and exits 0: the interop
# tests then report themselves as SKIPPED with the reason, instead of the whole suite failing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
stamp="$here/node_modules/.supervm-lock.sha256"
cli="$here/node_modules/snarkjs/build/cli.cjs"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "tests/interop/install.sh: node/npm not found; snarkjs interop tests will be skipped" >&2
  exit 0
fi

want=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ -f "$cli" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

# --ignore-scripts: snarkjs and its dependencies are plain JavaScript/WebAssembly and need no
# install hooks; not running them keeps the install reproducible and side-effect free.
log=$(mktemp)
if (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >"$log" 2>&1); then
  echo "$want" >"$stamp"
  rm -f "$log"
else
  echo "tests/interop/install.sh: npm ci failed; snarkjs interop tests will be skipped:" >&2
  tail -n 5 "$log" >&2
  rm -f "$log"
fi
exit 0
