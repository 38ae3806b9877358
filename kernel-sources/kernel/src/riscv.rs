//! Thin wrappers over the RISC-V instructions and CSRs the kernel uses (privileged spec 1.12).

use core::arch::asm;

/// `sstatus.SIE` (privileged spec 4.1.1).
pub const SSTATUS_SIE: usize = 1 << 1;
/// `sie`/`sip` bits (privileged spec 4.1.3): supervisor software, timer, external.
pub const SIE_SSIE: usize = 1 << 1;
pub const SIE_SEIE: usize = 1 << 9;

macro_rules! csr_read {
    ($csr:literal) => {{
        let v: usize;
        unsafe { ::core::arch::asm!(concat!("csrr {0}, ", $csr), out(reg) v, options(nomem, nostack)) };
        v
    }};
}
macro_rules! csr_write {
    ($csr:literal, $v:expr) => {{
        let v: usize = $v;
        unsafe { ::core::arch::asm!(concat!("csrw ", $csr, ", {0}"), in(reg) v, options(nostack)) };
    }};
}
macro_rules! csr_set {
    ($csr:literal, $v:expr) => {{
        let v: usize = $v;
        unsafe { ::core::arch::asm!(concat!("csrs ", $csr, ", {0}"), in(reg) v, options(nostack)) };
    }};
}
macro_rules! csr_clear {
    ($csr:literal, $v:expr) => {{
        let v: usize = $v;
        unsafe { ::core::arch::asm!(concat!("csrc ", $csr, ", {0}"), in(reg) v, options(nostack)) };
    }};
}
pub(crate) use {csr_clear, csr_read, csr_set, csr_write};

/// Disables S-mode interrupts and returns whether they were enabled.
#[inline]
pub fn interrupts_off() -> bool {
    let old: usize;
    unsafe { asm!("csrrci {0}, sstatus, 2", out(reg) old, options(nostack)) };
    old & SSTATUS_SIE != 0
}

/// Enables S-mode interrupts.
#[inline]
pub fn interrupts_on() {
    unsafe { asm!("csrsi sstatus, 2", options(nostack)) };
}

/// Restores the interrupt-enable state returned by [`interrupts_off`].
#[inline]
pub fn interrupts_restore(were_on: bool) {
    if were_on {
        interrupts_on();
    }
}

/// Waits for an interrupt (it wakes even when `sstatus.SIE` is clear).
#[inline]
pub fn wait_for_interrupt() {
    unsafe { asm!("wfi", options(nomem, nostack)) };
}

/// Flushes the whole TLB of this hart.
#[inline]
pub fn sfence_vma_all() {
    unsafe { asm!("sfence.vma zero, zero", options(nostack)) };
}
