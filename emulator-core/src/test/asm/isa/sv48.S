#include "test_macros.h"
/* Sv48 and Sv57 (priv. spec 4.5, 4.6, with the walk of 4.3.2): a four-level walk to a 4 KiB page,
 * 2 MiB, 1 GiB and 512 GiB superpages (loads, and a fetch through the 512 GiB one), hardware A/D
 * update on a 4 KiB page and on a superpage (and A alone on a fetch), misaligned superpages at
 * each level (load, store and fetch page faults with the faulting address in mtval), a misaligned
 * load running into an unmapped page (mtval: that page), a pointer PTE at the last level, a
 * reserved PTE bit, S-mode fetches from a U page with SUM, a non-canonical address, SFENCE.VMA after
 * a PTE change; then satp WARL for Sv48, Sv57 and reserved modes as QEMU 7.2 (-cpu rv64) does it,
 * and a five-level Sv57 walk with a 256 TiB superpage. */
#define VA_PAGE      0x40001000          /* VPN 0/1/0/1: root -> l2 -> l1 -> l0 -> page */
#define VA_MEGA      0x40200000          /* l1[1]: 2 MiB onto PA 0x80200000, A/D clear */
#define PA_MEGA      0x80200000
#define VA_GIGA      0xc0000000          /* l2[3]: 1 GiB onto PA 0x80000000 */
#define VA_TERA      0x8000000000        /* root[1]: 512 GiB onto PA 0 */
#define VA_BAD_TERA  0x10000000018       /* root[2]: 512 GiB leaf with PPN 0x80000 */
#define VA_BAD_GIGA  0x100000020         /* l2[4]: 1 GiB leaf with PPN 0x80200 */
#define VA_BAD_MEGA  0x40400000          /* l1[2]: 2 MiB leaf with PPN 0x80201 */
#define VA_PETA      0x1000000000000     /* Sv57 root57[1]: 256 TiB onto PA 0 */

/* table[index] = a pointer to the next-level table */
.macro LINK table, index, next
    la t0, \table
    la t1, \next
    srli t1, t1, 12
    slli t1, t1, 10
    ori t1, t1, 1
    sd t1, (8 * \index)(t0)
.endm

/* table[index] = a leaf for physical address pa */
.macro LEAF table, index, pa, flags
    la t0, \table
    li t1, ((\pa >> 12) << 10) | \flags
    sd t1, (8 * \index)(t0)
.endm

/* Enter S-mode at label; the M-mode handler s_mode_trap takes every trap from now on. */
.macro TO_S label
    la t0, s_mode_trap
    csrw mtvec, t0
    li t0, 3 << 11
    csrc mstatus, t0
    li t0, 1 << 11
    csrs mstatus, t0
    la t0, \label
    csrw mepc, t0
    mret
.endm

/* The next check: the access before it faulted with cause and mtval == addr (a register). */
.macro CHECK_FAULT cause, addr
    CHECK s9, \cause
    addi gp, gp, 1
    bne s10, \addr, fail
.endm

    TEST_INIT
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    LINK root, 0, l2
    LEAF l2, 0, 0, 0xc7                  /* devices (the finisher), R W A D */
    LEAF l2, 2, 0x80000000, 0xcf         /* identity for RAM, R W X A D */
    LEAF l2, 3, 0x80000000, 0xc7         /* VA_GIGA alias of RAM */
    LEAF l2, 4, 0x80200000, 0xc7         /* misaligned 1 GiB */
    LINK l2, 1, l1
    LINK l1, 0, l0
    LEAF l1, 1, PA_MEGA, 0x07            /* V R W, A and D clear */
    LEAF l1, 2, 0x80201000, 0xcf         /* misaligned 2 MiB */
    LEAF root, 1, 0, 0xcf                /* 512 GiB onto PA 0, R W X A D */
    LEAF root, 2, 0x80000000, 0xc7       /* misaligned 512 GiB */
    la t0, l0
    la t1, page
    srli t1, t1, 12
    slli t1, t1, 10
    ori t1, t1, 0x07                     /* V R W, A and D clear */
    sd t1, 8(t0)
    /* l0[3]: a pointer at the last level; l0[4]: U R W X onto func's page; l0[5]: reserved bit
     * 54 set; l0[6]: X only onto func's page, A clear */
    LINK l0, 3, l1
    la t0, l0
    la t1, func
    srli t1, t1, 12
    slli t1, t1, 10
    ori t2, t1, 0xdf
    sd t2, 32(t0)
    ori t2, t1, 0x09
    sd t2, 48(t0)
    la t1, page
    srli t1, t1, 12
    slli t1, t1, 10
    ori t1, t1, 0xc7
    li t2, 1 << 54
    or t1, t1, t2
    sd t1, 40(t0)
    la t0, root
    srli t0, t0, 12
    li t1, 9 << 60
    or t0, t0, t1
    csrw satp, t0
    sfence.vma
    TO_S s_code
