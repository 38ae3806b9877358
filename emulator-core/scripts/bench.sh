#!/usr/bin/env bash
# The CPU benchmark: CPU-bound guest programs (integer, memory, floating point, mixed integer+FP,
# mixed under Sv39)
# run on Rivet and on qemu-system-riscv64 in one run; prints MIPS for each and the ratio.
# See src/test/java/dev/rivet/emulator/bench/MipsBenchmark.java. Used by `./rivet bench`.
#   emulator-core/scripts/bench.sh [-Drivet.bench.warmRuns=N ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec ./mvnw -q -pl emulator-core test-compile exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=dev.rivet.emulator.bench.MipsBenchmark "$@"
