#include "test_macros.h"
/* Self-modifying code with FENCE.I (unprivileged spec, chapter 3 "Zifencei": after FENCE.I, a
 * hart's fetches see its own earlier stores). Each patched instruction has executed before the
 * patch, so Rivet's decode cache and, when translating, its translated blocks hold the old one:
 * a called function patched once; a hot loop (200 rounds, past every translation threshold)
 * patched at the head of its own block and in the middle of the block of a function it calls;
 * a loop that rewrites an instruction of its own body every round; a loop whose body stores data
 * into its own code page; a 4-byte instruction replaced by two compressed ones and back; a patch
 * stored by an AMO. */

    TEST_INIT
    /* 1. a function that ran once, then patched */
    li a0, 0
    call patch_me
    CHECK a0, 1
    la t0, patch_me
    lw t1, add16
    sw t1, 0(t0)
    fence.i
    call patch_me
    CHECK a0, 17

    /* 2. a hot loop: its own first instruction and the function it calls patched after 200
     * rounds, then 200 rounds more */
    li a0, 0
    li a1, 0
    li s6, 2
pass:
    li s2, 200
1:  call hot
    addi s2, s2, -1
    bnez s2, 1b
    li s2, 200
    .option push
    .option norvc
hot_site:
    addi a1, a1, 1
    .option pop
    addi s2, s2, -1
    bnez s2, hot_site
    addi s6, s6, -1
    beqz s6, 2f
    CHECK a0, 200
    CHECK a1, 200
    la t0, hot_middle
    lw t1, add3
    sw t1, 0(t0)
    la t0, hot_site
    lw t1, add_a1_5
    sw t1, 0(t0)
    fence.i
    j pass
2:  CHECK a0, 800                    /* 200 + 200 * 3 */
    CHECK a1, 1200                   /* 200 + 200 * 5 */

    /* 3. a loop that rewrites an instruction of its own body each round (k = round & 7) */
round_patch:
    li a0, 0
    li s3, 0
    li s2, 100
    la s4, site
    lw s5, add0
3:  andi t1, s2, 7
    slli t2, t1, 20
    or t2, t2, s5                    /* addi a0, a0, k */
    sw t2, 0(s4)
    fence.i
    .option push
    .option norvc
site:
    addi a0, a0, 0
    .option pop
    add s3, s3, t1
    addi s2, s2, -1
    bnez s2, 3b
    addi gp, gp, 1
    bne a0, s3, fail
    CHECK a0, 346                    /* rounds 100..1: 12 cycles of 0..7 (336), then 4+3+2+1 */

    /* 4. a hot loop storing data into its own code page: execution goes on unchanged */
    la s4, counter
    li s2, 300
4:  lw t0, 0(s4)
    addi t0, t0, 1
    sw t0, 0(s4)
    addi s2, s2, -1
    bnez s2, 4b
    lw t0, 0(s4)
    CHECK t0, 300

    /* 5. a 4-byte instruction replaced by two compressed ones, and back */
    li a0, 0
    call split_me
    CHECK a0, 1
    la t0, split_me
    lw t1, two_compressed
    sw t1, 0(t0)
    fence.i
    call split_me
    CHECK a0, 6                      /* 1 + 2 + 3 */
    la t0, split_me
    lw t1, add16
    sw t1, 0(t0)
    fence.i
    call split_me
    CHECK a0, 22

    /* 6. a patch stored by an AMO */
    la t0, patch_me
    lw t1, add3
    amoswap.w t2, t1, (t0)
    lw t3, add16
    addi gp, gp, 1
    bne t2, t3, fail                 /* the AMO read the old instruction */
    fence.i
    li a0, 0
    call patch_me
    CHECK a0, 3
    TEST_END

    .align 2
    .option push
    .option norvc
patch_me:
    addi a0, a0, 1
    ret
hot:
    addi a2, a2, 1
hot_middle:                          /* patched in the middle of the function's block */
    addi a0, a0, 1
    ret
split_me:
    addi a0, a0, 1
    ret
    .align 2
counter:
    .word 0
/* templates, never executed: their bits are copied over the code above */
add16:
    addi a0, a0, 16
add3:
    addi a0, a0, 3
add0:
    addi a0, a0, 0
add_a1_5:
    addi a1, a1, 5
    .option pop
two_compressed:
    c.addi a0, 2
    c.addi a0, 3
