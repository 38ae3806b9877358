#include "test_macros.h"
/* Sv39 (priv. spec 4.3-4.4): a three-level walk to a 4 KiB page, hardware A/D update (A on a load,
 * D on a store), page faults with the faulting address in mtval (load 13, store 15, fetch 12),
 * a misaligned gigapage, U-bit with and without SUM, MXR, SFENCE.VMA after a PTE change, and
 * satp WARL for Sv48 and an unsupported mode. */
#define VA_PAGE 0x40001000
#define VA_MISALIGNED 0xc0000000
    TEST_INIT
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    /* root[2]: 0x80000000 gigapage, RWX, A D set, supervisor */
    la a0, root
    li t1, (0x80000 << 10) | 0xcf
    sd t1, 16(a0)
    /* root[0]: devices gigapage (the finisher), R W, A D set */
    li t1, 0xc7
    sd t1, 0(a0)
    /* root[1] -> l1; l1[0] -> l0; l0[1] -> data page, R W, A D clear */
    la t2, l1
    srli t3, t2, 12
    slli t3, t3, 10
    ori t3, t3, 1
    sd t3, 8(a0)
    la t4, l0
    srli t3, t4, 12
    slli t3, t3, 10
    ori t3, t3, 1
    sd t3, 0(t2)
    la t5, page
    srli t3, t5, 12
    slli t3, t3, 10
    ori t3, t3, 0x7
    sd t3, 8(t4)
    /* l0[2]: user page (U R W A D) onto the same data page; l0[3]: execute-only page */
    ori t6, t3, 0xd0
    sd t6, 16(t4)
    andi t6, t3, ~0xf
    ori t6, t6, 0xc9
    sd t6, 24(t4)
    /* root[3]: a gigapage whose PPN is not 1 GiB aligned */
    li t1, (0x80001 << 10) | 0xcf
    sd t1, 24(a0)
    /* satp = Sv39 root */
    srli t1, a0, 12
    li t2, 8 << 60
    or t1, t1, t2
    csrw satp, t1
    sfence.vma
    /* enter S-mode; every trap from now on goes to s_mode_trap */
    la t0, s_mode_trap
    csrw mtvec, t0
    li t0, 3 << 11
    csrc mstatus, t0
    li t0, 1 << 11
    csrs mstatus, t0
    la t0, s_code
    csrw mepc, t0
    mret
s_code:
    li s1, 0x5a5a
    la t5, page
    sd s1, 0(t5)                 /* through the identity gigapage */
    li a1, VA_PAGE
    ld a2, 0(a1)
    CHECK a2, 0x5a5a
    /* A set, D still clear (read the PTE through the gigapage) */
    la s5, l0
    ld a3, 8(s5)
    andi a3, a3, 0xc0
    CHECK a3, 0x40
    li a4, 77
    sd a4, 8(a1)
    ld a3, 8(s5)
    andi a3, a3, 0xc0
    CHECK a3, 0xc0
    ld a2, 8(t5)
    CHECK a2, 77
    /* unmapped: load and store page faults with the address in mtval */
    li a5, 0x40005008
    li s9, -1
    ld a2, 0(a5)
    CHECK s9, 13
    addi gp, gp, 1
    bne s10, a5, fail
    li s9, -1
    sw a2, 0(a5)
    CHECK s9, 15
    /* misaligned gigapage */
    li a5, VA_MISALIGNED
    li s9, -1
    lw a2, 0(a5)
    CHECK s9, 13
    addi gp, gp, 1
    bne s10, a5, fail
    /* U page from S: faults without SUM, works with SUM */
    li a5, 0x40002000
    li s9, -1
    ld a2, 0(a5)
    CHECK s9, 13
    li t0, 1 << 18
    csrs sstatus, t0
    ld a2, 0(a5)
    CHECK a2, 0x5a5a
    csrc sstatus, t0
    /* execute-only page: loads fault unless MXR */
    li a5, 0x40003000
    li s9, -1
    ld a2, 0(a5)
    CHECK s9, 13
    li t0, 1 << 19
    csrs sstatus, t0
    ld a2, 0(a5)
    CHECK a2, 0x5a5a
    csrc sstatus, t0
    /* fetch from a non-executable page: instruction page fault, mtval = target */
    li a5, VA_PAGE
    li s9, -1
    jalr ra, 0(a5)
    CHECK s9, 12
    addi gp, gp, 1
    bne s10, a5, fail
    /* PTE change seen after SFENCE.VMA: make the page read-only */
    ld a3, 8(s5)
    andi a3, a3, ~4
    sd a3, 8(s5)
    sfence.vma
    li s9, -1
    sd a2, 0(a1)
    CHECK s9, 15
    /* back to M for the satp checks: ECALL from S is turned into a return to M */
    ecall
    csrr t0, mstatus             /* legal now: M-mode */
    la t0, unexpected_trap
    csrw mtvec, t0
    li t1, (9 << 60) | 0x5000
    csrw satp, t1
    csrr t2, satp
    addi gp, gp, 1
    bne t1, t2, fail
    li t3, (3 << 60) | 0x6000
    csrw satp, t3
    csrr t2, satp
    addi gp, gp, 1
    bne t1, t2, fail
    csrw satp, zero
    TEST_END
    .align 2
/* M-mode handler while testing in S: records mcause/mtval/mepc in s9/s10/s11 and resumes after
 * the instruction in S; an ECALL from S resumes in M instead. */
s_mode_trap:
    csrr s9, mcause
    csrr s10, mtval
    csrr s11, mepc
    csrr t5, mepc
    li t3, 12
    bne s9, t3, 3f
    csrw mepc, ra                /* fetch fault after a jalr: return to its caller */
    mret
3:
    PAST_TRAPPING_INSTRUCTION
    MRET_M_AFTER_S_ECALL
    .data
    .align 12
root: .space 4096
l1: .space 4096
l0: .space 4096
page: .space 4096
