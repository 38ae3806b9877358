#include "test_macros.h"
/* Hardware performance monitor of QEMU 7.2's virt hart (pmu-num = 16, no Sscofpmf; priv. spec
 * 3.1.10-3.1.12): mhpmcounter3..18 keep a written value, 19..31 and their hpmcounter shadows are
 * illegal even in M-mode, mhpmevent3..31 keep every bit, an unsupported event does not make a
 * counter count while the instructions event (SBI code 2) does, and hpmcounterN is gated by
 * mcounteren in S-mode and by mcounteren and scounteren in U-mode. */
#define VALUE 0x123456789abcdef0

/* ENTER mode, back: continues in privilege mode `mode` (0 U, 1 S); an ECALL there resumes M-mode
 * code at `back`. An illegal instruction in that mode sets s9 = 2 and skips the instruction. */
.macro ENTER mode, back
    la t0, mode_handler
    csrw mtvec, t0
    la s5, \back
    li t0, 3 << 11
    csrc mstatus, t0
    li t0, \mode << 11
    csrs mstatus, t0
    la t0, 1f
    csrw mepc, t0
    li s9, 0
    mret
1:
.endm

    TEST_INIT
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    /* 1-3: the first and last counters keep what is written; hpmcounter3 reads mhpmcounter3 */
    li t1, VALUE
    csrw mhpmcounter3, t1
    csrr t2, mhpmcounter3
    CHECK t2, VALUE
    li t1, -2
    csrw mhpmcounter18, t1
    nop
    nop
    csrr t2, mhpmcounter18
    CHECK t2, -2
    csrr t2, hpmcounter3
    CHECK t2, VALUE
    /* 4-6: counters 19..31 do not exist, even for M-mode */
    EXPECT_TRAP
    csrw mhpmcounter19, t1
    CHECK s9, 2
    EXPECT_TRAP
    csrr t2, mhpmcounter31
    CHECK s9, 2
    EXPECT_TRAP
    csrr t2, hpmcounter19
    CHECK s9, 2
    /* 7-9: every mhpmevent keeps all its bits */
    li t1, -1
    csrw mhpmevent3, t1
    csrr t2, mhpmevent3
    CHECK t2, -1
    li t1, 0x5a5a00000000a5a5
    csrw mhpmevent19, t1
    csrr t2, mhpmevent19
    CHECK t2, 0x5a5a00000000a5a5
    csrw mhpmevent31, t1
    csrr t2, mhpmevent31
    CHECK t2, 0x5a5a00000000a5a5
    csrw mhpmevent3, zero
    csrw mhpmevent19, zero
    csrw mhpmevent31, zero
    /* 10: an event QEMU does not support leaves the counter still */
    li t1, 0x123
    csrw mhpmevent5, t1
    li t1, 77
    csrw mhpmcounter5, t1
    nop
    nop
    csrr t2, mhpmcounter5
    CHECK t2, 77
    /* 11: the instructions event makes a counter count up from the written value */
    li t1, 2
    csrw mhpmevent4, t1
    li t1, 100
    csrw mhpmcounter4, t1
    nop
    nop
    csrr t2, mhpmcounter4
    addi gp, gp, 1
    li t6, 100
    bgeu t6, t2, fail
    csrw mhpmevent4, zero
    csrw mhpmevent5, zero
    /* 12: S-mode without mcounteren.HPM3 */
    csrw mcounteren, zero
    li t0, -1
    csrw scounteren, t0
    ENTER 1, back_s1
    csrr a0, hpmcounter3
    ecall
back_s1:
    CHECK s9, 2
    /* 13-14: S-mode with mcounteren.HPM3 */
    li t0, 1 << 3
    csrw mcounteren, t0
    ENTER 1, back_s2
    csrr a0, hpmcounter3
    ecall
back_s2:
    CHECK s9, 0
    CHECK a0, VALUE
    /* 15: U-mode with mcounteren.HPM3 but not scounteren.HPM3 */
    csrw scounteren, zero
    ENTER 0, back_u1
    csrr a0, hpmcounter3
    ecall
back_u1:
    CHECK s9, 2
    /* 16: U-mode with scounteren.HPM3 but not mcounteren.HPM3 */
    li t0, 1 << 3
    csrw scounteren, t0
    csrw mcounteren, zero
    ENTER 0, back_u2
    csrr a0, hpmcounter3
    ecall
back_u2:
    CHECK s9, 2
    /* 17-19: U-mode with both; hpmcounter19 stays illegal with every enable bit set */
    li t0, -1
    csrw mcounteren, t0
    csrw scounteren, t0
    li a0, 0
    ENTER 0, back_u3
    csrr a0, hpmcounter3
    ecall
back_u3:
    CHECK s9, 0
    CHECK a0, VALUE
    ENTER 0, back_u4
    csrr a0, hpmcounter19
    ecall
back_u4:
    CHECK s9, 2
    la t0, unexpected_trap
    csrw mtvec, t0
    TEST_END

    .align 2
/* ECALL from U or S: back to M at s5. Illegal instruction: s9 = 2, skip it. Else: unexpected. */
mode_handler:
    csrr t0, mcause
    li t1, 8
    beq t0, t1, 1f
    li t1, 9
    beq t0, t1, 1f
    li t1, 2
    bne t0, t1, unexpected_trap
    mv s9, t0
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
1:  li t0, 3 << 11
    csrs mstatus, t0
    csrw mepc, s5
    mret
