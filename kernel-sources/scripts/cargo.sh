#!/usr/bin/env bash
# Runs cargo with the kernel's toolchain (see toolchain.sh), from the workspace root:
#   scripts/cargo.sh build | run | run --features ktest | ...
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
toolchain_locate
exec "$CARGO" "$@" --offline
