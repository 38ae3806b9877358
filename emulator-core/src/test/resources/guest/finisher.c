/* Ends the run through the SiFive test finisher: pass, fail with CODE, or reset (0x7777). */
#include "rt.h"

void trap(unsigned long mcause) { fail(90); }
void secondary(unsigned long hartid) { }

int main(unsigned long fdt) {
    puts("finisher\n");
#if defined(RESET)
    REG32(FINISHER) = 0x7777;
    for (;;) {
    }
#elif CODE == 0
    pass();
#else
    fail(CODE);
#endif
}
