#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs the whole suite.
#
#   scripts/test.sh            release build, every test
#   scripts/test.sh --asan     the same under AddressSanitizer + UBSan (build/asan)
#   scripts/test.sh -R REGEX   only tests whose name matches (passed to ctest)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=release
ctest_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --asan) preset=asan; shift ;;
    --preset) preset=$2; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) ctest_args+=("$1"); shift ;;
  esac
done

"$here/scripts/setup.sh" --preset "$preset"
cd "$here"
if [ -x "$here/tests/interop/install.sh" ]; then
  "$here/tests/interop/install.sh"
fi
ctest --test-dir "build/$preset" --output-on-failure -j "$(nproc)" --timeout 900 "${ctest_args[@]}"
