//! The register state saved on every S-mode trap.
use core::fmt;
use core::mem::{offset_of, size_of};

/// Saved by `s_trap_vector` on the trapped code's stack; `x[2]` holds the sp before the trap.
/// The assembly addresses fields by the `OFFSET_*` constants, which are checked against the
/// real layout at compile time.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct TrapFrame {
    /// x0..x31 (x0 is stored as 0).
    pub x: [u64; 32],
    pub sstatus: u64,
    pub sepc: u64,
    pub scause: u64,
    pub stval: u64,
}

pub const OFFSET_X: usize = 0;
pub const OFFSET_SSTATUS: usize = 256;
pub const OFFSET_SEPC: usize = 264;
pub const OFFSET_SCAUSE: usize = 272;
pub const OFFSET_STVAL: usize = 280;
/// Frame size; a multiple of 16 keeps sp aligned as the RISC-V psABI requires.
pub const FRAME_SIZE: usize = 288;

const _: () = {
    assert!(offset_of!(TrapFrame, x) == OFFSET_X);
    assert!(offset_of!(TrapFrame, sstatus) == OFFSET_SSTATUS);
    assert!(offset_of!(TrapFrame, sepc) == OFFSET_SEPC);
    assert!(offset_of!(TrapFrame, scause) == OFFSET_SCAUSE);
    assert!(offset_of!(TrapFrame, stval) == OFFSET_STVAL);
    assert!(size_of::<TrapFrame>() == FRAME_SIZE);
    assert!(FRAME_SIZE % 16 == 0);
};

/// ABI names of x0..x31.
pub const REGISTER_NAMES: [&str; 32] = [
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5", "a6",
    "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
];

impl fmt::Display for TrapFrame {
    /// Four registers per line, then the trap CSRs.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for row in 0..8 {
            for col in 0..4 {
                let i = row * 4 + col;
                write!(f, "  {:>4}={:#018x}", REGISTER_NAMES[i], self.x[i])?;
            }
            writeln!(f)?;
        }
        write!(
            f,
            "  sstatus={:#x} sepc={:#x} scause={:#x} stval={:#x}",
            self.sstatus, self.sepc, self.scause, self.stval
        )
    }
}
