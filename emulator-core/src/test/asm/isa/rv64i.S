#include "test_macros.h"
/* RV64I: arithmetic, shifts, compares, word forms, loads/stores, branches, jumps (unpriv. spec ch. 2, 5). */
    TEST_INIT
    li a0, 0x7fffffffffffffff
    addi a1, a0, 1
    CHECK a1, 0x8000000000000000
    li a0, -5
    li a2, 3
    add a3, a0, a2
    CHECK a3, -2
    sub a3, a2, a0
    CHECK a3, 8
    slt a4, a0, a2
    CHECK a4, 1
    sltu a4, a0, a2
    CHECK a4, 0
    sltiu a4, a2, -1
    CHECK a4, 1
    slti a4, a0, -6
    CHECK a4, 0
    li a0, 0x8000000000000000
    srai a1, a0, 63
    CHECK a1, -1
    srli a1, a0, 63
    CHECK a1, 1
    li a2, 68
    sll a1, a2, a2          /* shift amount uses the low 6 bits: 68 & 63 = 4 */
    CHECK a1, 1088
    li a0, 0x00000000ffffffff
    addiw a1, a0, 1
    CHECK a1, 0
    addiw a1, a0, 0
    CHECK a1, -1
    li a0, 0x7fffffff
    addw a1, a0, a0
    CHECK a1, -2
    li a0, 0x80000000
    sraiw a1, a0, 4
    CHECK a1, 0xfffffffff8000000
    srliw a1, a0, 4
    CHECK a1, 0x08000000
    slliw a1, a0, 1
    CHECK a1, 0
    li a2, 33
    sllw a1, a2, a2         /* 33 & 31 = 1 */
    CHECK a1, 66
    subw a1, zero, a2
    CHECK a1, -33
    lui a1, 0x80000
    CHECK a1, 0xffffffff80000000
    la a3, data
    li a0, 0x8877665544332211
    sd a0, 0(a3)
    lb a1, 7(a3)
    CHECK a1, 0xffffffffffffff88
    lbu a1, 7(a3)
    CHECK a1, 0x88
    lh a1, 6(a3)
    CHECK a1, 0xffffffffffff8877
    lhu a1, 6(a3)
    CHECK a1, 0x8877
    lw a1, 4(a3)
    CHECK a1, 0xffffffff88776655
    lwu a1, 4(a3)
    CHECK a1, 0x88776655
    ld a1, 0(a3)
    CHECK a1, 0x8877665544332211
    sb zero, 1(a3)
    sh zero, 4(a3)
    ld a1, 0(a3)
    CHECK a1, 0x8877000044330011
    sw a0, 8(a3)
    lwu a1, 8(a3)
    CHECK a1, 0x44332211
    /* misaligned loads and stores succeed on QEMU virt */
    li a0, 0x0123456789abcdef
    sd a0, 17(a3)
    ld a1, 17(a3)
    CHECK a1, 0x0123456789abcdef
    lw a1, 19(a3)
    CHECK a1, 0x456789ab
    /* branches */
    li a0, -1
    li a1, 1
    li t0, 0
    blt a0, a1, 2f
    li t0, 1
2:  bltu a0, a1, 3f
    addi t0, t0, 2
3:  bge a1, a0, 4f
    addi t0, t0, 4
4:  bgeu a1, a0, 5f
    addi t0, t0, 8
5:  beq a0, a0, 6f
    addi t0, t0, 16
6:  bne a0, a0, 7f
    addi t0, t0, 32
7:  CHECK t0, 42
    jal ra, 8f
    j 9f
8:  jalr zero, 0(ra)
9:  CHECK zero, 0
    /* jalr clears bit 0 of the target */
    la t0, 10f
    addi t0, t0, 1
    jalr ra, 0(t0)
    j fail
10: CHECK zero, 0
    /* x0 stays zero */
    addi zero, zero, 5
    CHECK zero, 0
    TEST_END
    .data
    .align 3
data: .space 64
