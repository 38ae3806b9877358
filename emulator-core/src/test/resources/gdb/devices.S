# For the side-effect-free peek test: routes UART receive interrupts (source 10) to hart 0's
# M-mode PLIC context, enables the UART's receive interrupt, then spins at `spin` (mie stays 0,
# so nothing is ever claimed or read by the guest).
    .section .text.start
    .globl _start
_start:
    li t0, 0x0c000028
    li t1, 1
    sw t1, 0(t0)
    li t0, 0x0c002000
    li t1, 1 << 10
    sw t1, 0(t0)
    li t0, 0x10000001
    li t1, 1
    sb t1, 0(t0)
    .globl spin
spin:
    j spin
