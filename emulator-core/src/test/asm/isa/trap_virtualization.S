#include "test_macros.h"
/* mstatus TVM, TW and TSR (priv. spec 3.1.6.5, "Virtualization Support in mstatus Register"):
 * in S-mode, TW = 1 makes WFI, TSR = 1 makes SRET, and TVM = 1 makes satp reads and writes and
 * SFENCE.VMA raise an illegal-instruction exception, with the instruction's bits in mtval as
 * QEMU 7.2 reports them; M-mode is never affected; with the bits clear, or with only another of
 * them set, the same instructions work in S. WFI wakes at once throughout: SSIP is pending and
 * enabled in mie, and delegated to S with sstatus.SIE = 0, so it is never taken. */
#define TVM_BIT (1 << 20)
#define TW_BIT (1 << 21)
#define TSR_BIT (1 << 22)

/* From M: set the mstatus bits, then continue at label in S (through MRET). */
.macro TO_S bits, label
    li t0, TVM_BIT | TW_BIT | TSR_BIT
    csrc mstatus, t0
    li t0, \bits
    beqz t0, 1f
    csrs mstatus, t0
1:  li t0, 3 << 11
    csrc mstatus, t0
    li t0, 1 << 11
    csrs mstatus, t0
    la t0, \label
    csrw mepc, t0
    mret
.endm

/* The next check: the instruction before it raised an illegal-instruction exception with mtval = bits. */
.macro CHECK_ILLEGAL bits
    CHECK s9, 2
    CHECK s10, \bits
    li s9, -1
.endm

/* In S: SRET to label in S (sepc = label, SPP = S, SPIE = 0 so that SIE stays 0). */
.macro SRET_TO label
    la t0, \label
    csrw sepc, t0
    li t0, 1 << 8
    csrs sstatus, t0
    li t0, 1 << 5
    csrc sstatus, t0
    sret
.endm

    TEST_INIT
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    la t0, m_trap
    csrw mtvec, t0
    /* the wake-up source for WFI */
    li t0, 2
    csrw mideleg, t0
    csrs mie, t0
    csrs mip, t0
    li s9, -1

    /* M-mode ignores TW, TSR and TVM; SRET from M enters S */
    li t0, TVM_BIT | TW_BIT | TSR_BIT
    csrs mstatus, t0
    wfi
    csrr t1, satp
    csrw satp, zero
    sfence.vma
    CHECK s9, -1
    li t0, 1 << 8
    csrs mstatus, t0
    la t0, all_set
    csrw sepc, t0
    sret
all_set:
    /* TW: WFI is illegal in S, even with an interrupt to wake it */
    wfi
    CHECK_ILLEGAL 0x10500073
    /* TSR: SRET is illegal in S */
    SRET_TO 1f
1:  CHECK_ILLEGAL 0x10200073
    /* TVM: satp reads and writes (a change that would otherwise be kept) and SFENCE.VMA */
    csrr t1, satp
    CHECK_ILLEGAL 0x18002373             /* csrrs t1, satp, zero */
    li t2, 0x1234
    csrw satp, t2
    CHECK_ILLEGAL 0x18039073             /* csrrw zero, satp, t2 */
    csrrw t1, satp, zero
    CHECK_ILLEGAL 0x18001373
    sfence.vma
    CHECK_ILLEGAL 0x12000073
    sfence.vma a0, a1
    CHECK_ILLEGAL 0x12b50073
    ecall                                /* to M, after the ecall */
    CHECK s9, 9
    li s9, -1
    csrr t1, satp
    CHECK t1, 0                          /* the refused write changed nothing */

    /* all clear: the same instructions work in S */
    TO_S 0, all_clear
all_clear:
    wfi
    li t2, 0x1234
    csrw satp, t2
    csrr t1, satp
    csrw satp, zero
    sfence.vma
    sfence.vma a0, a1
    SRET_TO 1f
    j fail
1:  CHECK s9, -1
    CHECK t1, 0x1234
    ecall
    CHECK s9, 9
    li s9, -1

    /* TW alone traps WFI only */
    TO_S TW_BIT, tw_only
tw_only:
    csrr t1, satp
    sfence.vma
    SRET_TO 1f
    j fail
1:  CHECK s9, -1
    wfi
    CHECK_ILLEGAL 0x10500073
    ecall
    CHECK s9, 9
    li s9, -1

    /* TSR alone traps SRET only */
    TO_S TSR_BIT, tsr_only
tsr_only:
    wfi
    csrr t1, satp
    sfence.vma
    CHECK s9, -1
    SRET_TO 1f
1:  CHECK_ILLEGAL 0x10200073
    ecall
    CHECK s9, 9
    li s9, -1

    /* TVM alone traps satp and SFENCE.VMA only */
    TO_S TVM_BIT, tvm_only
tvm_only:
    wfi
    SRET_TO 1f
    j fail
1:  CHECK s9, -1
    csrw satp, zero
    CHECK_ILLEGAL 0x18001073             /* csrrw zero, satp, zero */
    sfence.vma
    CHECK_ILLEGAL 0x12000073
    ecall
    CHECK s9, 9
    li t0, TVM_BIT | TW_BIT | TSR_BIT
    csrc mstatus, t0
    li t0, 2
    csrc mie, t0
    csrc mip, t0
    csrw mideleg, zero
    TEST_END

    .align 2
/* Every trap: records mcause and mtval in s9 and s10 and resumes after the instruction in the mode
 * it came from; an ECALL from S resumes in M instead. Everything runs bare. */
m_trap:
    csrr s9, mcause
    csrr s10, mtval
    csrr t5, mepc
    PAST_TRAPPING_INSTRUCTION
    MRET_M_AFTER_S_ECALL
