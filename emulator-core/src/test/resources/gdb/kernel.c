/* S-mode part of the debugger's Sv39 test program (see smode.S). */
void s_ecall(void);

#define ALIAS_OFFSET (0xffffffffc0000000UL - 0x80000000UL)

volatile unsigned long shared_value;

void kernel_main(void)
{
    volatile unsigned long *alias = (volatile unsigned long *)((unsigned long)&shared_value + ALIAS_OFFSET);
    *alias = 0x5eed;
    s_ecall(); /* ECALL_LINE */
    for (;;) {
        shared_value++;
    }
}
