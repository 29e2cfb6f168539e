#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs the whole suite.
#
#   scripts/test.sh            release build and every test, then the libFuzzer targets
#                              (fuzz preset, clang + ASan/UBSan) and their short fixed-seed runs
#   scripts/test.sh --no-fuzz  skip the fuzz build
#   scripts/test.sh --asan     the suite under AddressSanitizer + UBSan (build/asan), no fuzz build
#   scripts/test.sh -R REGEX   only tests whose name matches (passed to ctest)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=release
fuzz=1
ctest_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --asan) preset=asan; fuzz=0; shift ;;
    --preset) preset=$2; fuzz=0; shift 2 ;;
    --no-fuzz) fuzz=0; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) ctest_args+=("$1"); shift ;;
  esac
done

"$here/scripts/setup.sh" --preset "$preset"
cd "$here"
if [ -x "$here/tests/interop/install.sh" ]; then
  "$here/tests/interop/install.sh"
fi
ctest --test-dir "build/$preset" --output-on-failure -j "$(nproc)" --timeout 900 "${ctest_args[@]}"

if [ "$fuzz" = 1 ]; then
  "$here/scripts/setup.sh" --preset fuzz
  ctest --test-dir build/fuzz --output-on-failure -j "$(nproc)" --timeout 900 "${ctest_args[@]}"
fi
