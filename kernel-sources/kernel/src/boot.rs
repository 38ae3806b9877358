//! Reset entry, M-mode, `-bios none`.
//!
//! QEMU's reset vector jumps to `_start` (0x8000_0000) on every hart at once.
//! Hart policy: hart 0 boots the kernel; every other hart is *parked*: it masks all of its
//! interrupts (`mie` = 0, `mstatus.MIE` = 0) and loops on `wfi` forever. Nothing ever wakes a
//! parked hart; starting secondary harts will be an explicit, documented step (an IPI through
//! the CLINT's `msip` after setting `mie.MSIE` here), not a side effect of booting.
//!
//! Hart 0 copies `.data` from its load image, zeroes `.bss`, calls [`crate::machine::init`] on the
//! boot stack and `mret`s into `kmain` in S-mode on a fresh boot stack.

core::arch::global_asm!(
    r#"
    .section .text.boot, "ax", @progbits
    .globl _start
_start:
    .option push
    .option norelax
    csrw    mie, zero
    csrci   mstatus, 8
    csrr    t0, mhartid
    bnez    t0, park_hart

    la      sp, _stack_top

    la      t0, _data_load
    la      t1, _data_start
    la      t2, _data_end
1:  bgeu    t1, t2, 2f
    ld      t3, 0(t0)
    sd      t3, 0(t1)
    addi    t0, t0, 8
    addi    t1, t1, 8
    j       1b
2:  la      t0, _bss_start
    la      t1, _bss_end
3:  bgeu    t0, t1, 4f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       3b
4:  call    machine_init
    la      sp, _stack_top
    mret

park_hart:
    wfi
    j       park_hart
    .option pop
"#
);
