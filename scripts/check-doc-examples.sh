#!/usr/bin/env bash
# Runs every example of the man pages (lines starting with "$ " inside .Bd
# -literal blocks, "\e" continuations joined) and the README's first-run block,
# in a scratch directory holding the files the examples name. Fails when any
# example exits non-zero.
#
#   scripts/check-doc-examples.sh BINARY SOURCE_DIR SHARED_DIR
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
vectors=$3/testvectors/snarkjs/bn128/multiplier

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$bin" "$work/bin/supervm"
export PATH="$work/bin:$PATH"

fixtures() {  # the files the examples refer to, made fresh for each page
  local d=$1
  mkdir -p "$d"
  cp "$vectors/multiplier.r1cs" "$d/circuit.r1cs"
  cp "$vectors/multiplier_final.zkey" "$d/circuit_final.zkey"
  cp "$vectors/proofs/valid_01/witness.wtns" "$d/witness.wtns"
  cp "$vectors/verification_key.json" "$d/verification_key.json"
  cp "$vectors/proofs/valid_01/proof.json" "$d/proof.json"
  cp "$vectors/proofs/valid_01/public.json" "$d/public.json"
  for i in 1 2 3; do
    printf '{"id": %d, "proof": %s, "public": %s}\n' "$i" \
      "$(tr -d '\n' < "$vectors/proofs/valid_0$i/proof.json")" \
      "$(tr -d '\n' < "$vectors/proofs/valid_0$i/public.json")"
  done > "$d/proofs.jsonl"
}

failures=0
run_block() {  # name, directory, commands (one per line)
  local name=$1 dir=$2 cmds=$3 line
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    if ! (cd "$dir" && bash -euo pipefail -c "$line") >"$dir/.out" 2>&1; then
      echo "FAILED example in $name: $line" >&2
      sed 's/^/    /' "$dir/.out" >&2
      failures=$((failures + 1))
    fi
  done <<< "$cmds"
}

count=0
for page in "$src"/man/*.[1-9]; do
  cmds=$(awk '
    /^\.Bd -literal/ { inblock = 1; next }
    /^\.Ed/ { inblock = 0; next }
    inblock {
      line = $0
      gsub(/\\e/, "\\", line)
      if (cont != "") { cur = cur " " line } else if (line ~ /^\$ /) { cur = substr(line, 3) } else { next }
      if (cur ~ /\\$/) { sub(/\\$/, "", cur); cont = 1 } else { print cur; cur = ""; cont = "" }
    }' "$page")
  [ -n "$cmds" ] || continue
  dir="$work/$(basename "$page")"
  fixtures "$dir"
  run_block "$(basename "$page")" "$dir" "$cmds"
  count=$((count + $(grep -c . <<< "$cmds")))
done

# README: the fenced block that starts with B=build/release/apps/supervm/supervm.
readme=$(awk '/^```sh$/ { inblock = 1; block = ""; next } /^```$/ { if (inblock && block ~ /^B=build/) print block; inblock = 0; next } inblock { block = block $0 "\n" }' "$src/README.md")
if [ -n "$readme" ]; then
  dir="$work/readme"
  mkdir -p "$dir"
  if ! (cd "$dir" && bash -euo pipefail -c "${readme/B=build\/release\/apps\/supervm\/supervm/B=$bin}") >"$dir/.out" 2>&1; then
    echo "FAILED README first-run block" >&2
    sed 's/^/    /' "$dir/.out" >&2
    failures=$((failures + 1))
  fi
  count=$((count + 1))
fi

echo "doc examples: $count run, $failures failed"
[ "$failures" -eq 0 ]