s_code:
    /* a four-level walk to a 4 KiB page */
    li s1, 0x5a5a
    la s2, page
    sd s1, 0(s2)                         /* through the identity gigapage */
    li a1, VA_PAGE
    ld a2, 0(a1)
    CHECK a2, 0x5a5a
    /* A set by the load, D still clear; then D set by a store */
    la s5, l0
    ld a3, 8(s5)
    andi a3, a3, 0xc0
    CHECK a3, 0x40
    li a4, 77
    sd a4, 8(a1)
    ld a3, 8(s5)
    andi a3, a3, 0xc0
    CHECK a3, 0xc0
    ld a2, 8(s2)
    CHECK a2, 77
    /* 2 MiB superpage: the offset inside it comes from the virtual address */
    li t0, PA_MEGA + 0x12340
    li t1, 0x1234
    sd t1, 0(t0)
    li a1, VA_MEGA + 0x12340
    ld a2, 0(a1)
    CHECK a2, 0x1234
    la s6, l1
    ld a3, 8(s6)
    andi a3, a3, 0xc0
    CHECK a3, 0x40                       /* A on the superpage leaf */
    sd a4, 8(a1)
    ld a3, 8(s6)
    andi a3, a3, 0xc0
    CHECK a3, 0xc0                       /* and D */
    li t0, PA_MEGA + 0x12348
    ld a2, 0(t0)
    CHECK a2, 77
    /* 1 GiB superpage */
    li t0, VA_GIGA - 0x80000000
    add a1, s2, t0
    ld a2, 0(a1)
    CHECK a2, 0x5a5a
    /* 512 GiB superpage: a load, and a fetch of func through it */
    li t0, VA_TERA
    add a1, s2, t0
    ld a2, 0(a1)
    CHECK a2, 0x5a5a
    la t1, func
    add t1, t1, t0
    li a0, 0
    jalr ra, 0(t1)
    CHECK a0, 0x77
    /* misaligned superpages: load at 512 GiB, store at 1 GiB, fetch at 2 MiB */
    li a5, VA_BAD_TERA
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 13, a5
    li a5, VA_BAD_GIGA
    li s9, -1
    sd a2, 0(a5)
    CHECK_FAULT 15, a5
    li a5, VA_BAD_MEGA
    li s9, -1
    jalr ra, 0(a5)
    CHECK_FAULT 12, a5
    /* a misaligned load running into the unmapped page after VA_PAGE: the fault names that page */
    li a5, VA_PAGE + 0xffc
    li s9, -1
    ld a2, 0(a5)
    li a5, VA_PAGE + 0x1000
    CHECK_FAULT 13, a5
    /* a pointer PTE at the last level, and a reserved PTE bit: page faults */
    li a5, VA_PAGE + 0x2000
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 13, a5
    li a5, VA_PAGE + 0x4000
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 13, a5
    /* S-mode never executes a U page, SUM or not */
    la t1, func
    slli t1, t1, 52
    srli s7, t1, 52                      /* func's offset in its page */
    li t0, 1 << 18
    csrs sstatus, t0
    li a5, VA_PAGE + 0x3000
    add a5, a5, s7
    li s9, -1
    jalr ra, 0(a5)
    CHECK_FAULT 12, a5
    li t0, 1 << 18
    csrc sstatus, t0
    /* a fetch sets A, not D */
    li a5, VA_PAGE + 0x5000
    add a5, a5, s7
    li a0, 0
    jalr ra, 0(a5)
    CHECK a0, 0x77
    ld a3, 48(s5)
    andi a3, a3, 0xc0
    CHECK a3, 0x40
    /* not canonical in Sv48 (bit 47 set, bits 63:48 clear) */
    li a5, 0x0000800000000000
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 13, a5
    /* canonical but unmapped: root[511] is invalid */
    li a5, 0xffffff8000000008
    li s9, -1
    sw a2, 0(a5)
    CHECK_FAULT 15, a5
    /* a PTE change seen after SFENCE.VMA: the 4 KiB page made read-only */
    ld a3, 8(s5)
    andi a3, a3, ~4
    sd a3, 8(s5)
    sfence.vma
    li a1, VA_PAGE
    li s9, -1
    sd a2, 0(a1)
    CHECK_FAULT 15, a1
    ld a2, 0(a1)
    CHECK a2, 0x5a5a
    ecall                                /* back to M */
    /* satp WARL in M-mode: Sv48 as written; Sv57 kept; reserved modes leave satp alone */
    la t0, unexpected_trap
    csrw mtvec, t0
    la t0, root
    srli t0, t0, 12
    li t1, 9 << 60
    or s3, t0, t1
    csrr t2, satp
    addi gp, gp, 1
    bne t2, s3, fail
    la t0, root57
    srli t0, t0, 12
    li t1, 10 << 60
    or s4, t0, t1
    csrw satp, s4
    csrr t2, satp
    addi gp, gp, 1
    bne t2, s4, fail
    li t1, (11 << 60) | 0x1234
    csrw satp, t1
    csrr t2, satp
    addi gp, gp, 1
    bne t2, s4, fail
    li t1, (15 << 60) | 0x1234
    csrw satp, t1
    csrr t2, satp
    addi gp, gp, 1
    bne t2, s4, fail
    /* Sv57: root57[0] -> the Sv48 root, root57[1] a 256 TiB leaf onto PA 0 */
    LINK root57, 0, root
    LEAF root57, 1, 0, 0xc7
    sfence.vma
    TO_S s57_code
s57_code:
    li a1, VA_PAGE
    ld a2, 0(a1)
    CHECK a2, 0x5a5a                     /* five levels down to the same page */
    li t0, VA_PETA
    add a1, s2, t0
    ld a2, 0(a1)
    CHECK a2, 0x5a5a
    /* the 512 GiB address is canonical in Sv57 but VPN[4] = 0 now leads to the Sv48 root */
    li t0, VA_TERA
    add a1, s2, t0
    ld a2, 0(a1)
    CHECK a2, 0x5a5a
    /* bit 56 set, bits 63:57 clear: not canonical in Sv57 */
    li a5, 0x0100000000000000
    li s9, -1
    ld a2, 0(a5)
    CHECK_FAULT 13, a5
    ecall
    csrw satp, zero
    sfence.vma
    TEST_END
    .align 2
func:
    li a0, 0x77
    ret
    .align 2
/* M-mode handler while testing in S: records mcause/mtval/mepc in s9/s10/s11 and resumes after
 * the instruction in S (after a fetch fault: at ra); an ECALL from S resumes in M instead. */
s_mode_trap:
    csrr s9, mcause
    csrr s10, mtval
    csrr s11, mepc
    csrr t5, mepc
    li t3, 12
    bne s9, t3, 3f
    csrw mepc, ra
    mret
3:
    PAST_TRAPPING_INSTRUCTION
    MRET_M_AFTER_S_ECALL
    .data
    .align 12
root: .space 4096
l2: .space 4096
l1: .space 4096
l0: .space 4096
page: .space 4096
root57: .space 4096
