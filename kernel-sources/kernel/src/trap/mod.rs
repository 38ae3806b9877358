//! S-mode traps: the vector, the dispatcher, per-cause counters, and clear reports.
//!
//! * A trap whose frame would not fit on the kernel stack (the stack ran into its unmapped guard
//!   page) is reported as a stack overflow from a separate trap stack, then the machine stops.
//! * Interrupts: supervisor software interrupt = timer tick (raised by M-mode from the CLINT's
//!   MTI, see [`crate::machine`]); supervisor external interrupt = PLIC (UART receive).
//! * Exceptions: a breakpoint is reported and execution resumes after the `ebreak`. A load or
//!   store page fault while a [`FaultProbe`] is armed is reported (cause, epc, tval, registers),
//!   recorded, and the faulting instruction skipped.
//!   Anything else is reported with cause, epc, tval and all registers, then the kernel panics.
pub mod frame;

use core::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

pub use frame::TrapFrame;
use frame::{FRAME_SIZE, OFFSET_SCAUSE, OFFSET_SEPC, OFFSET_SSTATUS, OFFSET_STVAL};

use crate::drivers::{plic, uart};
use crate::memory::layout::UART0_IRQ;
use crate::riscv::{self, csr_clear, csr_set, csr_write};

const INTERRUPT_BIT: u64 = 1 << 63;
pub const IRQ_S_SOFTWARE: u64 = 1;
pub const IRQ_S_TIMER: u64 = 5;
pub const IRQ_S_EXTERNAL: u64 = 9;
pub const EXC_BREAKPOINT: u64 = 3;
pub const EXC_INSTRUCTION_PAGE_FAULT: u64 = 12;
pub const EXC_LOAD_PAGE_FAULT: u64 = 13;
pub const EXC_STORE_PAGE_FAULT: u64 = 15;

core::arch::global_asm!(
    r#"
    .section .text
    .align 4
    .globl s_trap_vector
s_trap_vector:
    // Kernel stack overflow check: if the frame would not fit above _stack_bottom, sp has run
    // into the guard page; report on the trap stack instead of faulting again forever.
    csrw    sscratch, t0
    la      t0, _stack_bottom
    addi    t0, t0, {frame}
    bgeu    sp, t0, 1f
    la      sp, _trap_stack_top
    csrr    a0, scause
    csrr    a1, sepc
    csrr    a2, stval
    call    s_stack_overflow
1:  csrr    t0, sscratch
    addi    sp, sp, -{frame}
    .irp    n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    sd      x\n, \n*8(sp)
    .endr
    sd      zero, 0(sp)
    addi    t0, sp, {frame}
    sd      t0, 16(sp)
    csrr    t0, sstatus
    sd      t0, {sstatus}(sp)
    csrr    t0, sepc
    sd      t0, {sepc}(sp)
    csrr    t0, scause
    sd      t0, {scause}(sp)
    csrr    t0, stval
    sd      t0, {stval}(sp)
    mv      a0, sp
    call    s_trap_handler
    ld      t0, {sstatus}(sp)
    csrw    sstatus, t0
    ld      t0, {sepc}(sp)
    csrw    sepc, t0
    .irp    n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    ld      x\n, \n*8(sp)
    .endr
    addi    sp, sp, {frame}
    sret
"#,
    frame = const FRAME_SIZE,
    sstatus = const OFFSET_SSTATUS,
    sepc = const OFFSET_SEPC,
    scause = const OFFSET_SCAUSE,
    stval = const OFFSET_STVAL,
);

extern "C" {
    fn s_trap_vector();
}

/// Counters, by exception code (0..16) and by interrupt (software, timer, external).
static EXCEPTIONS: [AtomicU64; 16] = [const { AtomicU64::new(0) }; 16];
static TICKS: AtomicU64 = AtomicU64::new(0);
static EXTERNAL: AtomicU64 = AtomicU64::new(0);
static SPURIOUS: AtomicU64 = AtomicU64::new(0);

/// Points `stvec` at the vector (direct mode).
pub fn install() {
    csr_write!("stvec", s_trap_vector as *const () as usize);
}

/// Enables the tick and external interrupts, then `sstatus.SIE`.
pub fn enable_interrupts() {
    csr_set!("sie", riscv::SIE_SSIE | riscv::SIE_SEIE);
    riscv::interrupts_on();
}

/// Timer ticks since boot (10 ms each).
pub fn ticks() -> u64 {
    TICKS.load(Ordering::Relaxed)
}

/// Name of an exception code (privileged spec table 4.2).
pub fn exception_name(code: u64) -> &'static str {
    match code {
        0 => "instruction address misaligned",
        1 => "instruction access fault",
        2 => "illegal instruction",
        3 => "breakpoint",
        4 => "load address misaligned",
        5 => "load access fault",
        6 => "store/AMO address misaligned",
        7 => "store/AMO access fault",
        8 => "environment call from U-mode",
        9 => "environment call from S-mode",
        12 => "instruction page fault",
        13 => "load page fault",
        15 => "store/AMO page fault",
        _ => "reserved",
    }
}

/// Snapshot of the trap counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TrapCounts {
    pub exceptions: [u64; 16],
    pub timer_ticks: u64,
    pub external: u64,
    pub spurious: u64,
}

pub fn counts() -> TrapCounts {
    let mut c = TrapCounts {
        timer_ticks: TICKS.load(Ordering::Relaxed),
        external: EXTERNAL.load(Ordering::Relaxed),
        spurious: SPURIOUS.load(Ordering::Relaxed),
        ..Default::default()
    };
    for (i, e) in EXCEPTIONS.iter().enumerate() {
        c.exceptions[i] = e.load(Ordering::Relaxed);
    }
    c
}

