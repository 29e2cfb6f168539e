#!/usr/bin/env bash
# Installs the Debian packages supervm needs (only the missing ones), then
# configures and builds a CMake preset (default: release). Safe to run twice.
#
#   scripts/setup.sh [--preset release|debug|asan|native|fuzz] [--no-build]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=release
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset=$2; shift 2 ;;
    --preset=*) preset=${1#*=}; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake ninja-build pkg-config git ccache
  libcli11-dev libgmp-dev libsodium-dev libtbb-dev librocksdb-dev nlohmann-json3-dev libfmt-dev
  prometheus-cpp-dev libgtest-dev libgmock-dev libbenchmark-dev
  mandoc clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# Node.js and npm run the snarkjs interoperability oracle. Some machines carry a
# Node.js build that bundles npm (and conflicts with Debian's npm package), so
# these are installed only when the commands are absent.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}" >&2
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to install packages" >&2; exit 3; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup.sh: all packages present" >&2
fi

if [ "$build" = 1 ]; then
  cd "$here"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$(nproc)"
  echo "setup.sh: built build/$preset (binary: build/$preset/apps/supervm/supervm)" >&2
fi
