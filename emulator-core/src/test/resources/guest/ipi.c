/* -smp 2: LR/SC counting on both harts, then software interrupts (CLINT msip) back and forth. */
#include "rt.h"

#define ROUNDS 20000

static volatile unsigned long counter;
static volatile int finished_counting[2];
static volatile int hart1_got_ipi;
static volatile int hart0_got_ipi;

static void add_one(volatile unsigned long *p) {
    unsigned long old, fail_;
    do {
        __asm__ volatile("lr.d %0, (%2)\n\taddi %0, %0, 1\n\tsc.d %1, %0, (%2)"
                         : "=&r"(old), "=&r"(fail_) : "r"(p) : "memory");
    } while (fail_);
}

void trap(unsigned long mcause) {
    unsigned long hart = csr_read(mhartid);
    if (mcause != ((1UL << 63) | 3)) {
        fail(91);
    }
    MSIP(hart) = 0;
    if (hart == 1) {
        hart1_got_ipi = 1;
        MSIP(0) = 1; /* answer */
    } else {
        hart0_got_ipi = 1;
    }
}

void secondary(unsigned long hartid) {
    if (hartid != 1) {
        return;
    }
    for (int i = 0; i < ROUNDS; i++) {
        add_one(&counter);
    }
    finished_counting[1] = 1;
    csr_set(mie, MIE_MSIE);
    csr_set(mstatus, MSTATUS_MIE);
    for (;;) {
        __asm__ volatile("wfi");
    }
}

int main(unsigned long fdt) {
    for (int i = 0; i < ROUNDS; i++) {
        add_one(&counter);
    }
    while (!finished_counting[1]) {
    }
    if (counter != 2 * ROUNDS) {
        puts("counter ");
        putdec(counter);
        puts("\n");
        fail(94);
    }
    puts("counter ok\n");
    csr_set(mie, MIE_MSIE);
    csr_set(mstatus, MSTATUS_MIE);
    MSIP(1) = 1;
    WAIT_UNTIL(hart0_got_ipi);
    if (!hart1_got_ipi) {
        fail(95);
    }
    puts("ipi ok\n");
    pass();
}
