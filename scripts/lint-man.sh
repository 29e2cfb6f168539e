#!/usr/bin/env bash
# Fails when mandoc reports anything at warning level or worse for a man page.
set -euo pipefail
out=$(mandoc -T lint -W warning "$1" 2>&1) || true
if [ -n "$out" ]; then
  printf '%s\n' "$out" >&2
  exit 1
fi
