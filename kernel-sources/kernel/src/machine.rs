//! M-mode set-up, run once on hart 0 before the kernel drops to S-mode.
//!
//! * PMP entry 0: NAPOT over the whole address space, RWX, so S-mode may touch RAM and MMIO
//!   (without a PMP entry S/U accesses fail; privileged spec 3.7.1).
//! * Delegation: all exceptions S-mode can handle (`medeleg`) and the supervisor software, timer
//!   and external interrupts (`mideleg`) go to S-mode. `ecall` from S is not delegated: the kernel
//!   has no SBI, so such a trap reaches [`m_fatal`].
//! * Timer: the CLINT's machine timer interrupt (MTI) cannot be delegated. A tiny M-mode vector
//!   (`m_trap_vector`) reprograms `mtimecmp` and raises the supervisor software interrupt (SSIP),
//!   which S-mode handles as the tick (the xv6 scheme; it needs no Sstc extension).

use core::mem::offset_of;
use core::sync::atomic::{AtomicUsize, Ordering};

use crate::drivers::{clint, finisher};
use crate::riscv::{csr_read, csr_write};

/// Timer tick period in CLINT ticks (QEMU virt's timebase is 10 MHz): 10 ms.
pub const TICK_INTERVAL: u64 = clint::TIMEBASE_HZ / 100;

const MSTATUS_MPP_MASK: usize = 3 << 11;
const MSTATUS_MPP_S: usize = 1 << 11;
const MIE_MTIE: usize = 1 << 7;
/// Exceptions delegated to S-mode: misaligned/access faults, illegal instruction, breakpoint,
/// ecall from U, and the three page faults (privileged spec 3.1.8, table 3.6 codes).
const MEDELEG: usize = 0xb1ff;
/// SSIP, STIP and SEIP.
const MIDELEG: usize = (1 << 1) | (1 << 5) | (1 << 9);

/// Scratch area for `m_trap_vector` (`mscratch` points here): three saved registers, the
/// address of hart 0's `mtimecmp`, the tick interval, and the M-mode stack top.
#[repr(C)]
struct MachineScratch {
    saved: [usize; 3],
    mtimecmp: usize,
    interval: usize,
    stack_top: usize,
}

static mut M_SCRATCH: MachineScratch =
    MachineScratch { saved: [0; 3], mtimecmp: 0, interval: 0, stack_top: 0 };

extern "C" {
    fn m_trap_vector();
    fn kmain() -> !;
    static _mstack_top: u8;
}

core::arch::global_asm!(
    r#"
    .section .text
    .align 4
    .globl m_trap_vector
m_trap_vector:
    csrrw   sp, mscratch, sp
    sd      t0, {saved0}(sp)
    sd      t1, {saved1}(sp)
    sd      t2, {saved2}(sp)
    csrr    t0, mcause
    li      t1, 0x8000000000000007
    bne     t0, t1, m_trap_fatal
    ld      t0, {mtimecmp}(sp)
    ld      t1, {interval}(sp)
    ld      t2, 0(t0)
    add     t2, t2, t1
    sd      t2, 0(t0)
    li      t0, 2
    csrs    mip, t0
    ld      t0, {saved0}(sp)
    ld      t1, {saved1}(sp)
    ld      t2, {saved2}(sp)
    csrrw   sp, mscratch, sp
    mret
m_trap_fatal:
    ld      sp, {stack_top}(sp)
    csrr    a0, mcause
    csrr    a1, mepc
    csrr    a2, mtval
    call    m_fatal
1:  j       1b
"#,
    // the offsets come from the struct itself, so the assembly cannot drift from its layout
    saved0 = const offset_of!(MachineScratch, saved),
    saved1 = const offset_of!(MachineScratch, saved) + 8,
    saved2 = const offset_of!(MachineScratch, saved) + 16,
    mtimecmp = const offset_of!(MachineScratch, mtimecmp),
    interval = const offset_of!(MachineScratch, interval),
    stack_top = const offset_of!(MachineScratch, stack_top),
);

/// How many harts ran [`machine_init`] (1 unless the parking in `boot` is broken).
pub static HARTS_BOOTED: AtomicUsize = AtomicUsize::new(0);

/// M-mode initialisation; called by `_start` on hart 0 with the boot stack.
#[no_mangle]
extern "C" fn machine_init() {
    HARTS_BOOTED.fetch_add(1, Ordering::SeqCst);
    // PMP 0: NAPOT, all addresses, R|W|X (pmpcfg A=3 <<3 | 0b111).
    csr_write!("pmpaddr0", 0x003f_ffff_ffff_ffff);
    csr_write!("pmpcfg0", 0x1f);

    csr_write!("medeleg", MEDELEG);
    csr_write!("mideleg", MIDELEG);
    // Let S-mode read cycle, time and instret.
    csr_write!("mcounteren", 7);

    unsafe {
        let scratch = &raw mut M_SCRATCH;
        (*scratch).mtimecmp = clint::mtimecmp_address(0);
        (*scratch).interval = TICK_INTERVAL as usize;
        (*scratch).stack_top = &raw const _mstack_top as usize;
    }
    csr_write!("mscratch", &raw mut M_SCRATCH as usize);
    csr_write!("mtvec", m_trap_vector as *const () as usize);
    clint::set_mtimecmp(0, clint::mtime() + TICK_INTERVAL);
    csr_write!("mie", MIE_MTIE);

    csr_write!("satp", 0);
    let mstatus = (csr_read!("mstatus") & !MSTATUS_MPP_MASK) | MSTATUS_MPP_S;
    csr_write!("mstatus", mstatus);
    csr_write!("mepc", kmain as *const () as usize);
}

/// A trap M-mode does not expect (anything but the timer): report it and stop the machine.
#[no_mangle]
extern "C" fn m_fatal(mcause: usize, mepc: usize, mtval: usize) -> ! {
    crate::console::panic_print(format_args!(
        "\nM-mode trap: mcause={:#x} mepc={:#x} mtval={:#x}\n",
        mcause, mepc, mtval
    ));
    finisher::exit_failure(finisher::PANIC_STATUS)
}
