#include "test_macros.h"
/* PMP (priv. spec 3.7): S/U accesses with no matching entry fail; NAPOT, TOR and NA4 matching;
 * the lowest-numbered matching entry wins; R/W/X checked for S/U; M is unrestricted unless an
 * entry is locked, then it is checked for M too and its registers ignore writes. */
    TEST_INIT
    la t0, pmp_trap
    csrw mtvec, t0
    la s4, area                  /* 4 KiB aligned, 4 KiB long */
    /* entry 0: NA4 over area+0, read-only; entry 1: TOR [area+0x800, area+0x1000) no access;
     * entry 2: NAPOT 4 KiB over area, R W; entry 3: NAPOT everything, R W X (for the code) */
    srli t0, s4, 2
    csrw pmpaddr0, t0
    addi t1, s4, 0x7ff
    addi t1, t1, 1
    srli t1, t1, 2
    csrw pmpaddr1, t1
    li t2, 0x1000
    add t2, s4, t2
    srli t2, t2, 2
    csrw pmpaddr2, t2
    /* entry 2 as NAPOT: base | (size/8 - 1) = (area >> 2) | 0x1ff */
    srli t3, s4, 2
    ori t3, t3, 0x1ff
    csrw pmpaddr3, t3
    li t4, -1
    csrw pmpaddr4, t4
    /* cfg: e0 NA4 R (0x11), e1 OFF (0), e2 TOR none (0x08), e3 NAPOT RW (0x1b), e4 NAPOT RWX (0x1f) */
    li t0, 0x1f1b080011
    csrw pmpcfg0, t0
    csrr t1, pmpcfg0
    addi gp, gp, 1
    bne t0, t1, fail
    /* enter S */
    li t0, 3 << 11
    csrc mstatus, t0
    li t0, 1 << 11
    csrs mstatus, t0
    la t0, in_s
    csrw mepc, t0
    mret
in_s:
    li s9, -1
    lw a0, 0(s4)                 /* NA4 read-only: load ok */
    CHECK s9, -1
    sw a0, 0(s4)                 /* NA4 read-only: store fault */
    CHECK s9, 7
    li s9, -1
    sw a0, 8(s4)                 /* NAPOT RW */
    CHECK s9, -1
    li s9, -1
    addi a1, s4, 0x7ff
    lb a0, 1(a1)                 /* TOR no access */
    CHECK s9, 5
    li s9, -1
    lb a0, 0(a1)                 /* just below the TOR range: NAPOT RW */
    CHECK s9, -1
    li s9, -1
    jalr ra, 8(s4)               /* NAPOT RW without X: instruction access fault */
    CHECK s9, 1
    li s9, -1
    li a2, 0x90000000            /* everything NAPOT: allowed by PMP, bus error: access fault */
    lw a0, 0(a2)
    CHECK s9, 5
    ecall                        /* back to M */
    /* M ignores unlocked entries: store to the NA4 read-only word */
    li s9, -1
    sw zero, 0(s4)
    CHECK s9, -1
    /* lock entry 0: now M is checked too, and pmpaddr0/pmpcfg0 byte 0 ignore writes */
    li t0, 0x80
    csrs pmpcfg0, t0
    sw zero, 0(s4)
    CHECK s9, 7
    csrw pmpaddr0, zero
    csrr t1, pmpaddr0
    srli t0, s4, 2
    addi gp, gp, 1
    bne t0, t1, fail
    li t0, 0x1f
    csrc pmpcfg0, t0
    csrr t1, pmpcfg0
    andi t1, t1, 0xff
    CHECK t1, 0x91
    TEST_END
    .align 2
pmp_trap:
    csrr s9, mcause
    csrr s10, mtval
    csrr t5, mepc
    li t3, 9
    beq s9, t3, from_s_ecall
    li t3, 1
    bne s9, t3, 1f
    csrw mepc, ra                /* fetch fault: return to the caller of the jalr */
    mret
1:  PAST_TRAPPING_INSTRUCTION
    mret
from_s_ecall:
    addi t5, t5, 4
    csrw mepc, t5
    li t3, 3 << 11
    csrs mstatus, t3
    mret
    .data
    .align 12
area: .space 4096
