/* A minimal runtime for Rivet's machine-level test programs (M-mode, -bios none, QEMU virt). */
#include <stdint.h>

#define UART0 0x10000000UL
#define FINISHER 0x100000UL
#define CLINT 0x2000000UL
#define PLIC 0xc000000UL

#define REG8(a) (*(volatile uint8_t *)(a))
#define REG32(a) (*(volatile uint32_t *)(a))
#define REG64(a) (*(volatile uint64_t *)(a))

#define MSIP(h) REG32(CLINT + 4 * (h))
#define MTIMECMP(h) REG64(CLINT + 0x4000 + 8 * (h))
#define MTIME REG64(CLINT + 0xbff8)

#define csr_read(csr) ({ unsigned long v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" ::"r"((unsigned long)(v)))
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" ::"r"((unsigned long)(v)))
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" ::"r"((unsigned long)(v)))

#define MIE_MSIE (1UL << 3)
#define MIE_MTIE (1UL << 7)
#define MIE_MEIE (1UL << 11)
#define MSTATUS_MIE (1UL << 3)

/*
 * Sleeps in WFI until cond holds, without the lost-wakeup race: the condition is checked
 * with MIE off, WFI still wakes on a pending enabled interrupt, and the interrupt is taken when
 * MIE is set again.
 */
#define WAIT_UNTIL(cond)                                 \
    do {                                                 \
        csr_clear(mstatus, MSTATUS_MIE);                 \
        while (!(cond)) {                                \
            __asm__ volatile("wfi");                     \
            csr_set(mstatus, MSTATUS_MIE);               \
            csr_clear(mstatus, MSTATUS_MIE);             \
        }                                                \
        csr_set(mstatus, MSTATUS_MIE);                   \
    } while (0)

static inline void putc(char c) {
    while ((REG8(UART0 + 5) & 0x20) == 0) {
    }
    REG8(UART0) = c;
}

static inline void puts(const char *s) {
    while (*s) {
        putc(*s++);
    }
}

static inline void putdec(unsigned long v) {
    char buf[24];
    int i = 0;
    do {
        buf[i++] = '0' + v % 10;
        v /= 10;
    } while (v);
    while (i) {
        putc(buf[--i]);
    }
}

static inline __attribute__((noreturn)) void pass(void) {
    REG32(FINISHER) = 0x5555;
    for (;;) {
    }
}

static inline __attribute__((noreturn)) void fail(unsigned code) {
    REG32(FINISHER) = (code << 16) | 0x3333;
    for (;;) {
    }
}

void trap(unsigned long mcause);
void secondary(unsigned long hartid);
int main(unsigned long fdt);