/// Arms page-fault recovery for one deliberate access (the `pagefault` command, tests).
/// While armed, a page fault is reported and the faulting instruction skipped.
pub struct FaultProbe;

static PROBE_ARMED: AtomicBool = AtomicBool::new(false);
static PROBE_CAUSE: AtomicU64 = AtomicU64::new(0);
static PROBE_TVAL: AtomicUsize = AtomicUsize::new(0);

/// What a probe caught.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaughtFault {
    pub cause: u64,
    pub tval: usize,
}

impl FaultProbe {
    /// Runs `access` with recovery armed; returns the fault it raised, if any.
    pub fn run(access: impl FnOnce()) -> Option<CaughtFault> {
        PROBE_CAUSE.store(0, Ordering::SeqCst);
        PROBE_ARMED.store(true, Ordering::SeqCst);
        access();
        PROBE_ARMED.store(false, Ordering::SeqCst);
        match PROBE_CAUSE.load(Ordering::SeqCst) {
            0 => None,
            cause => Some(CaughtFault { cause, tval: PROBE_TVAL.load(Ordering::SeqCst) }),
        }
    }

    /// Reads a u64 at `addr` under a probe.
    pub fn read(addr: usize) -> Result<u64, CaughtFault> {
        let mut value = 0;
        match Self::run(|| value = unsafe { core::ptr::read_volatile(addr as *const u64) }) {
            Some(fault) => Err(fault),
            None => Ok(value),
        }
    }

    /// Writes a u64 at `addr` under a probe.
    pub fn write(addr: usize, value: u64) -> Result<(), CaughtFault> {
        match Self::run(|| unsafe { core::ptr::write_volatile(addr as *mut u64, value) }) {
            Some(fault) => Err(fault),
            None => Ok(()),
        }
    }
}

/// Called by `s_trap_vector` on the trap stack when the kernel stack has overflowed.
#[no_mangle]
extern "C" fn s_stack_overflow(scause: u64, sepc: u64, stval: u64) -> ! {
    crate::console::panic_print(format_args!(
        "\nKERNEL PANIC: kernel stack overflow ({} scause={} sepc={:#x} stval={:#x})\n",
        exception_name(scause & !INTERRUPT_BIT),
        scause,
        sepc,
        stval
    ));
    crate::drivers::finisher::exit_failure(crate::drivers::finisher::PANIC_STATUS)
}

/// Length of the instruction at `pc` (2 for compressed, else 4).
fn instruction_length(pc: u64) -> u64 {
    let low = unsafe { core::ptr::read_volatile(pc as *const u16) };
    if low & 3 == 3 {
        4
    } else {
        2
    }
}

/// Executes an `ebreak`; the trap handler reports it and resumes after it.
pub fn breakpoint() {
    unsafe { core::arch::asm!("ebreak") };
}

#[no_mangle]
extern "C" fn s_trap_handler(frame: &mut TrapFrame) {
    let cause = frame.scause;
    if cause & INTERRUPT_BIT != 0 {
        handle_interrupt(cause & !INTERRUPT_BIT);
        return;
    }
    if let Some(counter) = EXCEPTIONS.get(cause as usize) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
    match cause {
        EXC_BREAKPOINT => {
            println!("trap: breakpoint at sepc={:#x}; resuming after it", frame.sepc);
            // GDB_BREAKPOINT_ARM: scripts/gdb_session.py puts a breakpoint on the next line.
            frame.sepc += instruction_length(frame.sepc);
        }
        EXC_INSTRUCTION_PAGE_FAULT | EXC_LOAD_PAGE_FAULT | EXC_STORE_PAGE_FAULT
            if PROBE_ARMED.load(Ordering::SeqCst) && cause != EXC_INSTRUCTION_PAGE_FAULT =>
        {
            println!(
                "trap: {} (scause={}) sepc={:#x} stval={:#x}; probe armed, skipping the access",
                exception_name(cause),
                cause,
                frame.sepc,
                frame.stval
            );
            println!("{}", frame);
            PROBE_TVAL.store(frame.stval as usize, Ordering::SeqCst);
            PROBE_CAUSE.store(cause, Ordering::SeqCst);
            frame.sepc += instruction_length(frame.sepc);
        }
        _ => {
            // Lock-free printing: the fault may have happened with the console lock held.
            crate::console::panic_print(format_args!(
                "trap: unexpected exception: {} (scause={}) sepc={:#x} stval={:#x}\n{}\n",
                exception_name(cause),
                cause,
                frame.sepc,
                frame.stval,
                frame
            ));
            panic!("unhandled {} at {:#x}", exception_name(cause), frame.sepc);
        }
    }
}

fn handle_interrupt(code: u64) {
    match code {
        IRQ_S_SOFTWARE => {
            // The M-mode timer vector raised SSIP: one tick.
            csr_clear!("sip", riscv::SIE_SSIE);
            TICKS.fetch_add(1, Ordering::Relaxed);
        }
        IRQ_S_EXTERNAL => {
            EXTERNAL.fetch_add(1, Ordering::Relaxed);
            let irq = plic::claim();
            if irq == UART0_IRQ {
                uart::handle_interrupt();
            } else if irq != 0 {
                SPURIOUS.fetch_add(1, Ordering::Relaxed);
            }
            if irq != 0 {
                plic::complete(irq);
            }
        }
        _ => {
            SPURIOUS.fetch_add(1, Ordering::Relaxed);
        }
    }
}
