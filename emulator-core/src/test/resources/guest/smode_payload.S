# An S-mode payload for firmware tests, linked at 0x80200000 where QEMU and Rivet put -kernel
# after OpenSBI: prints one line on the UART and passes through the test finisher.
    .globl _start
_start:
    li t0, 0x10000000
    la t1, msg
1:  lbu t2, 0(t1)
    beqz t2, 2f
3:  lbu t3, 5(t0)
    andi t3, t3, 0x20
    beqz t3, 3b
    sb t2, 0(t0)
    addi t1, t1, 1
    j 1b
2:  li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)
4:  j 4b
msg: .asciz "S-mode payload reached\n"
