# A tiny "kernel" for the debugger tests: M-mode boot opens PMP, installs an Sv39 table with two
# 1 GiB pages (identity at 0x8000_0000 and an alias at 0xffff_ffff_c000_0000, both for
# 0x8000_0000) and enters kernel_main in S-mode. An ECALL from S goes to m_trap (M-mode), which
# skips it.
    .section .text.start
    .globl _start
_start:
    la sp, __stacks
    li t0, 16384
    add sp, sp, t0
    la t0, m_trap
    csrw mtvec, t0
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    la t0, root_table
    srli t0, t0, 12
    li t1, 8 << 60
    or t0, t0, t1
    csrw satp, t0
    sfence.vma
    li t0, 3 << 11
    csrc mstatus, t0
    li t0, 1 << 11
    csrs mstatus, t0
    la t0, kernel_main
    csrw mepc, t0
    mret

    .align 2
    .globl m_trap
m_trap:
    csrw mscratch, t0
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    csrr t0, mscratch
    mret

    .text
    .globl s_ecall
s_ecall:
    ecall
    ret

    .data
    .align 12
    .globl root_table
root_table:
    .dword 0, 0
    .dword (0x80000000 >> 12) << 10 | 0xcf
    .fill 508, 8, 0
    .dword (0x80000000 >> 12) << 10 | 0xcf
