#include "test_macros.h"
/* A extension: LR/SC success and failure, AMOs on words (sign extension) and double words,
 * misaligned AMO raising cause 4 as QEMU 7.2 does (unpriv. spec ch. 8). */
    TEST_INIT
    la a0, data
    li a1, 5
    sd a1, 0(a0)
    lr.d a2, (a0)
    CHECK a2, 5
    li a3, 9
    sc.d a4, a3, (a0)
    CHECK a4, 0
    ld a2, 0(a0)
    CHECK a2, 9
    sc.d a4, a1, (a0)          /* no reservation any more: fails */
    CHECK a4, 1
    ld a2, 0(a0)
    CHECK a2, 9
    li a1, -1
    amoadd.d a2, a1, (a0)
    CHECK a2, 9
    ld a2, 0(a0)
    CHECK a2, 8
    li a1, 0x80000000
    sw a1, 8(a0)
    addi a6, a0, 8
    amoadd.w a2, zero, (a6)
    CHECK a2, 0xffffffff80000000
    li a1, 1
    amomaxu.w a2, a1, (a6)
    lw a2, 8(a0)
    CHECK a2, 0xffffffff80000000
    amomax.w a2, a1, (a6)
    lw a2, 8(a0)
    CHECK a2, 1
    li a1, -3
    amomin.d a2, a1, (a0)
    ld a2, 0(a0)
    CHECK a2, -3
    amominu.d a2, zero, (a0)
    ld a2, 0(a0)
    CHECK a2, 0
    li a1, 0xf0
    amoor.d a2, a1, (a0)
    li a1, 0x3c
    amoand.d a2, a1, (a0)
    amoxor.d a2, a1, (a0)
    CHECK a2, 0x30
    ld a2, 0(a0)
    CHECK a2, 0x0c
    amoswap.d a2, a3, (a0)
    CHECK a2, 0x0c
    ld a2, 0(a0)
    CHECK a2, 9
    lr.w a2, (a0)
    addi a6, a0, 4
    sc.w a4, a1, (a6)         /* other address: fails without a store */
    CHECK a4, 1
    EXPECT_TRAP
    addi a6, a0, 2
    amoadd.w a2, a1, (a6)
    CHECK s9, 4
    addi a5, a0, 2
    addi gp, gp, 1
    bne s10, a5, fail
    TEST_END
    .data
    .align 3
data: .space 64
