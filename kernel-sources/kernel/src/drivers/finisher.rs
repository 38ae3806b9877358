//! QEMU's `sifive_test` device ("test finisher"): writing to it ends or resets the machine.
//! 0x5555 exits the emulator with status 0, `(status << 16) | 0x3333` exits with `status`,
//! 0x7777 resets the machine (QEMU hw/misc/sifive_test.c).
use super::mmio;
use crate::memory::layout::TEST_FINISHER_BASE;

const FINISHER_FAIL: u32 = 0x3333;
const FINISHER_PASS: u32 = 0x5555;
const FINISHER_RESET: u32 = 0x7777;

/// Exit status used after a kernel panic or an unexpected M-mode trap.
pub const PANIC_STATUS: u16 = 3;
/// Exit status used when in-kernel tests failed.
pub const TEST_FAILURE_STATUS: u16 = 1;

fn write_and_hang(value: u32) -> ! {
    mmio::write32(TEST_FINISHER_BASE, value);
    loop {
        crate::riscv::wait_for_interrupt();
    }
}

/// Powers off; the emulator exits with status 0.
pub fn exit_success() -> ! {
    write_and_hang(FINISHER_PASS)
}

/// Powers off; the emulator exits with `status` (non-zero).
pub fn exit_failure(status: u16) -> ! {
    write_and_hang(((status as u32) << 16) | FINISHER_FAIL)
}

/// Resets the machine; it boots again from the reset vector.
pub fn reset() -> ! {
    write_and_hang(FINISHER_RESET)
}
