# Entry of the test programs: every hart gets a stack, hart 0 clears .bss and calls main(),
# the others call secondary(hartid) once hart 0 has set `booted`.
    .section .text.start
    .globl _start
_start:
    csrr t0, mhartid
    la sp, __stacks
    addi t1, t0, 1
    li t2, 16384
    mul t1, t1, t2
    add sp, sp, t1
    la t3, mtrap
    csrw mtvec, t3
    bnez t0, 2f
    la t1, __bss_start
    la t2, __bss_end
1:  bgeu t1, t2, 3f
    sd zero, 0(t1)
    addi t1, t1, 8
    j 1b
3:  fence
    la t1, booted
    li t2, 1
    sw t2, 0(t1)
    mv a0, a1
    call main
    j finish_fail_main
2:  la t1, booted
4:  lw t2, 0(t1)
    beqz t2, 4b
    fence
    mv a0, t0
    call secondary
5:  wfi
    j 5b
finish_fail_main:              # main returned: fail with code 99
    li t0, 0x100000
    li t1, (99 << 16) | 0x3333
    sw t1, 0(t0)
6:  j 6b

    .align 2
mtrap:
    addi sp, sp, -128
    sd ra, 0(sp)
    sd t0, 8(sp)
    sd t1, 16(sp)
    sd t2, 24(sp)
    sd a0, 32(sp)
    sd a1, 40(sp)
    sd a2, 48(sp)
    sd a3, 56(sp)
    sd a4, 64(sp)
    sd a5, 72(sp)
    sd a6, 80(sp)
    sd a7, 88(sp)
    sd t3, 96(sp)
    sd t4, 104(sp)
    sd t5, 112(sp)
    sd t6, 120(sp)
    csrr a0, mcause
    call trap
    ld ra, 0(sp)
    ld t0, 8(sp)
    ld t1, 16(sp)
    ld t2, 24(sp)
    ld a0, 32(sp)
    ld a1, 40(sp)
    ld a2, 48(sp)
    ld a3, 56(sp)
    ld a4, 64(sp)
    ld a5, 72(sp)
    ld a6, 80(sp)
    ld a7, 88(sp)
    ld t3, 96(sp)
    ld t4, 104(sp)
    ld t5, 112(sp)
    ld t6, 120(sp)
    addi sp, sp, 128
    mret

    .data
    .globl booted
booted: .word 0
