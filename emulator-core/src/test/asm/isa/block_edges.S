#include "test_macros.h"
/* Exceptions and state at the edges of the straight-line code Rivet translates (its results must
 * not depend on whether code is interpreted or translated): a load fault in the middle of a loop
 * body, with registers written before it kept and the rest of the body run after the handler;
 * mstatus.FS still Initial when a fault comes before the body's first FP write, Dirty after it;
 * FS = Off and a reserved frm making an FP instruction in the middle of a body illegal (with its
 * bits in mtval), the handler fixing the cause and the instruction re-executed; an AMO inside a
 * body (unprivileged spec ch. 8, 11; privileged spec 3.1.6.6). The handler uses t0 and t1 only.
 * s4 sums minstret at every trap and s6 holds it at the end: not checked here (QEMU's counter is
 * not exact), but Rivet's IsaSuiteTest requires the same values translated as interpreted. */
#define FADD_D_F3_F1_F2_DYN 0x0220f1d3
#define FLD_F4_0_S3 0x0009b207

    TEST_INIT
    la t0, handler
    csrw mtvec, t0
    li s2, 0x90000000          /* no memory there: access faults */
    la s3, scratch
    li s7, 0                   /* FS-off traps */
    li s8, 0                   /* reserved-frm traps */
    li s10, 0                  /* bit (1 << FS) for every FS value seen by a load fault */
    li s11, 0                  /* load faults */
    li s4, 0
    li a0, 0                   /* (QEMU starts with a0 = hart id, a1 = device tree) */
    li a1, 0
    li a3, 0
    /* 1-5: a fault in the middle of the body, 100 times */
    li a4, 100
loop_fault:
    addi a0, a0, 1
    addi a1, a1, 2
    ld a2, 0(s2)
    addi a3, a3, 3
    sd a0, 0(s3)
    addi a4, a4, -1
    bnez a4, loop_fault
    CHECK a0, 100
    CHECK a1, 200
    CHECK a3, 300
    CHECK s11, 100
    ld t2, 0(s3)
    CHECK t2, 100
    /* 6-8: FS = Initial at every fault that comes before the body's FP write */
    li t2, 1 << 13
    csrs mstatus, t2
    li t2, 0x3ff0000000000000
    fmv.d.x f1, t2
    fmv.d.x f2, t2
    li s10, 0
    li a4, 50
loop_fs:
    li t2, 3 << 13
    csrc mstatus, t2
    li t2, 1 << 13
    csrs mstatus, t2
    addi a5, a5, 1
    ld a2, 0(s2)
    fadd.d f1, f1, f2
    addi a4, a4, -1
    bnez a4, loop_fs
    CHECK s10, 1 << 1
    fmv.x.d t2, f1
    CHECK t2, 0x4049800000000000  /* 1 + 50 */
    csrr t2, mstatus
    srli t2, t2, 13
    andi t2, t2, 3
    CHECK t2, 3
    /* 9: an FP register written before the fault in the same body keeps its value */
    fmv.d.x f5, zero
    li a4, 10
loop_fp_fault:
    fadd.d f5, f5, f2
    ld a2, 0(s2)
    addi a4, a4, -1
    bnez a4, loop_fp_fault
    fmv.x.d t2, f5
    CHECK t2, 0x4024000000000000  /* 10.0 */
    /* 10-12: FS = Off: the FP load in the middle of the body is illegal; the handler turns FS on */
    sd zero, 0(s3)
    li a4, 20
    li a5, 0
loop_fs_off:
    li t2, 3 << 13
    csrc mstatus, t2
    addi a5, a5, 1
    fld f4, 0(s3)
    addi a6, a6, 1
    addi a4, a4, -1
    bnez a4, loop_fs_off
    CHECK s7, 20
    CHECK a5, 20
    CHECK s9, FLD_F4_0_S3
    /* 13-16: a reserved frm: the dynamic-mode FP add is illegal until the handler sets frm */
    li a4, 20
    li a5, 0
    li a6, 0
loop_frm:
    csrwi frm, 5
    addi a5, a5, 1
    fadd.d f3, f1, f2
    addi a6, a6, 1
    addi a4, a4, -1
    bnez a4, loop_frm
    CHECK s8, 20
    CHECK a5, 20
    CHECK a6, 20
    CHECK s9, FADD_D_F3_F1_F2_DYN
    /* 17-18: an AMO between translated instructions */
    sd zero, 0(s3)
    li a4, 30
    li a5, 0
    li a7, 0
loop_amo:
    addi a5, a5, 2
    amoadd.d a6, a5, (s3)
    add a7, a7, a6
    addi a4, a4, -1
    bnez a4, loop_amo
    ld t2, 0(s3)
    CHECK t2, 930              /* 2 + 4 + ... + 60 */
    CHECK a7, 8990             /* the memory word before each of the 30 adds, summed */
    la t0, unexpected_trap
    csrw mtvec, t0
    csrr s6, minstret
    TEST_END

    .align 2
/* Load access fault: record FS in s10, skip the load. Illegal instruction: record mtval in s9;
 * with FS Off turn it to Initial, else set frm to RNE; re-execute the instruction. */
handler:
    csrr t0, minstret
    add s4, s4, t0
    csrr t0, mcause
    li t1, 5
    beq t0, t1, load_fault
    li t1, 2
    bne t0, t1, unexpected_trap
    csrr s9, mtval
    csrr t0, mstatus
    srli t0, t0, 13
    andi t0, t0, 3
    bnez t0, bad_frm
    li t0, 1 << 13
    csrs mstatus, t0
    addi s7, s7, 1
    mret
bad_frm:
    csrwi frm, 0
    addi s8, s8, 1
    mret
load_fault:
    csrr t0, mstatus
    srli t0, t0, 13
    andi t0, t0, 3
    li t1, 1
    sll t1, t1, t0
    or s10, s10, t1
    addi s11, s11, 1
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret

    .data
    .align 3
scratch:
    .dword 0
