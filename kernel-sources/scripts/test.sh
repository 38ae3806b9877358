#!/usr/bin/env bash
# The kernel's test: build from clean, run the in-kernel tests on the emulator (the exit status
# of the emulator, set by the test finisher, is the result), drive scripted shell sessions over
# the serial console and check their transcripts, then debug the kernel with gdb-multiarch on the
# emulator's GDB stub (scripts/gdb_session.py).
#
#   kernel-sources/scripts/test.sh
#   RIVET_EMULATOR="./rivet emu" kernel-sources/scripts/test.sh    # same tests on Rivet
#
# The in-kernel tests run three times, once per heap allocator (features heap-*).
# RIVET_EMULATOR: the emulator program (default qemu-system-riscv64); it receives QEMU's options
# (see scripts/run.sh). Artifacts: target/rivet-kernel.elf, target/rivet-kernel-ktest-<heap>.elf, target/test-logs/.
# RIVET_REFERENCE_TRANSCRIPTS: a folder of normalised transcripts (another run's target/test-logs,
# copied away) that this run's must equal. RIVET_TEST_SMP: harts for the in-kernel tests (2).
# RIVET_GDB: the debugger (default gdb-multiarch, Debian package gdb-multiarch).
# Last line: "kernel: N passed, M failed" (in-kernel tests plus shell- and gdb-session steps).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
logs=$root/target/test-logs
passed=0
failed=0

finish() {
  echo "kernel: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

abort() {
  echo "test.sh: $*" >&2
  failed=$((failed + 1))
  finish
}

. scripts/toolchain.sh
toolchain_locate || abort "toolchain missing"
echo "toolchain: $TOOLCHAIN_DESC"
emulator=${RIVET_EMULATOR:-qemu-system-riscv64}
emulator_program=${emulator%% *}
command -v "$emulator_program" >/dev/null 2>&1 || [ -x "$emulator_program" ] ||
  abort "emulator '$emulator_program' not found (Debian package qemu-system-misc; './rivet test' installs it)"
command -v python3 >/dev/null 2>&1 || abort "python3 not found (Debian package python3)"

echo "== build (clean)"
"$CARGO" clean --offline >/dev/null 2>&1
rm -rf "$logs" && mkdir -p "$logs"
elf_dir=target/riscv64gc-unknown-none-elf/debug
# The in-kernel tests run once per heap allocator the kernel can be built with.
for heap in fixed-size-block linked-list bump; do
  "$CARGO" build --offline --features "ktest,heap-$heap" 2>&1 | tail -n 1
  [ "${PIPESTATUS[0]}" -eq 0 ] || abort "build with ktest,heap-$heap failed"
  cp "$elf_dir/rivet-kernel" "target/rivet-kernel-ktest-$heap.elf" || abort "no kernel ELF"
done
"$CARGO" build --offline 2>&1 | tail -n 1
[ "${PIPESTATUS[0]}" -eq 0 ] || abort "build failed"
cp "$elf_dir/rivet-kernel" target/rivet-kernel.elf || abort "no kernel ELF"

for heap in fixed-size-block linked-list bump; do
  echo "== in-kernel tests, heap $heap, on $emulator (2 harts: the second one must stay parked)"
  log="$logs/ktest-$heap.txt"
  RIVET_SMP=${RIVET_TEST_SMP:-2} timeout 120 scripts/run.sh "target/rivet-kernel-ktest-$heap.elf" </dev/null >"$log" 2>&1
  status=$?
  tr -d '\r' <"$log" | grep -E '^(test |KERNEL PANIC|M-mode trap)' | grep -v ' \.\.\. ok$'
  summary=$(tr -d '\r' <"$log" | sed -n 's/^kernel: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' | tail -n 1)
  if [ -z "$summary" ]; then
    echo "in-kernel: no summary line (emulator exit status $status); see $log"
    failed=$((failed + 1))
    continue
  fi
  set -- $summary
  passed=$((passed + $1))
  failed=$((failed + $2))
  echo "in-kernel ($heap): $1 passed, $2 failed (emulator exit status $status)"
  if [ "$status" -ne 0 ] && [ "$2" -eq 0 ]; then
    echo "in-kernel ($heap): all tests passed but the emulator exited with $status"
    failed=$((failed + 1))
  elif [ "$status" -eq 0 ] && [ "$2" -ne 0 ]; then
    echo "in-kernel ($heap): tests failed but the emulator exited with 0"
    failed=$((failed + 1))
  fi
done

# Adds a session's "session NAME: N passed, M failed" line (in its log) to the counts.
count_session() {
  grep -v ' \.\.\. ok$' "$1"
  local line
  line=$(sed -n 's/^session [a-z]*: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$1")
  if [ -n "$line" ]; then
    set -- $line
    passed=$((passed + $1))
    failed=$((failed + $2))
  else
    failed=$((failed + 1))
  fi
}

for session in interactive panic; do
  echo "== shell session '$session' on $emulator"
  python3 scripts/shell_session.py --session "$session" --transcript "$logs/shell-$session.txt" \
    -- scripts/run.sh target/rivet-kernel.elf >"$logs/session-$session.txt" 2>&1
  count_session "$logs/session-$session.txt"
done

gdb=${RIVET_GDB:-gdb-multiarch}
echo "== gdb session on $emulator ($gdb on the emulator's GDB stub)"
if command -v "$gdb" >/dev/null 2>&1; then
  python3 scripts/gdb_session.py --gdb "$gdb" --elf target/rivet-kernel.elf --transcript "$logs/gdb-session.txt" \
    -- scripts/run.sh target/rivet-kernel.elf >"$logs/session-gdb.txt" 2>&1
  count_session "$logs/session-gdb.txt"
else
  echo "gdb session: '$gdb' not found (Debian package gdb-multiarch; './rivet test' installs it)"
  failed=$((failed + 1))
fi

echo "transcripts: $logs/shell-*.txt, $logs/gdb-session*.txt (normalised copies for comparing emulators: *.normalised.txt)"
if [ -n "${RIVET_REFERENCE_TRANSCRIPTS:-}" ]; then
  # e.g. the test-logs folder of a QEMU run, when this run is on Rivet: the transcripts must match.
  for transcript in shell-interactive shell-panic gdb-session gdb-session.uart; do
    if diff -u "$RIVET_REFERENCE_TRANSCRIPTS/$transcript.normalised.txt" \
        "$logs/$transcript.normalised.txt" >"$logs/diff-$transcript.txt"; then
      echo "transcript $transcript matches $RIVET_REFERENCE_TRANSCRIPTS"
      passed=$((passed + 1))
    else
      echo "transcript $transcript differs from $RIVET_REFERENCE_TRANSCRIPTS (see $logs/diff-$transcript.txt)"
      failed=$((failed + 1))
    fi
  done
fi
finish
