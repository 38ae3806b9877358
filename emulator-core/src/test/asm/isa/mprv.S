#include "test_macros.h"
/* mstatus.MPRV (priv. spec 3.1.6.3): with MPRV = 1, M-mode loads, stores and AMOs are translated
 * and protected as in mode MPP (here under Sv39), with SUM and MXR as in that mode; fetches are
 * not; PMP checks them as MPP's accesses. MPP = M, or MPRV = 0, means bare physical accesses
 * that unlocked PMP entries do not restrict; MPRV has no effect below M. A trap
 * from M sets MPP = M and MRET sets MPP = U, so the test sets MPP again after each one. */
#define VA_S  0xc0001000     /* S, R W, A D: page_a */
#define VA_U  0xc0002000     /* U, R W, A D: page_a */
#define VA_X  0xc0003000     /* S, X only, A: page_a */
#define VA_UX 0xc0004000     /* U, X only, A: page_a */
#define VA_RO 0xc0005000     /* S, R only, A: page_a */
#define VA_AD 0xc0006000     /* S, R W, A and D clear: page_b */
#define VA_F  0xc0007000     /* S, R W X, A D: the code page of func */
#define VA_C  0xc0008000     /* S, R W, A D: page_c, which PMP entry 0 closes to S and U */
#define MPRV_BIT (1 << 17)
#define SUM_BIT (1 << 18)
#define MXR_BIT (1 << 19)

/* MPRV = 1 with MPP = mode (0 U, 1 S, 3 M) */
.macro MPRV_AS mode
    li t0, 3 << 11
    csrc mstatus, t0
    li t0, (\mode << 11) | MPRV_BIT
    csrs mstatus, t0
.endm

/* l0[index] = a leaf for symbol's page */
.macro LEAF0 index, symbol, flags
    la t0, l0
    la t1, \symbol
    srli t1, t1, 12
    slli t1, t1, 10
    ori t1, t1, \flags
    sd t1, (8 * \index)(t0)
.endm

/* The next check: the access before it trapped with cause and mtval == addr (a register). */
.macro CHECK_FAULT cause, addr
    CHECK s9, \cause
    addi gp, gp, 1
    bne s10, \addr, fail
