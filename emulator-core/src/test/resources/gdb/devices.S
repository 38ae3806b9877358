# For the side-effect-free peek tests: routes UART receive interrupts (source 10) to hart 0's
# M-mode PLIC context, enables the UART's receive interrupt and FIFO (trigger level 1), gives
# LCR, MCR and SCR distinct values (8N1, DTR|RTS|OUT2, 0x5a), then spins at `spin` (mie stays 0,
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
    li t0, 0x10000000
    li t1, 1
    sb t1, 1(t0)        # IER: received data available
    li t1, 0x07
    sb t1, 2(t0)        # FCR: FIFO on, both FIFOs cleared, trigger level 1
    li t1, 0x03
    sb t1, 3(t0)        # LCR: 8 data bits, no parity, 1 stop bit
    li t1, 0x0b
    sb t1, 4(t0)        # MCR: DTR, RTS, OUT2
    li t1, 0x5a
    sb t1, 7(t0)        # SCR
    .globl spin
spin:
    j spin
# The debugger moves the pc here to make the guest read the receive buffer (t0 is the UART).
    .globl read_rbr
read_rbr:
    lbu a0, 0(t0)
    j spin
