/* CLINT timer interrupts: five ticks 1 ms apart; mtime must have advanced by at least 5 ms. */
#include "rt.h"

static volatile unsigned ticks;

void secondary(unsigned long hartid) { }

void trap(unsigned long mcause) {
    if (mcause != ((1UL << 63) | 7)) {
        fail(91);
    }
    ticks++;
    MTIMECMP(0) = MTIME + 10000;
}

int main(unsigned long fdt) {
    uint64_t start = MTIME;
    MTIMECMP(0) = start + 10000;
    csr_set(mie, MIE_MTIE);
    csr_set(mstatus, MSTATUS_MIE);
    WAIT_UNTIL(ticks >= 5);
    csr_clear(mstatus, MSTATUS_MIE);
    if (MTIME - start < 50000) {
        fail(93);
    }
    puts("ticks ");
    putdec(ticks);
    puts("\n");
    pass();
}
