/* UART receive interrupts through the PLIC (source 10, hart 0's M context): echo each byte as
 * "<c>", pass on 'q'. The main loop sleeps in WFI; all input arrives by interrupt. */
#include "rt.h"

static volatile int done;

void secondary(unsigned long hartid) { }

void trap(unsigned long mcause) {
    if (mcause != ((1UL << 63) | 11)) {
        fail(91);
    }
    uint32_t source = REG32(PLIC + 0x200004);
    if (source != 10) {
        fail(92);
    }
    while (REG8(UART0 + 5) & 1) {
        char c = REG8(UART0);
        putc('<');
        putc(c);
        putc('>');
        if (c == 'q') {
            done = 1;
        }
    }
    REG32(PLIC + 0x200004) = source;
}

int main(unsigned long fdt) {
    puts("ready\n");
    REG32(PLIC + 4 * 10) = 1;          /* priority of the UART */
    REG32(PLIC + 0x2000) = 1u << 10;  /* enable for context 0: hart 0, M-mode */
    REG32(PLIC + 0x200000) = 0;       /* threshold */
    /* The FIFO stays off: enabling it would clear bytes typed before the program got here. */
    REG8(UART0 + 1) = 0x01;           /* receive-data interrupt */
    csr_set(mie, MIE_MEIE);
    csr_set(mstatus, MSTATUS_MIE);
    WAIT_UNTIL(done);
    puts("\nbye\n");
    pass();
}
