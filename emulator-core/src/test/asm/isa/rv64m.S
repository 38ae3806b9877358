#include "test_macros.h"
/* M extension: products, quotients, division by zero and overflow (unpriv. spec ch. 7, table 7.1). */
    TEST_INIT
    li a0, -7
    li a1, 3
    mul a2, a0, a1
    CHECK a2, -21
    div a2, a0, a1
    CHECK a2, -2
    rem a2, a0, a1
    CHECK a2, -1
    divu a2, a0, a1
    CHECK a2, 0x5555555555555553
    remu a2, a0, a1
    CHECK a2, 0
    li a3, 0x8000000000000000
    li a4, -1
    div a2, a3, a4
    CHECK a2, 0x8000000000000000
    rem a2, a3, a4
    CHECK a2, 0
    div a2, a0, zero
    CHECK a2, -1
    divu a2, a0, zero
    CHECK a2, -1
    rem a2, a0, zero
    CHECK a2, -7
    remu a2, a0, zero
    CHECK a2, -7
    mulh a2, a3, a3
    CHECK a2, 0x4000000000000000
    mulhu a2, a4, a4
    CHECK a2, 0xfffffffffffffffe
    mulhsu a2, a4, a4
    CHECK a2, -1
    mulhsu a2, a1, a4
    CHECK a2, 2
    li a5, 0x80000000
    li a6, -1
    divw a2, a5, a6
    CHECK a2, 0xffffffff80000000
    remw a2, a5, a6
    CHECK a2, 0
    divuw a2, a0, a1
    CHECK a2, 0x55555553
    remuw a2, a0, zero
    CHECK a2, -7
    divw a2, a0, zero
    CHECK a2, -1
    mulw a2, a5, a1
    CHECK a2, 0xffffffff80000000
    TEST_END
