/*
 * Rivet ISA test conventions. Every test is a bare-metal M-mode program linked at 0x80000000 (QEMU
 * virt, -bios none). It numbers its checks in gp; the first failing check ends the run through the
 * SiFive test finisher with FAIL and the check number as exit code; reaching PASS writes 0x5555.
 * An unexpected trap fails with code 0x7ff and leaves mcause in a1.
 */
#define FINISHER 0x100000

.macro TEST_INIT
    .section .text.init
    .globl _start
_start:
    la t0, unexpected_trap
    csrw mtvec, t0
    li gp, 0
.endm

/* CHECK reg, value: the next check; fails unless reg == value (a 64-bit constant). */
.macro CHECK reg, value
    addi gp, gp, 1
    li t6, \value
    bne \reg, t6, fail
.endm

/* EXPECT_TRAP cause: the next instruction must trap with mcause == cause; the handler stores
 * mcause, mtval and mepc in s9, s10, s11 and resumes after the instruction. */
.macro EXPECT_TRAP
    la t0, expected_trap
    csrw mtvec, t0
.endm

/* PAST_TRAPPING_INSTRUCTION: with t5 = mepc, sets mepc to the next instruction (the trapping one
 * is 2 or 4 bytes long). Uses t3, t4. */
.macro PAST_TRAPPING_INSTRUCTION
    lhu t4, 0(t5)
    andi t4, t4, 3
    addi t5, t5, 2
    li t3, 3
    bne t4, t3, 8f
    addi t5, t5, 2
8:  csrw mepc, t5
.endm

/* MRET_M_AFTER_S_ECALL: mret; after an ECALL from S (mcause 9 in s9) into M-mode (MPP = M), so
 * that a test can go back to M by ecall. Uses t3. */
.macro MRET_M_AFTER_S_ECALL
    li t3, 9
    bne s9, t3, 9f
    li t3, 3 << 11
    csrs mstatus, t3
9:  mret
.endm

.macro TEST_PASS
    li t0, FINISHER
    li t1, 0x5555
    sw t1, 0(t0)
1:  j 1b
.endm

.macro TEST_END
    TEST_PASS
fail:
    li t0, FINISHER
    slli t1, gp, 16
    li t2, 0x3333
    or t1, t1, t2
    sw t1, 0(t0)
2:  j 2b
    .align 2
unexpected_trap:
    csrr a1, mcause
    li gp, 0x7ff
    j fail
    .align 2
/* Records the trap and resumes after the trapping instruction (2 or 4 bytes long). */
expected_trap:
    csrr s9, mcause
    csrr s10, mtval
    csrr s11, mepc
    mv t5, s11
    PAST_TRAPPING_INSTRUCTION
    la t0, unexpected_trap
    csrw mtvec, t0
    mret
.endm
