//! SiFive CLINT (core-local interruptor) as QEMU's `virt` machine places it: `msip` at +0,
//! `mtimecmp[hart]` at +0x4000, `mtime` at +0xbff8 (SiFive FU540 manual, chapter 9).
use super::mmio;
use crate::memory::layout::CLINT_BASE;

/// QEMU virt's timebase-frequency (device tree `/cpus/timebase-frequency`).
pub const TIMEBASE_HZ: u64 = 10_000_000;

pub fn mtimecmp_address(hart: usize) -> usize {
    CLINT_BASE + 0x4000 + 8 * hart
}

pub fn mtime() -> u64 {
    mmio::read64(CLINT_BASE + 0xbff8)
}

pub fn set_mtimecmp(hart: usize, value: u64) {
    mmio::write64(mtimecmp_address(hart), value)
}
