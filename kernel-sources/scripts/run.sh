#!/usr/bin/env bash
# Boots a kernel ELF on the emulator: the Cargo runner (`cargo run`) and the test script use it.
#   scripts/run.sh <kernel.elf> [extra emulator options...]
# RIVET_EMULATOR names the emulator program (default: qemu-system-riscv64). Rivet's CLI takes the
# same options, e.g. RIVET_EMULATOR="./rivet emu" (word-split on purpose).
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 <kernel.elf> [emulator options...]" >&2
  exit 2
fi
kernel=$1
shift
emulator=${RIVET_EMULATOR:-qemu-system-riscv64}
# shellcheck disable=SC2086
exec $emulator -machine virt -bios none -m 128M -smp "${RIVET_SMP:-1}" \
  -display none -monitor none -serial stdio -kernel "$kernel" "$@"
