# Entry of the debugger test program: a stack per hart, mtvec = trap_vector; hart 0 runs main(),
# the others secondary(). trap_vector skips the trapping instruction (ecall) and returns.
    .section .text.start
    .globl _start
_start:
    csrr t0, mhartid
    la sp, __stacks
    addi t1, t0, 1
    li t2, 16384
    mul t1, t1, t2
    add sp, sp, t1
    la t3, trap_vector
    csrw mtvec, t3
    bnez t0, 1f
    call main
2:  j 2b
1:  call secondary
3:  j 3b

    .text
    .globl do_ecall
do_ecall:
    ecall
    ret

    .align 2
    .globl trap_vector
trap_vector:
    csrw mscratch, t0
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    csrr t0, mscratch
    mret
