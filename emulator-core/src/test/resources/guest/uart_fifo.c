/* Typed bytes in bursts through the UART's receive FIFO (trigger level 8) and the PLIC: each
 * interrupt prints "[IIR:bytes]" with every byte the FIFO holds, read in one go. Eight bytes
 * typed at once raise "received data available" (0xc4) when the eighth arrives, not before;
 * fewer wait for the character timeout (0xcc, four character times: 400 ms at the divisor set
 * here), also when the eight come in two halves a moment apart. Passes after 20 bytes. */
#include "rt.h"

#define RBR 0
#define IER 1
#define IIR 2
#define FCR 2
#define LCR 3
#define LSR 5

#define TOTAL 20

static volatile int received;

static void puthex2(unsigned v) {
    const char *digits = "0123456789abcdef";
    putc(digits[(v >> 4) & 15]);
    putc(digits[v & 15]);
}

void secondary(unsigned long hartid) { }

void trap(unsigned long mcause) {
    if (mcause != ((1UL << 63) | 11)) {
        fail(91);
    }
    uint32_t source = REG32(PLIC + 0x200004);
    if (source != 10) {
        fail(92);
    }
    char burst[32];
    int n = 0;
    unsigned iir = REG8(UART0 + IIR);
    while ((REG8(UART0 + LSR) & 1) && n < (int)sizeof burst) {
        burst[n++] = REG8(UART0 + RBR);
    }
    putc('[');
    puthex2(iir);
    putc(':');
    for (int i = 0; i < n; i++) {
        putc(burst[i]);
    }
    puts("]\n");
    received += n;
    REG32(PLIC + 0x200004) = source;
}

int main(unsigned long fdt) {
    REG8(UART0 + LCR) = 0x83;         /* divisor 4000: about 100 baud, 100 ms a character */
    REG8(UART0 + 0) = 4000 & 0xff;
    REG8(UART0 + 1) = 4000 >> 8;
    REG8(UART0 + LCR) = 0x03;
    REG8(UART0 + FCR) = 0x87;         /* FIFO on and cleared, trigger level 8 */
    REG32(PLIC + 4 * 10) = 1;
    REG32(PLIC + 0x2000) = 1u << 10;
    REG32(PLIC + 0x200000) = 0;
    REG8(UART0 + IER) = 0x01;
    puts("ready\n");                  /* the test types only after this */
    csr_set(mie, MIE_MEIE);
    csr_set(mstatus, MSTATUS_MIE);
    WAIT_UNTIL(received >= TOTAL);
    puts("bye\n");
    pass();
}