.endm

    TEST_INIT
    /* PMP entry 0: page_c (NAPOT 4 KiB), no access for S and U; entry 1: everything else */
    la t0, page_c
    srli t0, t0, 2
    ori t0, t0, 0x1ff
    csrw pmpaddr0, t0
    li t0, -1
    csrw pmpaddr1, t0
    li t0, 0x1f18
    csrw pmpcfg0, t0
    li t0, 1 << 13
    csrs mstatus, t0                     /* FS = initial, for FLD */
    /* root[0]: devices gigapage (the finisher); root[2]: RAM identity; root[3] -> l1 -> l0 */
    la a0, root
    li t1, 0xc7
    sd t1, 0(a0)
    li t1, (0x80000 << 10) | 0xcf
    sd t1, 16(a0)
    la t2, l1
    srli t3, t2, 12
    slli t3, t3, 10
    ori t3, t3, 1
    sd t3, 24(a0)
    la t4, l0
    srli t3, t4, 12
    slli t3, t3, 10
    ori t3, t3, 1
    sd t3, 0(t2)
    LEAF0 1, page_a, 0xc7
    LEAF0 2, page_a, 0xd7
    LEAF0 3, page_a, 0x49
    LEAF0 4, page_a, 0x59
    LEAF0 5, page_a, 0x43
    LEAF0 6, page_b, 0x07
    LEAF0 7, func, 0xcf
    LEAF0 8, page_c, 0xc7
    srli t1, a0, 12
    li t2, 8 << 60
    or t1, t1, t2
    csrw satp, t1
    sfence.vma
    la t0, mprv_trap
    csrw mtvec, t0
    la s2, page_a
    li t1, 0x1111
    sd t1, 0(s2)

    /* MPRV = 0: M-mode data accesses are physical, and nothing is at VA_S */
    li a5, VA_S
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 5, a5

    /* MPRV = 1, MPP = S: loads, stores, AMOs and FP loads go through the page table */
    MPRV_AS 1
    ld a2, 0(a5)
    CHECK a2, 0x1111
    li t1, 0x3333
    sd t1, 8(a5)
    ld a2, 8(s2)                         /* page_a itself, through the identity gigapage */
    CHECK a2, 0x3333
    amoadd.d a3, t1, (a5)
    CHECK a3, 0x1111
    fld ft0, 0(a5)
    fmv.x.d a3, ft0
    CHECK a3, 0x4444

    /* a U page: faults for MPP = S unless SUM */
    li a5, VA_U
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 13, a5
    MPRV_AS 1
    li t0, SUM_BIT
    csrs mstatus, t0
    ld a2, 0(a5)
    CHECK a2, 0x4444
    sd a2, 16(a5)
    csrc mstatus, t0

    /* an execute-only page: readable only with MXR */
    li a5, VA_X
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 13, a5
    MPRV_AS 1
    li t0, MXR_BIT
    csrs mstatus, t0
    ld a2, 0(a5)
    CHECK a2, 0x4444
    /* a U execute-only page: MXR alone is not enough from S, MXR and SUM are */
    li a5, VA_UX
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 13, a5
    MPRV_AS 1
    li t0, SUM_BIT
    csrs mstatus, t0
    ld a2, 0(a5)
    CHECK a2, 0x4444
    li t0, MXR_BIT
    csrc mstatus, t0                     /* SUM alone: not readable */
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 13, a5
    MPRV_AS 1
    li t0, SUM_BIT
    csrc mstatus, t0

    /* a read-only page: stores fault, loads work */
    li a5, VA_RO
    li s9, -1
    sd a2, 0(a5)
    CHECK_FAULT 15, a5
    MPRV_AS 1
    ld a2, 0(a5)
    CHECK a2, 0x4444

    /* A and D set by the walk on a store made under MPRV */
    li a5, VA_AD
    li t1, 0x2222
    sw t1, 0(a5)
    la t2, l0
    ld a3, 48(t2)
    andi a3, a3, 0xc0
    CHECK a3, 0xc0
    la t2, page_b
    lw a3, 0(t2)
    CHECK a3, 0x2222

    /* fetches ignore MPRV: a jump to func through VA_F (S, R W X) fetches from physical VA_F,
     * where nothing is (instruction access fault). No data access uses VA_F: QEMU 7.2 keeps one
     * TLB for M-mode fetches and MPRV data accesses, so a load from a page fetched from in M would
     * reuse the fetch's physical translation. */
    la t1, func
    slli t1, t1, 52
    srli t1, t1, 52                      /* func's offset in its page */
    li a5, VA_F
    add a5, a5, t1
    li a0, 0
    li s9, -1
    jalr ra, 0(a5)
    CHECK_FAULT 1, a5
    CHECK a0, 0

    /* PMP: M reads page_c, physically or with MPP = M; with MPP = S the access is S's: denied */
    li t0, MPRV_BIT
    csrc mstatus, t0
    la s3, page_c
    li t1, 0x5555
    sd t1, 0(s3)
    ld a2, 0(s3)
    CHECK a2, 0x5555
    MPRV_AS 3
    ld a2, 0(s3)
    CHECK a2, 0x5555
    MPRV_AS 1
    li a5, VA_C
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 5, a5
    MPRV_AS 1
    li s9, -1
    sd a2, 8(a5)
    addi a5, a5, 8
    CHECK_FAULT 7, a5
    MPRV_AS 1

    /* MPP = U: the U page is readable, the S page is not (the same VA_S worked for MPP = S) */
    MPRV_AS 0
    li a5, VA_U
    ld a2, 0(a5)
    CHECK a2, 0x4444
    li a5, VA_S
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 13, a5

    /* MPP = M: physical again */
    MPRV_AS 3
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 5, a5

    /* MPRV has no effect below M: after an MRET, and an SRET, to S with MPRV = 1 and MPP = U,
     * S-mode loads are S-mode loads. (Priv. spec 1.12 also makes those xRETs clear MPRV, which
     * Rivet does; QEMU 7.2 keeps MPRV, so this suite does not look: XretClearsMprvTest checks
     * Rivet.) */
    MPRV_AS 1
    la t0, in_s
    csrw mepc, t0
    mret
in_s:
    li a5, VA_S
    ld a2, 0(a5)
    CHECK a2, 0x4444
    ecall                                /* back to M, after the ecall */
    CHECK s9, 9
    MPRV_AS 0
    li t0, 1 << 8
    csrs mstatus, t0                     /* SPP = S */
    la t0, in_s_again
    csrw sepc, t0
    sret                                 /* executed in M: legal */
in_s_again:
    ld a2, 0(a5)
    CHECK a2, 0x4444
    ecall
    CHECK s9, 9
    li t0, MPRV_BIT
    csrc mstatus, t0
    csrw satp, zero
    sfence.vma
    TEST_END

    .align 2
func:
    li a0, 0x77
    ret
    .align 2
/* Records mcause/mtval in s9/s10 and resumes: at ra after a fetch fault, in M after the ECALL of
 * an S-mode ECALL, after the trapping instruction otherwise (in M: the traps come from M). Its own
 * loads are physical: the trap from M set MPP = M. */
mprv_trap:
    csrr s9, mcause
    csrr s10, mtval
    csrr t5, mepc
    li t3, 1
    bne s9, t3, 1f
    csrw mepc, ra
    mret
1:  PAST_TRAPPING_INSTRUCTION
    MRET_M_AFTER_S_ECALL                 /* an ECALL from S returns to M */
    .data
    .align 12
root: .space 4096
l1: .space 4096
l0: .space 4096
page_a: .space 4096
page_b: .space 4096
page_c: .space 4096
