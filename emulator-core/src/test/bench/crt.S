/* Start-up for the MIPS benchmark guests: stack, FS on, optional Sv39 (identity gigapages, S-mode),
 * then main(); the result goes to the UART as hex and the finisher ends the run. */
    .section .text.init
    .globl _start
_start:
    la sp, stack_top
    li t0, 1 << 13
    csrs mstatus, t0
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
#ifdef SV39
    la t0, root
    li t1, (0x80000 << 10) | 0xcf      /* RAM gigapage: V R W X A D */
    sd t1, 16(t0)
    li t1, (0x00000 << 10) | 0xc7      /* devices gigapage: V R W A D */
    sd t1, 0(t0)
    srli t0, t0, 12
    li t1, 8 << 60
    or t0, t0, t1
    csrw satp, t0
    sfence.vma
    li t0, 3 << 11
    csrc mstatus, t0
    li t0, 1 << 11
    csrs mstatus, t0                  /* MPP = S */
    la t0, run
    csrw mepc, t0
    mret
#endif
run:
    call main
    li a1, 0x10000000
    li a3, 60
1:  srl a4, a0, a3
    andi a4, a4, 15
    li a5, 10
    blt a4, a5, 2f
    addi a4, a4, 39
2:  addi a4, a4, 48
    sb a4, 0(a1)
    addi a3, a3, -4
    bgez a3, 1b
    li a4, 10
    sb a4, 0(a1)
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)
3:  j 3b
    .bss
    .align 12
root: .space 4096
    .space 65536
stack_top:
